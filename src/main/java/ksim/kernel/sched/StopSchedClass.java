package ksim.kernel.sched;

import ksim.kernel.task.Task;

/**
 * kernel/sched/stop_task.c: the stop class, above everything. Each CPU has at most one
 * stop task (the stopper thread, migration/N), which preempts whatever runs.
 */
final class StopSchedClass extends SchedClass {
    StopSchedClass() {
        super("stop", NO_PRIO);
    }

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
    int nrRunning(RunQueue rq) {
        return rq.stopQueued ? 1 : 0;
    }
}
