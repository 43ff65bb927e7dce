package ksim.kernel.sched;

import ksim.kernel.task.Task;

/**
 * kernel/sched/sched.h: struct sched_class. The scheduler core calls these hooks and never
 * looks inside a class's queue; classes are consulted in priority order (stop, rt, fair, idle).
 */
public abstract class SchedClass {
    /** enqueue_task: {@code p} becomes runnable on {@code rq} (it is not rq's curr). */
    public abstract void enqueueTask(RunQueue rq, Task p, boolean wakeup);

    /** dequeue_task: {@code p} stops being runnable (it may be rq's curr). */
    public abstract void dequeueTask(RunQueue rq, Task p);

    /** pick_next_task: removes and returns the task to run next, or null if this class has none. */
    public abstract Task pickNextTask(RunQueue rq);

    /** put_prev_task: {@code prev}, still runnable, gives up the CPU and goes back in the queue. */
    public abstract void putPrevTask(RunQueue rq, Task prev);

    /** task_tick: called from the timer tick for rq's curr; may set need_resched. */
    public abstract void taskTick(RunQueue rq, Task curr);

    /** wakeup_preempt (check_preempt_curr): should waking {@code p} preempt rq's curr? */
    public abstract boolean wakeupPreempt(RunQueue rq, Task p);

    /** task_fork: initialises the class's per-task data of a new task. */
    public abstract void taskFork(Task p);

    /** Runnable tasks of this class queued on rq, not counting a running curr. */
    public abstract int queued(RunQueue rq);
}
