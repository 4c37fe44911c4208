#!/usr/bin/env bash
# Shrink time per golden case with an injected bug (issue 13 item 2): for each golden case a
# stand-in C (harness/src/test/c/bugwrap.c around c-reference/nanobragg-ref, stdout discarded so it
# prints no trace) scales the float image by 1.03 when a flag the case uses is present; then
# `nbparity shrink CASE --c-bin WRAPPER` runs and we record its probes, wall time and needs, and
# check that the needs name the bug's flag. Results: bench/results/shrink-golden.{json,md}.
# Usage: bench/shrink-golden.sh [--parallel N] [--cases "v01 v03"]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
parallel=2
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --parallel) parallel="$2"; shift 2 ;;
    --cases) only="$2"; shift 2 ;;
    *) echo "usage: $0 [--parallel N] [--cases \"ids\"]" >&2; exit 2 ;;
  esac
done
# case id, bug conditions (bugwrap NB_TRIGGER), the flag the needs must name
table="v01_mosflm_cubic_noise|-Xbeam|-Xbeam
v02_xds_triclinic_misset|-oversample>=2|-oversample
v03_denzo_mat_sparsehkl_phi|-phi=0,-phisteps>=2|-phisteps
v04_adxv_round_mosaic_div|-mosaic_dom>=2|-mosaic_dom
v05_custom_vectors_rot_twotheta|-dispsteps>=2|-dispsteps
v06_dials_gauss_thick_water_noise|-water|-water
v07_interpolate_tophat_curved|-interpolate|-interpolate
v08_mosflm_thick_oversample_flags|-detector_thick|-detector_thick
v09_denzo_twotheta_os2_trailing_curved|-twotheta|-twotheta"
make -s -C "$here/c-reference" >&2
[ -f "$here/harness/target/nbparity.jar" ] || (cd "$here" && mvn -q -B -ntp -DskipTests package >&2)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
out="$here/bench/results"
mkdir -p "$out"
json="["
md="| case | bug when | probes | seconds | needs | names the flag |\n|---|---|---|---|---|---|\n"
n=0
while IFS='|' read -r id trigger flag; do
  if [ -n "$only" ] && ! grep -qw -- "${id%%_*}" <<<"$only"; then continue; fi
  n=$((n + 1))
  gcc -std=c99 -O2 -DNB_REAL="\"$here/c-reference/nanobragg-ref\"" -DNB_TRIGGER="\"$trigger\"" \
      -o "$tmp/bug$n" "$here/harness/src/test/c/bugwrap.c"
  code=0
  "$here/bin/nbparity" shrink "$id" --c-bin "$tmp/bug$n" --parallel "$parallel" --out "$tmp/$id.json" \
      >"$tmp/$id.out" 2>"$tmp/$id.err" || code=$?
  if [ "$code" != 1 ]; then
    echo "shrink $id: exit $code (expected 1)" >&2; cat "$tmp/$id.out" "$tmp/$id.err" >&2; exit 1
  fi
  row="$(python3 - "$tmp/$id.json" "$flag" "$trigger" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
named = any(sys.argv[2] in n["flags"] for n in r["needs"])
print(json.dumps({"case": r["case"], "trigger": sys.argv[3], "probes": r["probes"], "seconds": r["seconds"],
                  "needs": r["needs_text"], "names_flag": named, "minimal_argv": r["minimal_argv"]}))
PY
)"
  echo "$row" >&2
  json="$json$row,"
  md="$md$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("| %s | `%s` | %d | %.1f | `%s` | %s |" % (r["case"], r["trigger"], r["probes"], r["seconds"], r["needs"], "yes" if r["names_flag"] else "NO"))' "$row")\n"
done <<<"$table"
json="${json%,}]"
printf '%s\n' "$json" | python3 -m json.tool >"$out/shrink-golden.json"
printf "%b" "$md" | tee "$out/shrink-golden.md"
python3 -c 'import json,sys; sys.exit(0 if all(r["names_flag"] for r in json.load(open(sys.argv[1]))) else 1)' "$out/shrink-golden.json"
