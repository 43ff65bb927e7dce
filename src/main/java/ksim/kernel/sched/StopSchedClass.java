package ksim.kernel.sched;

import java.util.List;
import ksim.kernel.task.Task;

/**
 * kernel/sched/stop_task.c: the stop class, above everything. Each CPU has at most one
 * stop task (the stopper thread, migration/N), which preempts whatever runs.
 */
final class StopSchedClass extends SchedClass {
    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        rq.stopQueued = true;
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        rq.stopQueued = false;
    }

    @Override
    Task pickTask(RunQueue rq) {
        return rq.stopQueued ? rq.stop : null;
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
        return rq.stopQueued ? 1 : 0;
    }

    @Override
    Iterable<Task> queuedTasks(RunQueue rq) {
        return List.of(); // a stop task is bound to its CPU
    }
}
