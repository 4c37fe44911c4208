#!/usr/bin/env bash
# Whole-run timings: the Java simulator (bin/nanobragg) against C builds of nanoBragg, same argv,
# same thread count, same float image (a fast wrong run does not count).
#
#   bench/run.sh [--short] [--reps N] [--threads "1 2"] [--cases "a b c"] [--targets "ref upstream"]
#                [--scaling "a"]
#
# C targets (each one run against Java, pair by pair, C and Java alternating):
#   ref          c-reference/nanobragg-ref (built with make; serial, 1 thread)
#   ref-omp      c-reference built with OPENMP=1 into a temp dir (OMP_NUM_THREADS=T)
#   upstream     $NB_C_BIN      (a serial nanoBragg built outside the repo; 1 thread)
#   upstream-omp $NB_C_BIN_OMP  (an OpenMP nanoBragg; OMP_NUM_THREADS=T)
# Java runs with -threads T, and -compat_threads T against an OpenMP build (upstream's OpenMP image
# depends on its thread count, render.md 5.1), -compat_threads 1 against a serial one.
#
# Cases: (a) the supervisor command, full frame (perf-cases.md; A.mat and scaled.hkl from
# ../shared/golden/inputs, linked into each run's fresh temp dir, never copied into the repo);
# (b) 1024x1024 cubic cell, -mosaic 0.5 -mosaic_dom 100; (c) -oversample 3 with beam divergence
# and spectral dispersion. --short: tiny frames (ROI for (a)), 1 repetition, no warm-up, no timing
# gate: it checks this script and the image equality (exit 1 on any image mismatch).
#
# Scaling (issue 7's third gate, on the cases of --scaling; "" skips it): Java -threads 1 against
# -threads 2, alternating, one warm-up pair then --reps pairs; speed-up = median over pairs of
# wall(1)/wall(2). Each Java run prints its phases (-Dnb.timing=true: JVM start-up, parse, setup,
# render, output); their medians show which part of a run scales. Both images must be identical.
#
# Results: bench/results/<stamp>.json and .md (and latest.json/latest.md); a wall time is the
# median of --reps runs after one warm-up pair; ratio = median over pairs of Java/C. Each row also
# gives the case's evaluations (pixels x layers x subpixels x sources x phi x mosaic, from the run's
# stdout) per second of median wall per thread, for C and Java, a throughput that compares across cases.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${NB_SHARED:-$here/../shared}
inputs=$shared/golden/inputs

short=0
reps=5
threads="1 2"
cases="a b c"
targets=""
scaling="a"
while [ $# -gt 0 ]; do
    case "$1" in
        --short) short=1 ;;
        --reps) reps=$2; shift ;;
        --threads) threads=$2; shift ;;
        --cases) cases=$2; shift ;;
        --targets) targets=$2; shift ;;
        --scaling) scaling=$2; shift ;;
        -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
        *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
if [ "$short" = 1 ]; then
    reps=1
fi
case "$reps" in ''|*[!0-9]*|0) echo "bench/run.sh: --reps must be a positive integer" >&2; exit 2 ;; esac

timebin=/usr/bin/time
[ -x "$timebin" ] || { echo "bench/run.sh: $timebin not found (Debian package 'time'; scripts/provision.sh installs it)" >&2; exit 2; }
[ -f "$here/simulator/target/nanobragg.jar" ] || (cd "$here" && mvn -q -B -o -DskipTests package -pl simulator -am)
make -s -C "$here/c-reference" nanobragg-ref tools/nbcmp >/dev/null
nbcmp=$here/c-reference/tools/nbcmp

work=$(mktemp -d "${TMPDIR:-/tmp}/nbbench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- C targets ----
declare -A cbin comp
add_target() { cbin[$1]=$2; comp[$1]=$3; }
add_target ref "$here/c-reference/nanobragg-ref" 0
if [ -z "$targets" ] || [[ " $targets " == *" ref-omp "* ]]; then
    if make -s -C "$here/c-reference" OPENMP=1 BIN="$work/nanobragg-ref-omp" "$work/nanobragg-ref-omp" >"$work/omp-build.log" 2>&1; then
        add_target ref-omp "$work/nanobragg-ref-omp" 1
    else
        echo "bench/run.sh: OpenMP build of c-reference failed (see make OPENMP=1); ref-omp skipped" >&2
    fi
fi
[ -n "${NB_C_BIN:-}" ] && add_target upstream "$NB_C_BIN" 0
[ -n "${NB_C_BIN_OMP:-}" ] && add_target upstream-omp "$NB_C_BIN_OMP" 1
if [ -z "$targets" ]; then
    targets=""
    for t in ref ref-omp upstream upstream-omp; do
        [ -n "${cbin[$t]:-}" ] && targets="$targets $t"
    done
fi
for t in $targets; do
    [ -n "${cbin[$t]:-}" ] || { echo "bench/run.sh: target $t not available (NB_C_BIN / NB_C_BIN_OMP unset?)" >&2; exit 2; }
    [ -x "${cbin[$t]}" ] || { echo "bench/run.sh: ${cbin[$t]} is not executable" >&2; exit 2; }
done

# ---- cases ----
sup="-mat A.mat -floatfile img.bin -hkl scaled.hkl -nonoise -nointerpolate -oversample 1 -exposure 1
-flux 1e18 -beamsize 1.0 -spindle_axis -1 0 0 -Xbeam 217.742295 -Ybeam 213.907080
-distance 231.274660 -lambda 0.976800 -pixel 0.172 -detpixels_x 2463 -detpixels_y 2527
-odet_vector -0.000088 0.004914 -0.999988 -sdet_vector -0.005998 -0.999970 -0.004913
-fdet_vector 0.999982 -0.005998 -0.000118 -pix0_vector_mm -216.336293 215.205512 -230.200866
-beam_vector 0.00051387949 0.0 -0.99999986 -Na 36 -Nb 47 -Nc 29 -osc 0.1 -phi 0 -phisteps 10
-detector_rotx 0 -detector_roty 0 -detector_rotz 0 -twotheta 0"
cubic="-default_F 100 -cell 100 100 100 90 90 90 -lambda 1 -N 5 -distance 100 -pixel 0.1 -mosflm -phisteps 1 -floatfile img.bin -nonoise"
declare -A argv desc
if [ "$short" = 1 ]; then
    argv[a]="$sup -roi 1200 1231 1200 1231"
    argv[b]="$cubic -oversample 1 -detpixels 64 -mosaic 0.5 -mosaic_dom 10"
    argv[c]="$cubic -detpixels 32 -oversample 3 -hdivrange 0.1 -vdivrange 0.1 -hdivstep 0.05 -vdivstep 0.05 -dispersion 0.1 -dispsteps 3"
else
    argv[a]="$sup"
    argv[b]="$cubic -oversample 1 -detpixels 1024 -mosaic 0.5 -mosaic_dom 100"
    argv[c]="$cubic -detpixels 1024 -oversample 3 -hdivrange 0.1 -vdivrange 0.1 -hdivstep 0.05 -vdivstep 0.05 -dispersion 0.1 -dispsteps 3"
fi
desc[a]="supervisor full frame (2463x2527, 10 phi steps, -mat, scaled.hkl)"
desc[b]="cubic 1024x1024, -mosaic 0.5 -mosaic_dom 100"
desc[c]="cubic 1024x1024, -oversample 3, divergence 3x3, dispersion 3 steps"
[ "$short" = 1 ] && desc[a]="supervisor, ROI 32x32" && desc[b]="cubic 64x64, mosaic 10 domains" && desc[c]="cubic 32x32, -oversample 3, divergence, dispersion"

# the phases a Java run prints with -Dnb.timing=true (cli.PhaseClock), in order
phases=(startup parse setup render output)

# run_one KIND(c|j) TARGET T CASE OUTDIR: one run in a fresh temp dir; prints "wall user sys rssKB"
run_one() {
    local kind=$1 tgt=$2 t=$3 cs=$4 out=$5 d
    d=$(mktemp -d "$work/run.XXXXXX")
    ln -s "$inputs/A.mat" "$d/A.mat"
    ln -s "$inputs/scaled.hkl" "$d/scaled.hkl"
    # shellcheck disable=SC2086
    if [ "$kind" = c ]; then
        # c-reference emulates upstream's OpenMP row blocks only when told (-compat_threads; it
        # never reads OMP_NUM_THREADS): without it ref-omp at T=2 rendered the serial image
        local cflags=""
        [ "$tgt" = ref-omp ] && cflags="-compat_threads $t"
        (cd "$d" && OMP_NUM_THREADS=$t "$timebin" -f "%e %U %S %M" -o "$d/.time" "${cbin[$tgt]}" $cflags ${argv[$cs]} >"$d/.stdout" 2>"$d/.stderr") || { echo "bench/run.sh: C run failed ($tgt case $cs T=$t): $(tail -1 "$d/.stderr")" >&2; exit 1; }
    else
        local ct=1
        [ "${comp[$tgt]}" = 1 ] && ct=$t
        (cd "$d" && NB_JAVA_OPTS="${NB_JAVA_OPTS:-} ${jtiming:-}" "$timebin" -f "%e %U %S %M" -o "$d/.time" "$here/bin/nanobragg" ${argv[$cs]} -threads "$t" -compat_threads "$ct" >"$d/.stdout" 2>"$d/.stderr") || { echo "bench/run.sh: Java run failed (case $cs T=$t): $(tail -1 "$d/.stderr")" >&2; exit 1; }
    fi
    mv "$d/img.bin" "$out"
    mv "$d/.stdout" "$out.stdout"
    if [ -n "${jtiming:-}" ]; then
        # "wall user sys rssKB" and the phases' seconds
        printf '%s' "$(tail -1 "$d/.time")"
        for phase in "${phases[@]}"; do
            printf ' %s' "$(sed -n "s/^nanobragg: timing $phase \([0-9.]*\) s\$/\1/p" "$d/.stderr" | tail -1)"
        done
        echo
    else
        tail -1 "$d/.time"
    fi
    rm -rf "$d"
}

# evaluations STDOUT: pixels x layers x subpixels x sources x phi steps x mosaic domains of a run,
# from the counts nanoBragg prints (the Java prints the same lines): the work of the pixel loop,
# comparable across cases
evaluations() {
    awk '
        / sources$/ && NF == 2 { src = $1 }
        /mosaic domains over mosaic spread/ { mos = $1 }
        /phi steps from/ { phi = $1 }
        /pixel oversample steps/ { split($1, o, "x"); sub_ = o[1] * o[2] }
        /sensor is .* thick in .* layers/ { for (i = 1; i <= NF; i++) if ($i == "layers") lay = $(i - 1) }
        /pixels\)$/ { for (i = 1; i <= NF; i++) if ($i ~ /^\([0-9]+x[0-9]+$/) { split(substr($i, 2), m, "x"); fp = m[1]; sp = m[2] } }
        /^  roi: / { x0 = $2; x1 = $6; y0 = $8; y1 = $12 }
        END {
            if (x1 > fp - 1) x1 = fp - 1
            if (y1 > sp - 1) y1 = sp - 1
            px = (x1 - x0 + 1) * (y1 - y0 + 1)
            printf "%.0f\n", px * lay * sub_ * src * phi * mos
        }' "$1"
}

median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "null"} else if (NR%2) {print v[(NR+1)/2]} else {printf "%.4f\n", (v[NR/2]+v[NR/2+1])/2}}'; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)
ncpu=$(nproc)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$here/bench/results"
json="$here/bench/results/$stamp.json"
md="$here/bench/results/$stamp.md"
[ "$short" = 1 ] && json="$work/short.json" && md="$work/short.md"

mismatch=0
rows=""
{
    echo "# nanoBragg whole-run benchmark ($stamp)"
    echo
    echo "CPU: $cpu, $ncpu cores; load average at start: $load0; reps: $reps (after 1 warm-up pair$([ "$short" = 1 ] && echo ', short mode: no warm-up'))."
    echo "Java: $(java -version 2>&1 | head -1). Ratio = median over pairs of Java/C (C and Java runs alternate)."
    echo
    echo "Evaluations = pixels x layers x subpixels x sources x phi steps x mosaic domains (the pixel loop's innermost"
    echo "iterations, counted from the run's stdout); per second per thread = evaluations / median wall / threads."
    echo
    echo "Java/C CPU = median over pairs of the (user + sys) CPU time ratio: on a loaded machine it moves less than the wall ratio."
    echo
    echo "| case | C target | threads | evaluations | C wall s | Java wall s | Java/C | Java/C CPU | C Meval/s/thread | Java Meval/s/thread | C RSS MB | Java RSS MB | image |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$md"
for cs in $cases; do
    [ -n "${argv[$cs]:-}" ] || { echo "bench/run.sh: unknown case $cs" >&2; exit 2; }
    for tgt in $targets; do
        for t in $threads; do
            [ "${comp[$tgt]}" = 0 ] && [ "$t" != 1 ] && continue
            cw=(); jw=(); cr=(); jr=(); rat=(); crat=()
            same=1; ndiff=0
            n=$((reps + 1))
            [ "$short" = 1 ] && n=1
            for ((i = 0; i < n; i++)); do
                read -r cwall cuser csys crss < <(run_one c "$tgt" "$t" "$cs" "$work/c.bin")
                read -r jwall juser jsys jrss < <(run_one j "$tgt" "$t" "$cs" "$work/j.bin")
                if ! cmp -s "$work/c.bin" "$work/j.bin"; then
                    same=0
                    ndiff=$("$nbcmp" ndiff "$work/c.bin" "$work/j.bin" 2>/dev/null || echo '?')
                fi
                if [ "$short" = 1 ] || [ "$i" -gt 0 ]; then
                    cw+=("$cwall"); jw+=("$jwall"); cr+=("$crss"); jr+=("$jrss")
                    rat+=("$(awk -v a="$jwall" -v b="$cwall" 'BEGIN {printf "%.4f", (b > 0 ? a / b : 0)}')")
                    crat+=("$(awk -v a="$juser" -v b="$jsys" -v c="$cuser" -v d="$csys" 'BEGIN {printf "%.4f", (c + d > 0 ? (a + b) / (c + d) : 0)}')")
                fi
                echo "bench: case $cs $tgt T=$t run $i: C ${cwall}s Java ${jwall}s" >&2
            done
            mc=$(printf '%s\n' "${cw[@]}" | median)
            mj=$(printf '%s\n' "${jw[@]}" | median)
            mr=$(printf '%s\n' "${rat[@]}" | median)
            mcr=$(printf '%s\n' "${crat[@]}" | median)
            rc=$(printf '%s\n' "${cr[@]}" | sort -g | tail -1)
            rj=$(printf '%s\n' "${jr[@]}" | sort -g | tail -1)
            npix=$(($(stat -c %s "$work/c.bin") / 4))
            if [ "$same" = 1 ]; then img="identical ($npix floats)"; else img="DIFFER: $ndiff of $npix floats"; mismatch=1; fi
            nev=$(evaluations "$work/c.bin.stdout")
            ecs=$(awk -v e="$nev" -v w="$mc" -v t="$t" 'BEGIN {printf "%.2f", (w > 0 ? e / w / t / 1e6 : 0)}')
            ejs=$(awk -v e="$nev" -v w="$mj" -v t="$t" 'BEGIN {printf "%.2f", (w > 0 ? e / w / t / 1e6 : 0)}')
            echo "| ${desc[$cs]} | $tgt | $t | $nev | $mc | $mj | $mr | $mcr | $ecs | $ejs | $((rc / 1024)) | $((rj / 1024)) | $img |" >>"$md"
            row=$(printf '{"case":"%s","description":"%s","c_target":"%s","c_binary":"%s","threads":%s,"java_compat_threads":%s,"reps":%s,"c_wall_s":[%s],"java_wall_s":[%s],"ratio_pairs":[%s],"c_wall_median_s":%s,"java_wall_median_s":%s,"ratio_median":%s,"cpu_ratio_pairs":[%s],"cpu_ratio_median":%s,"c_peak_rss_kb":%s,"java_peak_rss_kb":%s,"image_identical":%s,"image_differing_floats":%s,"image_floats":%s,"evaluations":%s,"c_meval_per_s_per_thread":%s,"java_meval_per_s_per_thread":%s}' \
                "$cs" "${desc[$cs]}" "$tgt" "${cbin[$tgt]}" "$t" "$([ "${comp[$tgt]}" = 1 ] && echo "$t" || echo 1)" "${#cw[@]}" \
                "$(IFS=,; echo "${cw[*]}")" "$(IFS=,; echo "${jw[*]}")" "$(IFS=,; echo "${rat[*]}")" \
                "$mc" "$mj" "$mr" "$(IFS=,; echo "${crat[*]}")" "$mcr" "$rc" "$rj" "$([ "$same" = 1 ] && echo true || echo false)" \
                "$([ "$same" = 1 ] && echo 0 || { [ "$ndiff" = '?' ] && echo null || echo "$ndiff"; })" "$npix" "$nev" "$ecs" "$ejs")
            rows="${rows:+$rows,
}  $row"
        done
    done
done
# ---- Java scaling: -threads 1 against -threads 2 ----
srows=""
if [ -n "$scaling" ]; then
    {
        echo
        echo "## Java scaling: -threads 1 against -threads 2"
        echo
        echo "Speed-up = median over pairs of wall(1)/wall(2); phases are medians (\`-Dnb.timing=true\`; \"other\" = wall minus the phases: launcher, JVM exit)."
        echo
        echo "| case | threads | wall s | start-up s | parse s | setup s | render s | output s | other s | speed-up | render speed-up | image |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    } >>"$md"
fi
for cs in $scaling; do
    [ -n "${argv[$cs]:-}" ] || { echo "bench/run.sh: unknown case $cs" >&2; exit 2; }
    declare -A ph=()
    w1=(); w2=(); sp=()
    same=1
    n=$((reps + 1))
    [ "$short" = 1 ] && n=1
    for ((i = 0; i < n; i++)); do
        # target "ref" only selects -compat_threads 1: both thread counts render the same image
        read -r -a r1 < <(jtiming=-Dnb.timing=true run_one j ref 1 "$cs" "$work/j1.bin")
        read -r -a r2 < <(jtiming=-Dnb.timing=true run_one j ref 2 "$cs" "$work/j2.bin")
        cmp -s "$work/j1.bin" "$work/j2.bin" || same=0
        [ "${#r1[@]}" = $((4 + ${#phases[@]})) ] && [ "${#r2[@]}" = $((4 + ${#phases[@]})) ] || { echo "bench/run.sh: a Java run printed no phase timings (case $cs)" >&2; exit 1; }
        echo "bench: scaling case $cs run $i: T=1 ${r1[0]}s T=2 ${r2[0]}s" >&2
        if [ "$short" = 1 ] || [ "$i" -gt 0 ]; then
            w1+=("${r1[0]}"); w2+=("${r2[0]}")
            sp+=("$(awk -v a="${r1[0]}" -v b="${r2[0]}" 'BEGIN {printf "%.4f", (b > 0 ? a / b : 0)}')")
            for k in "${!phases[@]}"; do
                ph[1,$k]="${ph[1,$k]:-} ${r1[$((4 + k))]}"
                ph[2,$k]="${ph[2,$k]:-} ${r2[$((4 + k))]}"
            done
        fi
    done
    msp=$(printf '%s\n' "${sp[@]}" | median)
    declare -A mw=([1]=$(printf '%s\n' "${w1[@]}" | median) [2]=$(printf '%s\n' "${w2[@]}" | median))
    declare -A pm=() pj=()
    for t in 1 2; do
        for k in "${!phases[@]}"; do
            # shellcheck disable=SC2086
            pm[$t,$k]=$(printf '%s\n' ${ph[$t,$k]} | median)
            pj[$t]="${pj[$t]:+${pj[$t]},}\"${phases[$k]}\":${pm[$t,$k]}"
        done
    done
    for k in "${!phases[@]}"; do
        if [ "${phases[$k]}" = render ]; then render=$k; fi
    done
    rsp=$(awk -v a="${pm[1,$render]}" -v b="${pm[2,$render]}" 'BEGIN {printf "%.3f", (b > 0 ? a / b : 0)}')
    [ "$same" = 1 ] && img=identical || { img=DIFFER; mismatch=1; }
    for t in 1 2; do
        label=""
        if [ "$t" = 1 ]; then label=${desc[$cs]}; fi
        row="| $label | $t | ${mw[$t]} |"
        other=${mw[$t]}
        for k in "${!phases[@]}"; do
            row="$row ${pm[$t,$k]} |"
            other=$(awk -v w="$other" -v p="${pm[$t,$k]}" 'BEGIN {printf "%.3f", w - p}')
        done
        if [ "$t" = 1 ]; then row="$row $other | | | |"; else row="$row $other | **$msp** | $rsp | $img |"; fi
        echo "$row" >>"$md"
    done
    srow=$(printf '{"case":"%s","description":"%s","reps":%s,"wall_1_s":[%s],"wall_2_s":[%s],"speedup_pairs":[%s],"speedup_median":%s,"wall_1_median_s":%s,"wall_2_median_s":%s,"phases_1_median_s":{%s},"phases_2_median_s":{%s},"render_speedup":%s,"images_identical":%s}' \
        "$cs" "${desc[$cs]}" "${#w1[@]}" "$(IFS=,; echo "${w1[*]}")" "$(IFS=,; echo "${w2[*]}")" "$(IFS=,; echo "${sp[*]}")" \
        "$msp" "${mw[1]}" "${mw[2]}" "${pj[1]}" "${pj[2]}" "$rsp" "$([ "$same" = 1 ] && echo true || echo false)")
    srows="${srows:+$srows,
}  $srow"
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
echo >>"$md"
echo "Load average at end: $load1. Wall times on a shared machine: only ratios of adjacent runs are meaningful." >>"$md"
printf '{"stamp":"%s","short":%s,"cpu":"%s","cores":%s,"load_start":"%s","load_end":"%s","reps":%s,"results":[\n%s\n],"scaling":[\n%s\n]}\n' \
    "$stamp" "$([ "$short" = 1 ] && echo true || echo false)" "$cpu" "$ncpu" "$load0" "$load1" "$reps" "$rows" "$srows" >"$json"
if [ "$short" = 0 ]; then
    cp "$json" "$here/bench/results/latest.json"
    cp "$md" "$here/bench/results/latest.md"
fi
cat "$md"
[ "$mismatch" = 0 ] || { echo "bench/run.sh: an image differs (Java against C, or Java -threads 1 against 2)" >&2; exit 1; }
