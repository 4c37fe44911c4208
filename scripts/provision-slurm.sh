#!/usr/bin/env bash
# Provision a single-node Slurm on this Debian 12 machine, idempotently; run as root.
#
#   1. Debian's munge, slurmctld, slurmd and slurm-client (Slurm 22.05);
#   2. /etc/slurm/slurm.conf for this one host: its CPU count and memory, one partition
#      "nbparity" (default), no cgroup plugin (proctrack/linuxproc, task/none), so it runs in a
#      container or VM without systemd or a delegated cgroup tree;
#   3. munged, slurmctld and slurmd started as plain daemons (no systemd needed), then a wait until
#      the node is idle and `srun true` answers.
#
# Re-running it keeps a working cluster as it is; a changed config restarts the daemons. With
# CI=true or REQUIRE_SLURM=true any failure is fatal (exit 1); otherwise it warns and exits 0.
set -euo pipefail

STRICT=false
if [ "${CI:-false}" = true ] || [ "${REQUIRE_SLURM:-false}" = true ]; then STRICT=true; fi
say() { echo "provision-slurm: $*"; }
give_up() {
    echo "provision-slurm: ERROR: $*" >&2
    [ "$STRICT" = true ] && exit 1
    echo "provision-slurm: continuing without Slurm (set REQUIRE_SLURM=true to fail)" >&2
    exit 0
}
[ "$(id -u)" -eq 0 ] || give_up "must run as root"

missing=()
for p in munge slurmctld slurmd slurm-client; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/tmp/provision-slurm-apt.log 2>&1 || true
    # policy-rc.d keeps the package scripts from starting daemons; we start them below.
    had_policy=false; [ -e /usr/sbin/policy-rc.d ] && had_policy=true
    $had_policy || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
    apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/provision-slurm-apt.log 2>&1 \
        || { $had_policy || rm -f /usr/sbin/policy-rc.d; give_up "apt-get install ${missing[*]} failed (see /tmp/provision-slurm-apt.log)"; }
    $had_policy || rm -f /usr/sbin/policy-rc.d
fi

host=$(hostname -s)
cpus=$(nproc)
mem_mb=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
conf=/etc/slurm/slurm.conf
want=$(cat <<CONF
# Written by nbparity scripts/provision-slurm.sh: a single-node cluster on $host.
ClusterName=nbparity
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
SlurmUser=root
SlurmdUser=root
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
MinJobAge=300
KillWait=5
MaxArraySize=100001
NodeName=$host CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=nbparity Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
)
changed=false
if [ "$(cat "$conf" 2>/dev/null || true)" != "$want" ]; then
    mkdir -p /etc/slurm
    printf '%s\n' "$want" >"$conf.tmp" && mv "$conf.tmp" "$conf"
    changed=true
fi
mkdir -p /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
chown munge:munge /run/munge

# munge: a key of its own (the package makes one; make one if it did not), then the daemon
if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
    chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
fi
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    pkill -x munged 2>/dev/null || true
    runuser -u munge -- /usr/sbin/munged || give_up "munged did not start"
    for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
    munge -n | unmunge >/dev/null 2>&1 || give_up "munge does not answer"
fi

if $changed; then
    pkill -x slurmctld 2>/dev/null || true
    pkill -x slurmd 2>/dev/null || true
    for _ in $(seq 50); do pgrep -x slurmctld >/dev/null || pgrep -x slurmd >/dev/null || break; sleep 0.1; done
fi
# slurmctld -c: this is a throw-away test cluster, so jobs saved by an earlier controller (whose
# processes died with an earlier slurmd) are dropped instead of being recovered as "running".
# Started (again) inside the wait loop too: a daemon that was still shutting down when we looked
# (killed just before this script ran) is gone a moment later.
daemons() {
    pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld -c || give_up "slurmctld did not start (see /var/log/slurm/slurmctld.log)"
    pgrep -x slurmd >/dev/null || /usr/sbin/slurmd || give_up "slurmd did not start (see /var/log/slurm/slurmd.log)"
}

# wait for the node (at most ~30 s); a node left DOWN/DRAIN by an earlier run is resumed
state=none
for _ in $(seq 60); do
    daemons
    state=$(timeout 5 sinfo -h -n "$host" -o %T 2>/dev/null | head -n 1 || true)
    case "$state" in
        idle*|mixed*|allocated*) break ;;
        down*|drain*) scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true ;;
    esac
    sleep 0.5
done
case "$state" in idle*|mixed*|allocated*) ;; *) give_up "node $host is '$state', not idle (see /var/log/slurm/)";; esac
timeout 60 srun -N1 -n1 -t 1 true || give_up "srun true failed"
say "single-node Slurm up: node $host, $cpus CPUs, ${mem_mb} MB, partition nbparity ($(sinfo -V))"
