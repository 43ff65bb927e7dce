package ksim.kernel.sched;

import ksim.kernel.task.Task;

/** kernel/sched/idle.c: the idle class. It only ever has rq.idle (swapper/N), which is never queued. */
final class IdleSchedClass extends SchedClass {
    IdleSchedClass() {
        super("idle", NO_PRIO);
    }

    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        throw new IllegalStateException("the idle task is never enqueued");
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        throw new IllegalStateException("the idle task is never dequeued");
    }

    @Override
    Task pickTask(RunQueue rq) {
        return rq.idle;
    }

    @Override
    int nrRunning(RunQueue rq) {
        return 0;
    }
}
