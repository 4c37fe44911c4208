#!/usr/bin/env bash
# The README's main command on a fresh Debian machine (as root): provision, build, and run one
# bundled golden case with the C side in a container (docker backend) and the Java simulator,
# writing an evidence bundle under reports/ and verifying it.
#
# usage: scripts/setup-and-run.sh [CASE...]   (default: v01_mosflm_cubic_noise)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=("$@")
[ "${#cases[@]}" -gt 0 ] || cases=(v01_mosflm_cubic_noise)

t0=$(date +%s)
./scripts/provision.sh
echo "setup-and-run: building (mvn -B -ntp -DskipTests package)"
mvn -B -ntp -q -DskipTests package
echo "setup-and-run: built in $(( $(date +%s) - t0 )) s; running ${cases[*]}"
# Testcontainers offline (../shared/docs/containers.md section 2): the docker backend needs these.
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true TESTCONTAINERS_HOST_OVERRIDE=localhost
# The bundles are signed with this machine's key (made once, outside the repository) and checked
# against it: VERIFIED needs a signature by a trusted key (harness/README.md, "Verifying a bundle").
key=${NBPARITY_SIGN_KEY:-$HOME/.nbparity/key.pem}
if [ ! -f "$key" ]; then
    mkdir -p "$(dirname "$key")"
    bin/nbparity keygen "$key"
fi
rc=0
bin/nbparity run --c-backend docker --sign-key "$key" "${cases[@]}" || rc=$?
# The newest bundle of each case must verify (hashes, every metrics.json number recomputed, signature by the trusted key).
for c in "${cases[@]}"; do
    b=$(ls -1d reports/*_"${c}"_* 2>/dev/null | sort | tail -n 1 || true)
    if [ -n "$b" ]; then
        bin/nbparity verify "$b" --trusted-keys "$key.pub" || rc=$((rc == 0 ? 1 : rc))
        (cd "$b" && sha256sum -c --quiet SHA256SUMS) && echo "setup-and-run: $b: sha256sum -c OK" || rc=$((rc == 0 ? 1 : rc))
    else
        echo "setup-and-run: no bundle for $c under reports/" >&2
        [ "$rc" -ne 0 ] || rc=3
    fi
done
echo "setup-and-run: done in $(( $(date +%s) - t0 )) s (exit $rc: 0 pass, 1 parity failure, 2 usage, 3 environment)"
exit "$rc"
