package ksim.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ksim.kernel.trace.TraceEvent;
import ksim.kernel.trace.Tp;

/**
 * What the pictures show, worked out from the events: who ran on each CPU when (from
 * sched_switch), which wake-up let each run start (sched_waking or sched_wakeup_new before
 * the switch), the names of threads and processes, and the sampled counters.
 */
final class Timeline {
    /** A task running on a CPU from {@code start} to {@code end} (ns); {@code endState} is prev_state at the switch out. */
    record Slice(int cpu, long start, long end, int pid, int tgid, String comm, int prio, String endState, Wake wake) {}

    /** A wake-up: the waker's CPU and pid at {@code ts}, the wakee, and whether it was a new task's first wake-up. */
    record Wake(int id, long ts, int cpu, int wakerPid, int pid, boolean newTask) {}

    /** A moment in a thread's life worth a mark: fork, exec, exit, a signal. */
    record Mark(long ts, int pid, String name, String detail) {}

    /** A sampled counter (Tp.Counter) at {@code ts}. */
    record Sample(long ts, Tp.Counter counter) {}

    final int cpus;
    final List<Slice> slices = new ArrayList<>();
    final List<Mark> marks = new ArrayList<>();
    final List<Sample> samples = new ArrayList<>();
    final List<Wake> wakes = new ArrayList<>();
    /** pid → comm, last seen; pid → tgid. */
    final Map<Integer, String> comms = new HashMap<>();
    final Map<Integer, Integer> tgids = new HashMap<>();
    /** The last time stamp: where running slices still open end. */
    long end;

    private Timeline(int cpus) {
        this.cpus = cpus;
    }

    private record Open(long start, int pid, int tgid, String comm, int prio, Wake wake) {}

    static Timeline of(List<TraceEvent> events, int cpus) {
        Timeline t = new Timeline(cpus);
        Open[] running = new Open[cpus];
        Map<Integer, Wake> pendingWake = new HashMap<>();
        // switched out asleep and not woken since: only their wake-ups lead to a run (waking a
        // task that is running or waiting on a runqueue changes nothing)
        java.util.Set<Integer> asleep = new java.util.HashSet<>();
        for (TraceEvent e : events) {
            t.end = Math.max(t.end, e.ts());
            t.name(e.pid(), e.comm(), e.tgid());
            switch (e.fields()) {
                case Tp.SchedSwitch s -> {
                    t.name(s.prevPid(), s.prevComm(), s.prevTgid());
                    t.name(s.nextPid(), s.nextComm(), s.nextTgid());
                    Open o = running[e.cpu()];
                    String state = Tp.SchedSwitch.stateString(s.prevState());
                    if (s.prevPid() != 0 && state.charAt(0) != 'R') {
                        asleep.add(s.prevPid());
                    }
                    if (o != null) {
                        t.slices.add(new Slice(e.cpu(), o.start, e.ts(), o.pid, o.tgid, o.comm, o.prio,
                                state, o.wake));
                    }
                    running[e.cpu()] = s.nextPid() == 0 ? null
                            : new Open(e.ts(), s.nextPid(), s.nextTgid(), s.nextComm(), s.nextPrio(),
                                    pendingWake.remove(s.nextPid()));
                }
                case Tp.SchedWakeup w -> {
                    t.name(w.pid(), w.comm(), w.tgid());
                    boolean starts = w.kind() == Tp.WakeupKind.SCHED_WAKEUP_NEW
                            || (w.kind() == Tp.WakeupKind.SCHED_WAKING && asleep.remove(w.pid()));
                    if (starts) {
                        Wake wake = new Wake(t.wakes.size() + 1, e.ts(), e.cpu(), e.pid(), w.pid(),
                                w.kind() == Tp.WakeupKind.SCHED_WAKEUP_NEW);
                        t.wakes.add(wake);
                        pendingWake.put(w.pid(), wake);
                    }
                }
                case Tp.TaskNewtask n -> t.name(n.pid(), n.comm(), n.tgid());
                case Tp.SchedProcessFork f -> {
                    t.name(f.childPid(), f.childComm(), f.childTgid());
                    t.marks.add(new Mark(e.ts(), e.pid(), "fork", "child " + f.childComm() + " " + f.childPid()));
                }
                case Tp.TaskRename r -> t.comms.put(r.pid(), r.newcomm());
                case Tp.SchedProcessExec x -> t.marks.add(new Mark(e.ts(), x.pid(), "exec", x.filename()));
                case Tp.SchedProcessExit x -> t.marks.add(new Mark(e.ts(), x.pid(), "exit",
                        x.groupDead() ? "last thread of its group" : "thread"));
                case Tp.SignalDeliver d -> t.marks.add(new Mark(e.ts(), e.pid(), "signal " + d.sig(),
                        "delivered, code " + d.code()));
                case Tp.Counter c -> t.samples.add(new Sample(e.ts(), c));
                default -> {
                }
            }
        }
        for (int cpu = 0; cpu < cpus; cpu++) {
            Open o = running[cpu];
            if (o != null) {
                t.slices.add(new Slice(cpu, o.start, t.end, o.pid, o.tgid, o.comm, o.prio, "", o.wake));
            }
        }
        t.slices.sort(java.util.Comparator.comparingLong(Slice::start).thenComparingInt(Slice::cpu));
        return t;
    }

    private void name(int pid, String comm, int tgid) {
        if (pid != 0) {
            comms.put(pid, comm);
            tgids.put(pid, tgid == 0 ? pid : tgid);
        }
    }

    /** Total running time per pid, ns. */
    Map<Integer, Long> runtime() {
        Map<Integer, Long> r = new HashMap<>();
        for (Slice s : slices) {
            r.merge(s.pid(), s.end() - s.start(), Long::sum);
        }
        return r;
    }
}
