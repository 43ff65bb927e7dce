package ksim.kernel.sched;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import ksim.abi.Sched;
import ksim.kernel.task.Task;

/**
 * kernel/sched/rt.c: SCHED_FIFO and SCHED_RR. The highest priority runs; equal priorities
 * run in FIFO order, a preempted task keeping its place at the head. SCHED_RR tasks get a
 * time slice of sched_rr_timeslice (100 ms) and go to the tail of their list when it runs
 * out. RT bandwidth: once a CPU's RT tasks have used rt_runtime (950 ms) of the current
 * rt_period (1 s) they are throttled until the period timer ({@link Scheduler}) refills it.
 */
final class RtSchedClass extends SchedClass {
    /** RR_TIMESLICE: 100 ms in jiffies. */
    final int rrTimeslice;
    final long rtRuntimeNs = 950_000_000L;
    final long rtPeriodNs = 1_000_000_000L;
    private boolean throttleWarned;

    RtSchedClass(int hz) {
        // rt_prio(): every priority below MAX_RT_PRIO is the class's, whatever the policy (a boosted task's)
        super("rt", SchedCalls.MAX_RT_PRIO, Sched.SCHED_FIFO, Sched.SCHED_RR);
        this.rrTimeslice = 100 * hz / 1000;
    }

    /** rt_policy(). */
    static boolean rtPolicy(int policy) {
        return policy == Sched.SCHED_FIFO || policy == Sched.SCHED_RR;
    }

    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        rq.rt.add(p, (flags & ENQUEUE_HEAD) != 0);
        rq.sched.startRtBandwidth();
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        if (rq.curr == p) {
            rq.sched.updateCurr(rq);
        }
        rq.rt.remove(p);
    }

    @Override
    Task pickTask(RunQueue rq) {
        return rq.rt.throttled ? null : rq.rt.first();
    }

    /** update_curr_rt() with sched_rt_runtime_exceeded(). */
    @Override
    void updateCurr(RunQueue rq, Task curr, long delta) {
        RtRq rt = rq.rt;
        rt.rtTime += delta;
        if (!rt.throttled && rt.rtTime > rtRuntimeNs) {
            rt.throttled = true;
            if (!throttleWarned) { // printk_deferred_once()
                throttleWarned = true;
                rq.sched.k.printk("sched: RT throttling activated");
            }
            rq.sched.reschedCurr(rq);
        }
    }

    /** task_tick_rt(): SCHED_RR's slice; a used-up slice goes to the tail if others share the priority. */
    @Override
    void taskTick(RunQueue rq, Task curr) {
        if (curr.policy != Sched.SCHED_RR) {
            return;
        }
        if (--curr.rtTimeSlice > 0) {
            return;
        }
        curr.rtTimeSlice = rrTimeslice;
        ArrayDeque<Task> list = rq.rt.list(curr.prio);
        if (list.size() > 1) {
            requeue(rq, curr);
            rq.sched.reschedCurr(rq);
        }
    }

    private static void requeue(RunQueue rq, Task p) {
        ArrayDeque<Task> list = rq.rt.list(p.prio);
        list.remove(p);
        list.addLast(p);
    }

    /** wakeup_preempt_rt(): a higher priority preempts. */
    @Override
    void wakeupPreempt(RunQueue rq, Task p) {
        if (p.prio < rq.curr.prio) {
            rq.sched.reschedCurr(rq);
        }
    }

    /** yield_task_rt(): to the tail of its priority's list. */
    @Override
    void yieldTask(RunQueue rq, Task p) {
        requeue(rq, p);
    }

    /**
     * select_task_rq_rt(): on a wake-up, the previous CPU unless it runs something of equal
     * or higher priority, then the CPU running the lowest priority (find_lowest_rq()). A new
     * task is placed as the fair class places one (ksim's choice; Linux looks for the lowest
     * priority for WF_FORK too).
     */
    @Override
    int selectTaskRq(RunQueue rq, Task p, int flags) {
        return (flags & WF_FORK) != 0 ? rq.sched.balance.selectTaskRqFork(p) : findLowestRq(rq.sched.rqs, p);
    }

    private static int findLowestRq(RunQueue[] rqs, Task p) {
        if (Scheduler.allowed(p, p.cpu) && rqs[p.cpu].curr.prio > p.prio) {
            return p.cpu;
        }
        RunQueue lowest = null;
        for (RunQueue rq : rqs) {
            if (Scheduler.allowed(p, rq.cpu) && rq.curr.prio > p.prio
                    && (lowest == null || currPrio(rq) > currPrio(lowest))) {
                lowest = rq;
            }
        }
        if (lowest != null) {
            return lowest.cpu;
        }
        return Scheduler.fallbackCpu(p);
    }

    /** The priority a CPU runs at; an idle CPU ranks below every task. */
    private static int currPrio(RunQueue rq) {
        return rq.isIdle() ? Integer.MAX_VALUE : rq.curr.prio;
    }

    /** push_rt_task(): a task that cannot run where it waits goes to a CPU running something less important. */
    @Override
    boolean pushTask(RunQueue rq, Task p) {
        if (rq.curr == p || rq.curr.prio > p.prio) {
            return false;
        }
        RunQueue to = rq.sched.rqs[findLowestRq(rq.sched.rqs, p)];
        if (to == rq || to.curr.prio <= p.prio) {
            return false;
        }
        rq.sched.moveQueuedTask(p, to);
        return true;
    }

    @Override
    int nrRunning(RunQueue rq) {
        return rq.rt.nrRunning;
    }

    @Override
    Iterable<Task> queuedTasks(RunQueue rq) {
        List<Task> l = new ArrayList<>();
        for (Task t : rq.rt.all()) {
            if (t != rq.curr) {
                l.add(t);
            }
        }
        return l;
    }
}
