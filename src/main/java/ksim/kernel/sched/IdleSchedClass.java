package ksim.kernel.sched;

import java.util.List;
import ksim.kernel.task.Task;

/** kernel/sched/idle.c: the idle class. It only ever has rq.idle (swapper/N), which is never queued. */
final class IdleSchedClass extends SchedClass {
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
    void putPrevTask(RunQueue rq, Task prev) {
    }

    @Override
    void setNextTask(RunQueue rq, Task next) {
    }

    @Override
    void updateCurr(RunQueue rq, Task curr, long delta) {
    }

    @Override
    void taskTick(RunQueue rq, Task curr) {
    }

    @Override
    void wakeupPreempt(RunQueue rq, Task p) {
    }

    @Override
    void yieldTask(RunQueue rq, Task p) {
    }

    @Override
    int nrRunning(RunQueue rq) {
        return 0;
    }

    @Override
    Iterable<Task> queuedTasks(RunQueue rq) {
        return List.of();
    }
}
