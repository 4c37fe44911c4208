# The C side of a parity run: a nanoBragg-compatible program built with a pinned toolchain and
# shipped in a minimal image (the binary, its exact shared libraries, nothing else).
#
# Build arguments
#   BASE        image with Debian 12 (bookworm). Default: the public debian:bookworm-slim, for
#               machines with a registry. Offline machines and CI pass the local base image made by
#               scripts/provision.sh: --build-arg BASE=localhost/nbparity-base:bookworm
#               (gcc, make and libc6-dev already inside, so the build needs no network at all).
#   NB_SOURCE   directory of the build context holding the C source. Default c-reference (the
#               project's own C implementation, built with its Makefile). Any other directory, e.g.
#               user-src/, is a user-supplied nanoBragg-compatible source, compiled generically:
#               gcc $NB_CFLAGS -o nanobragg-ref $NB_C_FILES $NB_LDLIBS  (never fetches anything).
#   NB_C_FILES  the C files of a user source (default *.c; e.g. nanoBragg.c when the directory
#               also holds other programs with their own main()).
#   NB_CFLAGS, NB_LDLIBS  flags of a user-source build (defaults below: no fast-math, no FMA
#               contraction, so the floating-point operations stay those written in the source).
#
# The image records, in /usr/local/share/nbparity/: provenance.properties (source kind, sha256 of
# the source manifest and of the binary, gcc/libc versions, the exact compile commands),
# SOURCE.sha256sums (one line per source file), compile.log. The harness (DockerBackend) and
# scripts/build-image.sh copy these facts into the image labels org.nbparity.* with a second,
# fully cached build (a label cannot be computed inside a Dockerfile).
#
# Run with no network:  docker run --rm --network none -v "$PWD:/work" IMAGE -version
# Only the classic builder is needed (no BuildKit features).

ARG BASE=debian:bookworm-slim

# ---- toolchain: Debian 12, gcc 12, glibc 2.36 (libm decides transcendental results: pinned) ----
FROM ${BASE} AS toolchain
ARG GCC_MAJOR=12
ARG GLIBC_VERSION=2.36
RUN set -eu; \
    if ! command -v gcc >/dev/null 2>&1 || ! command -v make >/dev/null 2>&1 || [ ! -e /usr/include/stdio.h ]; then \
        echo "toolchain: gcc/make/libc6-dev missing in the base image: installing (needs a Debian mirror)"; \
        apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make && rm -rf /var/lib/apt/lists/*; \
    fi; \
    v=$(gcc -dumpfullversion); \
    case "$v" in "$GCC_MAJOR".*) ;; *) echo "toolchain: gcc $v, expected $GCC_MAJOR.x (Debian 12)" >&2; exit 1;; esac; \
    l=$(ldd --version | head -n 1 | awk '{print $NF}'); \
    [ "$l" = "$GLIBC_VERSION" ] || { echo "toolchain: glibc $l, expected $GLIBC_VERSION (Debian 12)" >&2; exit 1; }; \
    # Compiler wrappers first on PATH: they log every compile/link command line of the build.
    mkdir -p /opt/nbparity/ccwrap; \
    for c in cc gcc; do \
        printf '#!/bin/sh\necho "%s $*" >>/out/compile.log\nexec /usr/bin/%s "$@"\n' "$c" "$c" >/opt/nbparity/ccwrap/$c; \
        chmod 755 /opt/nbparity/ccwrap/$c; \
    done

# ---- build: compile the selected source, collect the runtime file system and the provenance ----
FROM toolchain AS build
ARG BASE
ARG NB_SOURCE=c-reference
ARG NB_C_FILES=*.c
ARG NB_CFLAGS="-O2 -fno-fast-math -ffp-contract=off"
ARG NB_LDLIBS=-lm
COPY ${NB_SOURCE}/ /src/
WORKDIR /src
RUN set -eu; \
    export PATH=/opt/nbparity/ccwrap:$PATH; \
    share=/out/rootfs/usr/local/share/nbparity; \
    mkdir -p /out/rootfs/usr/local/bin /out/rootfs/work /out/rootfs/tmp "$share"; \
    chmod 1777 /out/rootfs/tmp; chown 65534:65534 /out/rootfs/work; \
    : > /out/compile.log; \
    # Manifest of the source, taken before anything is built in /src: "sha256  relative/path".
    find . -type f | LC_ALL=C sort | sed 's|^\./||' | while IFS= read -r f; do sha256sum "$f"; done >"$share/SOURCE.sha256sums"; \
    [ -s "$share/SOURCE.sha256sums" ] || { echo "build: no files in $NB_SOURCE/" >&2; exit 1; }; \
    if [ "$NB_SOURCE" = c-reference ]; then \
        kind=c-reference; \
        make -C /src nanobragg-ref; \
        cp /src/nanobragg-ref /out/nanobragg-ref; \
        command="make -C c-reference nanobragg-ref"; flags="(Makefile; see build.compile)"; \
    else \
        kind=user; \
        gcc $NB_CFLAGS -o /out/nanobragg-ref $NB_C_FILES $NB_LDLIBS; \
        command="gcc $NB_CFLAGS -o nanobragg-ref $NB_C_FILES $NB_LDLIBS"; flags="$NB_CFLAGS"; \
    fi; \
    export PATH=${PATH#/opt/nbparity/ccwrap:}; \
    install -m 755 /out/nanobragg-ref /out/rootfs/usr/local/bin/nanobragg-ref; \
    # The exact shared libraries the binary was linked against (libc, libm, loader, libgomp...).
    ldd /out/nanobragg-ref | awk '/=> \// {print $3} /^[ \t]*\// {print $1}' | while IFS= read -r lib; do \
        cp -L --parents "$lib" /out/rootfs/; \
    done; \
    libs=$(ldd /out/nanobragg-ref | awk '/=> \// {print $1} /^[ \t]*\// {print $1}' | tr '\n' ' '); \
    { \
        echo "source.kind=$kind"; \
        echo "source.dir=$NB_SOURCE"; \
        echo "source.sha256=$(sha256sum <"$share/SOURCE.sha256sums" | cut -c1-64)"; \
        echo "source.files=$(wc -l <"$share/SOURCE.sha256sums")"; \
        echo "binary.sha256=$(sha256sum /out/nanobragg-ref | cut -c1-64)"; \
        echo "binary.path=/usr/local/bin/nanobragg-ref"; \
        echo "binary.libs=${libs% }"; \
        echo "toolchain.gcc=$(gcc -dumpfullversion)"; \
        echo "toolchain.gcc.deb=$(dpkg-query -W -f='${Version}' gcc-$(gcc -dumpversion) 2>/dev/null || echo unknown)"; \
        echo "toolchain.glibc=$(ldd --version | head -n 1 | awk '{print $NF}')"; \
        echo "toolchain.libc6.deb=$(dpkg-query -W -f='${Version}' libc6 2>/dev/null || echo unknown)"; \
        echo "toolchain.make=$(make --version | head -n 1)"; \
        echo "toolchain.arch=$(uname -m)"; \
        echo "build.command=$command"; \
        echo "build.cflags=$flags"; \
        echo "build.compile=$(tr '\n' ';' </out/compile.log | sed 's/;$//')"; \
        echo "build.base=$BASE"; \
    } >"$share/provenance.properties"; \
    cp /out/compile.log "$share/compile.log"; \
    cat "$share/provenance.properties"

# ---- runtime: the binary and its libraries only; run with --network none ----
FROM scratch AS runtime
COPY --from=build /out/rootfs/ /
ENV OMP_NUM_THREADS=1
WORKDIR /work
USER 65534:65534
LABEL org.opencontainers.image.title="nanobragg-ref" \
      org.opencontainers.image.description="nanoBragg-compatible C program for nbparity parity runs" \
      org.nbparity.provenance="/usr/local/share/nbparity/provenance.properties"
ENTRYPOINT ["/usr/local/bin/nanobragg-ref"]
