#!/usr/bin/env bash
# Provision a Debian 12 machine for the tests and the container backend. Idempotent; run as root.
#
#   1. host packages: docker.io (Debian's engine), debootstrap, the C toolchain for the local
#      backend (gcc, make, libc6-dev), git, the HDF5/CBF readers used as independent checks
#      (hdf5-tools, python3-h5py, python3-fabio), and a JDK 17 + Maven only when they are missing;
#   2. /etc/docker/daemon.json with no bridge network and no iptables (written BEFORE the engine is
#      installed, so no dockerd ever creates docker0 or NAT rules);
#   3. dockerd: the systemd unit when systemd runs, else a detached dockerd logging to $DOCKERD_LOG;
#   4. the offline base image $NBPARITY_BASE_IMAGE (debootstrap + docker import, with the
#      toolchain inside), built only when absent or when its package list changed.
#
# The machine needs no registry: only Debian's apt mirror. Recipe and measurements:
# ../shared/docs/containers.md.
#
# With CI=true or REQUIRE_DOCKER=true any failure is fatal (exit 1). Otherwise the script warns and
# exits 0 when Docker cannot be provided, and the container tests skip with a visible reason.
set -euo pipefail

BASE_IMAGE=${NBPARITY_BASE_IMAGE:-localhost/nbparity-base:bookworm}
BASE_PACKAGES=${NBPARITY_BASE_PACKAGES:-gcc,libc6-dev,make}
SUITE=bookworm
# debootstrap uses the machine's own Debian mirror (the first "debian" URI apt is configured with),
# unless DEBIAN_MIRROR is set.
apt_mirror() {
    { cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}'
      cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '$1 == "deb" {print ($2 ~ /^\[/ ? $3 : $2)}'
    } | grep -E '/debian/?$' | head -n 1 || true
}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(apt_mirror || true)}
DOCKERD_LOG=${DOCKERD_LOG:-/var/log/dockerd.log}
DAEMON_JSON=/etc/docker/daemon.json

STRICT=false
if [ "${CI:-false}" = true ] || [ "${REQUIRE_DOCKER:-false}" = true ]; then STRICT=true; fi

now() { date +%s.%N; }
T0=$(now)
LAST=$T0
say() { echo "provision: $*"; }
lap() { # lap LABEL: print the time since the previous lap
    local t; t=$(now)
    say "$(awk -v a="$LAST" -v b="$t" -v l="$1" 'BEGIN { printf "%-36s %7.2f s", l, b - a }')"
    LAST=$t
}
give_up() {
    echo "provision: ERROR: $*" >&2
    if [ "$STRICT" = true ]; then
        echo "provision: CI=true or REQUIRE_DOCKER=true: failing" >&2
        exit 1
    fi
    echo "provision: continuing without Docker; container tests will be skipped (set REQUIRE_DOCKER=true to fail)" >&2
    exit 0
}
is_root() { [ "$(id -u)" -eq 0 ]; }

# --- 1. host packages -------------------------------------------------------------------------
# Packages whose absence we detect through dpkg (exact), plus tools we only need as commands.
# An engine installed another way (e.g. Docker's own docker-ce packages) is used as it is.
# hdf5-tools, python3-h5py, python3-fabio: the independent readers (h5dump; Debian's /usr/bin/python3
# with h5py and fabio) of the simulator's NXmx and miniCBF outputs (simulator NativeFormatsReadersTest).
want_pkgs=(debootstrap apparmor gcc make libc6-dev git ca-certificates time hdf5-tools python3-h5py python3-fabio)
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
for p in "${want_pkgs[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" != installed ]; then
        missing+=("$p")
    fi
done
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)

if [ "${#missing[@]}" -gt 0 ]; then
    is_root || give_up "missing packages (${missing[*]}) and not root; run this script as root"
    # daemon.json first: an engine started by the package (systemd) must come up bridge-less.
    mkdir -p /etc/docker
    [ -e "$DAEMON_JSON" ] || printf '{ "bridge": "none", "iptables": false, "ip-masq": false }\n' >"$DAEMON_JSON"
    export DEBIAN_FRONTEND=noninteractive
    # apt-get update fails as a whole when any third-party list is unreachable; the Debian lists
    # it did fetch are still usable, so only the install decides.
    apt-get update -q >/tmp/provision-apt-update.log 2>&1 || say "warning: apt-get update reported errors (see /tmp/provision-apt-update.log); trying the install anyway"
    # Keep the package scripts from starting services: we start the daemon ourselves below, the
    # same way on every machine. Only when no policy is already in place.
    POLICY_ADDED=false
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && POLICY_ADDED=true
    fi
    rc=0
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/provision-apt-install.log 2>&1 || rc=$?
    [ "$POLICY_ADDED" = true ] && rm -f /usr/sbin/policy-rc.d
    if [ "$rc" -ne 0 ]; then
        tail -n 20 /tmp/provision-apt-install.log >&2 || true
        give_up "apt-get install ${missing[*]} failed (exit $rc)"
    fi
    lap "packages installed (${#missing[@]})"
else
    lap "packages already present"
fi

# --- 2. daemon configuration ------------------------------------------------------------------
if [ ! -e "$DAEMON_JSON" ]; then
    is_root || give_up "$DAEMON_JSON missing and not root"
    mkdir -p /etc/docker
    printf '{ "bridge": "none", "iptables": false, "ip-masq": false }\n' >"$DAEMON_JSON"
fi
grep -q '"bridge": *"none"' "$DAEMON_JSON" \
    || say "warning: $DAEMON_JSON does not set \"bridge\": \"none\" (left as it is; containers still run with --network none)"

# --- 3. the engine ----------------------------------------------------------------------------
# Debian's CLI is /usr/bin/docker; another docker CLI earlier on PATH works as well (it negotiates).
if ! docker info >/dev/null 2>&1; then
    if ! is_root; then
        if [ -S /var/run/docker.sock ] && [ ! -w /var/run/docker.sock ]; then
            give_up "no access to /var/run/docker.sock (root or membership in the docker group is needed)"
        fi
        give_up "no Docker daemon answers and not root to start one"
    fi
    if [ -d /run/systemd/system ]; then
        systemctl start docker >/dev/null 2>&1 || true
    fi
fi
DPID=
if ! docker info >/dev/null 2>&1; then
    command -v dockerd >/dev/null 2>&1 || give_up "dockerd not installed"
    # Own session and no inherited descriptors: the daemon outlives this script and its caller.
    setsid dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
    DPID=$!
    i=0
    until docker info >/dev/null 2>&1; do
        i=$((i + 1))
        if ! kill -0 "$DPID" 2>/dev/null; then
            tail -n 20 "$DOCKERD_LOG" >&2 || true
            give_up "dockerd exited at start (log above, full log $DOCKERD_LOG)"
        fi
        [ "$i" -le 120 ] || { tail -n 20 "$DOCKERD_LOG" >&2 || true; give_up "dockerd did not answer within 60 s"; }
        sleep 0.5
    done
    lap "dockerd started (pid $DPID)"
else
    lap "dockerd already answering"
fi

# --- 4. offline base image --------------------------------------------------------------------
current_pkgs=$(docker image inspect -f '{{index .Config.Labels "org.nbparity.base.packages"}}' "$BASE_IMAGE" 2>/dev/null || true)
if [ "$current_pkgs" != "$BASE_PACKAGES" ]; then
    is_root || give_up "base image $BASE_IMAGE missing and not root"
    [ -n "$current_pkgs" ] && say "base image has packages '$current_pkgs', want '$BASE_PACKAGES': rebuilding"
    ROOTFS=$(mktemp -d /var/tmp/nbparity-rootfs.XXXXXX)
    trap 'rm -rf "$ROOTFS"' EXIT
    if ! debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$ROOTFS" "$DEBIAN_MIRROR" \
            >/tmp/provision-debootstrap.log 2>&1; then
        tail -n 20 /tmp/provision-debootstrap.log >&2 || true
        give_up "debootstrap of $SUITE from $DEBIAN_MIRROR failed"
    fi
    lap "debootstrap $SUITE minbase+toolchain"
    # Versions of the toolchain that every image built on this base will use.
    gcc_ver=$(chroot "$ROOTFS" dpkg-query -W -f='${Version}' gcc-12 2>/dev/null || echo unknown)
    libc_ver=$(chroot "$ROOTFS" dpkg-query -W -f='${Version}' libc6 2>/dev/null || echo unknown)
    # Trimmed: no .debs, apt lists, docs, man pages, locales (265 MB instead of 463 MB).
    tar -C "$ROOTFS" --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' \
        --exclude='./usr/share/doc/*' --exclude='./usr/share/man/*' --exclude='./usr/share/locale/*' -c . \
      | docker import \
            --change 'CMD ["/bin/bash"]' \
            --change "LABEL org.nbparity.base.packages=$BASE_PACKAGES" \
            --change "LABEL org.nbparity.base.suite=$SUITE" \
            --change "LABEL org.nbparity.base.gcc-deb=$gcc_ver" \
            --change "LABEL org.nbparity.base.libc6-deb=$libc_ver" \
            --change "LABEL org.nbparity.base.created=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
            - "$BASE_IMAGE" >/dev/null \
        || give_up "docker import of the base image failed"
    rm -rf "$ROOTFS"
    trap - EXIT
    lap "docker import $BASE_IMAGE"
else
    lap "base image already present"
fi

say "$(docker info --format 'engine {{.ServerVersion}}, storage {{.Driver}}, cgroup v{{.CgroupVersion}}' 2>/dev/null), $BASE_IMAGE $(docker image inspect -f '{{.Id}}' "$BASE_IMAGE" | cut -c1-19) ready"
LAST=$T0
lap "total"
