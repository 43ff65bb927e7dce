package ksim.kernel.sched;

import java.util.ArrayDeque;
import ksim.kernel.task.Task;
import ksim.kernel.time.Event;

/** kernel/sched/sched.h: struct rq, one per CPU. */
public final class RunQueue {
    public final int cpu;
    /** The task running on this CPU; {@link #idle} when nothing else is runnable. */
    public Task curr;
    /** This CPU's idle task (pid 0, swapper/N). */
    public Task idle;
    /** Runnable tasks on this CPU, curr included (rq->nr_running), idle excluded. */
    public int nrRunning;
    public long nrSwitches;
    /** Until when the CPU is still busy switching to curr (the cost of the last context switch). */
    public long switchUntil;

    /** The placeholder fair class's FIFO (see {@link FairSchedClass}). */
    final ArrayDeque<Task> fairQueue = new ArrayDeque<>();

    /** The CPU's next step: the end of curr's burst, a switch, or an interrupt (a resched IPI). */
    public final Event step;
    /** The periodic scheduler tick; not armed while the CPU is idle (NO_HZ_IDLE). */
    public final Event tick;

    /** Accounting: time this CPU spent running tasks and idle (cpustat). */
    public long busyNs;
    public long idleNs;
    /** When curr last started being accounted for busy/idle time. */
    long accountedAt;

    RunQueue(int cpu, Event step, Event tick) {
        this.cpu = cpu;
        this.step = step;
        this.tick = tick;
    }

    public boolean isIdle() {
        return curr == idle;
    }
}
