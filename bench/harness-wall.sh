#!/usr/bin/env bash
# Wall time of one nbparity case against its parts (issue 13 item 4): the C program alone, the
# Java simulator alone, then the whole `nbparity run` (C and Java renders, traces, comparison,
# bundle), alternating, --reps rounds. Prints each wall, the medians, ratio = median(run) /
# (median(C) + median(Java)), each run's phases (from its progress lines) and the bundle size.
#
#   bench/harness-wall.sh --c-bin PATH [--case FILE] [--threads N] [--reps N] [--reports DIR]
#
# Default case: bench/cases/perf_supervisor_full.json (the supervisor command, full frame;
# A.mat and scaled.hkl are read from ../shared/golden/inputs, never copied). The C program runs
# serial (OMP_NUM_THREADS=1), Java with -threads N (default 2), as `nbparity run --threads N`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
case_file=$here/bench/cases/perf_supervisor_full.json
c_bin=
threads=2
reps=3
reports=$(mktemp -d)
while [ $# -gt 0 ]; do
    case "$1" in
        --c-bin) c_bin=$2; shift ;;
        --case) case_file=$2; shift ;;
        --threads) threads=$2; shift ;;
        --reps) reps=$2; shift ;;
        --reports) reports=$2; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "bench/harness-wall.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$c_bin" ] || { echo "bench/harness-wall.sh: --c-bin PATH is required" >&2; exit 2; }
[ -x "$c_bin" ] || { echo "bench/harness-wall.sh: --c-bin $c_bin is not executable" >&2; exit 2; }
case "$reps" in ''|*[!0-9]*|0) echo "bench/harness-wall.sh: --reps must be a positive integer" >&2; exit 2 ;; esac
jar=$here/simulator/target/nanobragg.jar
[ -f "$jar" ] || { echo "bench/harness-wall.sh: $jar missing (mvn -B package)" >&2; exit 3; }
[ -f "$here/harness/target/nbparity.jar" ] || { echo "bench/harness-wall.sh: harness jar missing (mvn -B package)" >&2; exit 3; }

# the case's argv and inputs (repository-relative sources)
mapfile -t argv < <(python3 -c 'import json,sys; [print(a) for a in json.load(open(sys.argv[1]))["argv"]]' "$case_file")
mapfile -t inputs < <(python3 -c 'import json,sys; [print(i["name"] + "\t" + i["source"]) for i in json.load(open(sys.argv[1]))["inputs"]]' "$case_file")
fresh() { # a fresh directory holding the inputs (symbolic links: nothing is copied)
    local d; d=$(mktemp -d)
    for i in "${inputs[@]}"; do ln -s "$(cd "$here" && realpath "${i#*$'\t'}")" "$d/${i%%$'\t'*}"; done
    echo "$d"
}
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

cw=(); jw=(); rw=()
for r in $(seq 1 "$reps"); do
    d=$(fresh); t0=$(now); (cd "$d" && OMP_NUM_THREADS=1 "$c_bin" "${argv[@]}" >/dev/null 2>&1); t1=$(now); rm -rf "$d"
    cw+=("$(echo "$t1 - $t0" | bc)")
    d=$(fresh); t0=$(now); (cd "$d" && java -jar "$jar" -mode compat -threads "$threads" "${argv[@]}" >/dev/null 2>&1); t1=$(now); rm -rf "$d"
    jw+=("$(echo "$t1 - $t0" | bc)")
    log=$(mktemp); t0=$(now)
    "$here/bin/nbparity" run "$case_file" --threads "$threads" --c-bin "$c_bin" --reports "$reports" >/dev/null 2>"$log" || true
    t1=$(now)
    rw+=("$(echo "$t1 - $t0" | bc)")
    echo "round $r: C ${cw[-1]} s, Java ${jw[-1]} s, nbparity run ${rw[-1]} s"
    sed 's/^/    /' "$log"; rm -f "$log"
done
mc=$(median "${cw[@]}"); mj=$(median "${jw[@]}"); mr=$(median "${rw[@]}")
echo "median: C $mc s, Java $mj s, nbparity run $mr s; ratio run/(C+Java) = $(echo "scale=3; $mr / ($mc + $mj)" | bc)"
for b in "$reports"/*/; do
    echo "bundle $(basename "$b"): $(du -sb "$b" | cut -f1) bytes"
done
