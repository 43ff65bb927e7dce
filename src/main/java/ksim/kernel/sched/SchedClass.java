package ksim.kernel.sched;

import ksim.kernel.task.Task;

/**
 * kernel/sched/sched.h: struct sched_class. The core calls these hooks and never looks
 * inside a class's queue; classes are consulted in priority order (stop, rt, fair, idle).
 * As since Linux 6.12, picking is split from committing: {@link #pickTask} only chooses
 * (it may choose the running task again), {@link #putPrevTask} and {@link #setNextTask}
 * then switch the class's notion of "current".
 */
public abstract class SchedClass {
    /** ENQUEUE_* and DEQUEUE_* flags (kernel/sched/sched.h). */
    static final int DEQUEUE_SLEEP = 0x01, DEQUEUE_SAVE = 0x02, DEQUEUE_MOVE = 0x04;
    static final int ENQUEUE_WAKEUP = 0x01, ENQUEUE_RESTORE = 0x02, ENQUEUE_MOVE = 0x04,
            ENQUEUE_HEAD = 0x10, ENQUEUE_MIGRATED = 0x40, ENQUEUE_INITIAL = 0x80;

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

    /** task_fork: initialises the class's data of a new task (not queued yet). */
    void taskFork(RunQueue rq, Task p) {
    }

    /** Runnable tasks of this class on rq, curr included. */
    abstract int nrRunning(RunQueue rq);

    /** The tasks this class has queued on rq and not running, which a load balancer may move. */
    Iterable<Task> queuedTasks(RunQueue rq) {
        return java.util.List.of();
    }
}
