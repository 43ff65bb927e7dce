#!/bin/sh
# record.sh — compile the hand-written C equivalents of the conformance scenarios
# (conformance/real/NAME.c for conformance/lifecycle/NAME.ksim) and run each one
# RUNS times (default 5) as PID 1 of a fresh PID namespace on the real kernel, printing every trace and a per-task
# stability check (two traces agree when, for every task, the sequence of its
# own lines is the same; interleaving between tasks may differ).
#
# usage: record.sh [-w] [NAME...]      (must run as root: unshare --pid)
#   -w    when all runs of a scenario agree, write run 1 to conformance/lifecycle/NAME.trace
# exit status: 0 when every scenario was stable, 1 otherwise.
set -eu
write=0
if [ "${1:-}" = "-w" ]; then write=1; shift; fi
here=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# per-task form of a trace: lines grouped by task label, each task's own
# lines kept in order (stable sort on the first field)
pertask() { LC_ALL=C sort -s -k1,1 "$1"; }

if [ $# -eq 0 ]; then
    set --
    for src in "$here"/*.c; do n=$(basename "$src" .c); set -- "$@" "$n"; done
fi

echo "# kernel $(uname -r), $(nproc) CPUs, CLK_TCK $(getconf CLK_TCK)"
status=0
for name in "$@"; do
    gcc -O2 -Wall -I"$here" -o "$tmp/$name" "$here/$name.c"
    stable=yes
    i=1
    while [ "$i" -le "$runs" ]; do
        rc=0
        unshare --pid --fork --mount-proc "$tmp/$name" >"$tmp/$name.$i" || rc=$?
        echo "=== $name run $i (exit $rc)"
        cat "$tmp/$name.$i"
        [ "$rc" -eq 0 ] || stable=no
        pertask "$tmp/$name.$i" >"$tmp/$name.$i.pt"
        if [ "$i" -gt 1 ] && ! cmp -s "$tmp/$name.1.pt" "$tmp/$name.$i.pt"; then
            stable=no
            echo "--- per-task difference from run 1:"
            diff "$tmp/$name.1.pt" "$tmp/$name.$i.pt" || true
        fi
        i=$((i + 1))
    done
    echo "### $name: stable across $runs runs: $stable"
    if [ "$stable" = yes ]; then
        if [ "$write" -eq 1 ]; then
            cp "$tmp/$name.1" "$here/../lifecycle/$name.trace"
            echo "### wrote conformance/lifecycle/$name.trace"
        fi
    else
        status=1
    fi
done
exit $status
