package ksim.kernel.sched;

import ksim.kernel.task.Task;
import ksim.kernel.time.Event;

/** kernel/sched/sched.h: struct rq, one per CPU, with its per-class queues. */
public final class RunQueue {
    public final int cpu;
    final Scheduler sched;
    /** The task running on this CPU (the per-CPU {@code current}); {@link #idle} when nothing else is runnable. */
    public Task curr;
    /** This CPU's idle task (pid 0, swapper/N). */
    public Task idle;
    /** This CPU's stop task (migration/N), if one was created. */
    public Task stop;
    boolean stopQueued;
    final CfsRq cfs;
    final RtRq rt = new RtRq();
    /** Runnable tasks on this CPU, curr included (rq->nr_running), idle excluded. */
    public int nrRunning;
    /** nr_uninterruptible: tasks that went to sleep in D from this CPU and still sleep (for the load average). */
    public int nrUninterruptible;
    public long nrSwitches;
    /** Until when the CPU is still busy switching to curr (the cost of the last context switch). */
    public long switchUntil;
    /** The per-CPU TSS's sp0: the top of curr's kernel stack (cpu_current_top_of_stack). */
    public long tssSp0;

    /** The CPU's next step: the end of curr's burst, a switch, or an interrupt (a resched IPI). */
    public final Event step;
    /** The periodic scheduler tick; not armed while the CPU is idle (NO_HZ_IDLE). */
    public final Event tick;

    /** Accounting: time this CPU spent running tasks and idle (cpustat). */
    public long busyNs;
    public long idleNs;
    /** When curr last started being accounted for busy/idle time. */
    long accountedAt;

    /** The task that asked to be moved off this CPU (sched_setaffinity on itself) and waits for the stopper. */
    Task affineMoveSelf;

    /** Load balancing: when this CPU balances next, and how often balancing found nothing to move. */
    long nextBalance;
    int balanceFailed;

    RunQueue(Scheduler sched, int cpu, Event step, Event tick) {
        this.sched = sched;
        this.cpu = cpu;
        this.cfs = sched.classes.fair.initCfsRq();
        this.step = step;
        this.tick = tick;
    }

    public boolean isIdle() {
        return curr == idle;
    }

    /** cfs_rq->load.weight: the weighted load the balancer compares. */
    public long cfsLoad() {
        return cfs.loadWeight;
    }

    /** rt_rq->rt_throttled. */
    public boolean rtThrottled() {
        return rt.throttled;
    }

    /** cfs_rq->min_vruntime. */
    public long minVruntime() {
        return cfs.minVruntime;
    }
}
