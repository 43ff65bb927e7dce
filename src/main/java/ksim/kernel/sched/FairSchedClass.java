package ksim.kernel.sched;

import ksim.kernel.task.Task;

/**
 * The fair class's placeholder: round-robin, one tick at a time.
 *
 * <p>This deliberately simple policy stands where kernel/sched/fair.c (CFS and EEVDF) will:
 * runnable tasks wait in FIFO order, the running task is preempted at a tick when another
 * task waits on its CPU (with HZ=250 and EEVDF's 1.4 ms slice on 2 CPUs, Linux also
 * preempts a CPU hog at nearly every tick), and a waking task preempts a running one, as a
 * sleeper with positive lag does under EEVDF. Weights and nice are not modelled yet.
 */
final class FairSchedClass extends SchedClass {
    @Override
    public void enqueueTask(RunQueue rq, Task p, boolean wakeup) {
        rq.fairQueue.addLast(p);
    }

    @Override
    public void dequeueTask(RunQueue rq, Task p) {
        if (p != rq.curr) {
            rq.fairQueue.remove(p);
        }
    }

    @Override
    public Task pickNextTask(RunQueue rq) {
        return rq.fairQueue.pollFirst();
    }

    @Override
    public void putPrevTask(RunQueue rq, Task prev) {
        rq.fairQueue.addLast(prev);
    }

    @Override
    public void taskTick(RunQueue rq, Task curr) {
        if (!rq.fairQueue.isEmpty()) {
            curr.needResched = true;
        }
    }

    @Override
    public boolean wakeupPreempt(RunQueue rq, Task p) {
        return true;
    }

    @Override
    public void taskFork(Task p) {
    }

    @Override
    public int queued(RunQueue rq) {
        return rq.fairQueue.size();
    }
}
