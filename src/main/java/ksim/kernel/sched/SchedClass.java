package ksim.kernel.sched;

import ksim.kernel.task.Task;

/**
 * kernel/sched/sched.h: struct sched_class. The core calls these hooks and never looks
 * inside a class's queue; classes are consulted in priority order ({@link SchedClasses}:
 * stop, rt, fair, idle). As since Linux 6.12, picking is split from committing:
 * {@link #pickTask} only chooses (it may choose the running task again),
 * {@link #putPrevTask} and {@link #setNextTask} then switch the class's notion of "current".
 */
public abstract class SchedClass {
    /** ENQUEUE_* and DEQUEUE_* flags (kernel/sched/sched.h). */
    static final int DEQUEUE_SLEEP = 0x01, DEQUEUE_SAVE = 0x02, DEQUEUE_MOVE = 0x04;
    static final int ENQUEUE_WAKEUP = 0x01, ENQUEUE_RESTORE = 0x02, ENQUEUE_MOVE = 0x04,
            ENQUEUE_HEAD = 0x10, ENQUEUE_MIGRATED = 0x40, ENQUEUE_INITIAL = 0x80;
    /** WF_* wake flags: why select_task_rq() is asked (kernel/sched/sched.h). */
    static final int WF_FORK = 0x04, WF_TTWU = 0x08;
    /** For {@code prioBelow}: no priority selects the class by itself. */
    static final int NO_PRIO = Integer.MIN_VALUE;

    /** The name before _sched_class (fair for fair_sched_class). */
    final String name;
    /** The SCHED_* policies whose tasks this class runs, a bit each; none for a class no policy selects. */
    private final int policies;
    /** Every effective priority below this one is the class's, whatever the policy (rt_prio(), dl_prio()). */
    private final int prioBelow;
    /** The place in for_each_class() order, 0 the highest (set by {@link SchedClasses}). */
    int rank;

    SchedClass(String name, int prioBelow, int... policies) {
        this.name = name;
        this.prioBelow = prioBelow;
        int mask = 0;
        for (int policy : policies) {
            mask |= 1 << policy;
        }
        this.policies = mask;
    }

    /** sched_class_above(): this class's tasks run before {@code other}'s. */
    final boolean above(SchedClass other) {
        return rank < other.rank;
    }

    /** Whether the class runs tasks of {@code policy}. */
    final boolean hasPolicy(int policy) {
        return policy >= 0 && policy < Integer.SIZE && (policies & 1 << policy) != 0;
    }

    /** Whether some policy selects this class (the stop and idle classes are given to their tasks, never chosen). */
    final boolean selectable() {
        return policies != 0;
    }

    /** __setscheduler_class()'s test: a task of this effective priority or policy belongs here. */
    final boolean takes(int policy, int prio) {
        return prio < prioBelow || hasPolicy(policy);
    }

    /** enqueue_task: {@code p} becomes runnable on {@code rq}. */
    abstract void enqueueTask(RunQueue rq, Task p, int flags);

    /** dequeue_task: {@code p} stops being runnable on rq (it may be rq's curr). */
    abstract void dequeueTask(RunQueue rq, Task p, int flags);

    /** pick_task: the task this class would run next on rq, or null; changes nothing. */
    abstract Task pickTask(RunQueue rq);

    /** put_prev_task: {@code prev} stops running on rq (it may still be queued). */
    void putPrevTask(RunQueue rq, Task prev) {
    }

    /** set_next_task: {@code next} starts running on rq. */
    void setNextTask(RunQueue rq, Task next) {
    }

    /** update_curr: charges {@code delta} ns just run by rq's curr to the class's bookkeeping. */
    void updateCurr(RunQueue rq, Task curr, long delta) {
    }

    /** task_tick: the timer tick for rq's curr; may resched. */
    void taskTick(RunQueue rq, Task curr) {
    }

    /** wakeup_preempt: {@code p} of this class became runnable on rq, whose curr is of this class too. */
    void wakeupPreempt(RunQueue rq, Task p) {
    }

    /** yield_task. */
    void yieldTask(RunQueue rq, Task p) {
    }

    /**
     * select_task_rq: the CPU {@code p} should be queued on, for a wake-up ({@link #WF_TTWU})
     * or a new task ({@link #WF_FORK}); {@code rq} is the one of the CPU it was last on
     * (task_cpu()). By default that CPU (select_task_rq_stop/idle()).
     */
    int selectTaskRq(RunQueue rq, Task p, int flags) {
        return rq.cpu;
    }

    /** migrate_task_rq: {@code p}, not queued, moves from {@code from} to {@code newCpu} (set_task_cpu()). */
    void migrateTaskRq(RunQueue from, Task p, int newCpu) {
    }

    /**
     * The balance callback after {@code p} was queued on rq and is not running there: the
     * class may push it to a CPU where it runs at once (push_rt_task()). Returns whether it moved.
     */
    boolean pushTask(RunQueue rq, Task p) {
        return false;
    }

    /**
     * switched_to: {@code p}, queued on rq, has just come to this class from another. A
     * waiting task may preempt curr; a running one goes on (it rose in the class order).
     */
    void switchedTo(RunQueue rq, Task p) {
        if (rq.curr != p) {
            rq.sched.wakeupPreempt(rq, p);
        }
    }

    /**
     * prio_changed: the scheduling parameters of {@code p}, queued on rq and staying in this
     * class, were set (its priority may be what it was). A waiting task may preempt curr; a
     * running one whose priority dropped is rescheduled.
     */
    void prioChanged(RunQueue rq, Task p, int oldPrio) {
        if (rq.curr != p) {
            rq.sched.wakeupPreempt(rq, p);
        } else if (p.prio > oldPrio) {
            rq.sched.reschedCurr(rq);
        }
    }

    /** Runnable tasks of this class on rq, curr included. */
    abstract int nrRunning(RunQueue rq);

    /** The tasks this class has queued on rq and not running, which a load balancer may move. */
    Iterable<Task> queuedTasks(RunQueue rq) {
        return java.util.List.of();
    }
}
