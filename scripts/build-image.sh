#!/usr/bin/env bash
# Build the C image from the repository's Dockerfile with the docker CLI, with no network, and put
# the build's provenance (source/binary sha256, toolchain) into the image labels org.nbparity.*.
# This is what the harness's DockerBackend does through the Engine API; use it by hand.
#
# usage: scripts/build-image.sh [--source DIR] [--tag TAG]
#   --source DIR  a user-supplied nanoBragg-compatible C source directory (default: c-reference/)
#   --tag TAG     image tag (default localhost/nbparity-c:reference, or localhost/nbparity-c:user)
# env: NBPARITY_BASE_IMAGE (default localhost/nbparity-base:bookworm, made by scripts/provision.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BASE=${NBPARITY_BASE_IMAGE:-localhost/nbparity-base:bookworm}
SOURCE=
TAG=
while [ $# -gt 0 ]; do
    case "$1" in
        --source) SOURCE=${2:?--source needs a directory}; shift 2 ;;
        --tag) TAG=${2:?--tag needs a value}; shift 2 ;;
        *) echo "build-image: unknown argument $1" >&2; exit 2 ;;
    esac
done
docker image inspect "$BASE" >/dev/null 2>&1 \
    || { echo "build-image: base image $BASE missing: run scripts/provision.sh as root" >&2; exit 3; }

if [ -z "$SOURCE" ]; then
    [ -d c-reference ] || { echo "build-image: c-reference/ missing" >&2; exit 3; }
    CTX=$REPO; NB_SOURCE=c-reference; TAG=${TAG:-localhost/nbparity-c:reference}
else
    [ -d "$SOURCE" ] || { echo "build-image: --source $SOURCE is not a directory" >&2; exit 2; }
    CTX=$(mktemp -d); trap 'rm -rf "$CTX"' EXIT
    cp "$REPO/Dockerfile" "$CTX/"
    mkdir "$CTX/user-src"
    (cd "$SOURCE" && tar --exclude=.git -cf - .) | tar -C "$CTX/user-src" -xf -
    NB_SOURCE=user-src; TAG=${TAG:-localhost/nbparity-c:user}
fi

LOG=$(mktemp)
build() { # quiet on success; the whole build output (compiler errors included) on failure
    docker build --force-rm --network none --build-arg BASE="$BASE" --build-arg NB_SOURCE="$NB_SOURCE" "$@" "$CTX" >"$LOG" 2>&1 \
        || { cat "$LOG" >&2; rm -f "$LOG"; echo "build-image: the build failed" >&2; exit 3; }
}
build -t "$TAG"
# Read the provenance the build wrote inside the image (the container is created, never started).
C=$(docker create "$TAG")
PROV=$(docker cp "$C:/usr/local/share/nbparity/provenance.properties" - | tar -xOf -)
docker rm "$C" >/dev/null
labels=()
while IFS= read -r line; do
    [ -n "$line" ] && labels+=(--label "org.nbparity.${line%%=*}=${line#*=}")
done <<<"$PROV"
build -t "$TAG" "${labels[@]}"   # every layer from the cache; only the labels are new
rm -f "$LOG"
docker image inspect -f '{{.Id}}' "$TAG"
docker image inspect -f '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}{{"\n"}}{{end}}' "$TAG" | grep '^org.nbparity\.'
