#!/bin/sh
# Captures real-6.18.trace: the sched, task and signal events of capture.c's workload, as
# /sys/kernel/tracing/trace prints them with the nop tracer and record-tgid on. Root only.
# Usage: sh capture.sh > real-6.18.trace
set -e
T=/sys/kernel/tracing
DIR=$(mktemp -d)
cc -O2 -o "$DIR/work" "$(dirname "$0")/capture.c"
mountpoint -q $T || mount -t tracefs nodev $T
echo 0 > $T/tracing_on
echo nop > $T/current_tracer
echo 1 > $T/options/record-tgid
echo > $T/set_event
for e in sched:sched_switch sched:sched_wakeup sched:sched_wakeup_new sched:sched_waking \
         sched:sched_migrate_task sched:sched_process_fork sched:sched_process_exec \
         sched:sched_process_exit sched:sched_process_free sched:sched_process_wait \
         task:task_newtask task:task_rename signal:signal_generate signal:signal_deliver; do
  echo $e >> $T/set_event
done
echo > $T/trace
echo 1 > $T/tracing_on
"$DIR/work"
sleep 0.05
echo 0 > $T/tracing_on
cat $T/trace
echo > $T/set_event
echo 0 > $T/options/record-tgid
rm -r "$DIR"
