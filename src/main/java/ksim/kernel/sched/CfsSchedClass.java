package ksim.kernel.sched;

import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * kernel/sched/fair.c as of Linux 5.x–6.5: CFS. The leftmost vruntime runs. A tick
 * preempts curr once it has run its share of the period (sched_slice()), or has run at
 * least min_granularity and is more than a slice ahead of the leftmost; a waking task
 * preempts when curr is ahead of it by more than wakeup_granularity. A waking sleeper is
 * placed half a latency before min_vruntime (GENTLE_FAIR_SLEEPERS), a new task one vslice
 * after it (START_DEBIT). A task off its queue for a migration carries its vruntime
 * relative to min_vruntime.
 */
final class CfsSchedClass extends FairSchedClass {
    final long latency;
    final long minGranularity;
    final long wakeupGranularity;
    static final int SCHED_NR_LATENCY = 8;

    CfsSchedClass(int cpus, long tickNs) {
        super(cpus, tickNs);
        latency = 6_000_000L * factor;
        minGranularity = 750_000L * factor;
        wakeupGranularity = 1_000_000L * factor;
    }

    @Override
    long entityKey(SchedEntity se) {
        return se.vruntime;
    }

    /** __sched_period(). */
    private long schedPeriod(int nrRunning) {
        return nrRunning > SCHED_NR_LATENCY ? nrRunning * minGranularity : latency;
    }

    /** sched_slice(): the entity's share of the period by weight. */
    long schedSlice(CfsRq cfs, SchedEntity se) {
        long slice = schedPeriod(cfs.nrRunning + (se.onRq ? 0 : 1));
        long load = cfs.loadWeight + (se.onRq ? 0 : se.weight);
        return Weights.calcDelta(slice, se.weight, Weights.invWeight(load));
    }

    /** task_fork_fair(): start from the parent's vruntime, but no earlier than one vslice after min_vruntime. */
    @Override
    void taskFork(RunQueue rq, Task p) {
        CfsRq cfs = rq.cfs;
        SchedEntity se = p.se;
        se.vruntime = 0;
        Task curr = cfs.curr;
        if (curr != null && rq.curr == curr) {
            updateCurr(rq);
            se.vruntime = curr.se.vruntime;
        }
        long vruntime = cfs.minVruntime + Weights.calcDeltaFair(schedSlice(cfs, se), se); // START_DEBIT
        if (vruntime - se.vruntime > 0) {
            se.vruntime = vruntime;
        }
        se.vruntime -= cfs.minVruntime;
    }

    @Override
    void placeEntity(CfsRq cfs, SchedEntity se, int flags) {
        boolean wakeup = (flags & ENQUEUE_WAKEUP) != 0;
        if (!wakeup || (flags & ENQUEUE_MIGRATED) != 0) {
            se.vruntime += cfs.minVruntime; // renormalise
        }
        if (wakeup) { // place_entity(cfs_rq, se, 0): sleeper credit of half a latency
            long vruntime = cfs.minVruntime - (latency >> 1);
            if (vruntime - se.vruntime > 0) {
                se.vruntime = vruntime;
            }
        }
    }

    /** migrate_task_rq_fair(): a waking task leaves its old queue's min_vruntime behind. */
    @Override
    void migrateTaskRq(RunQueue from, Task p, int newCpu) {
        if (p.state == TaskState.TASK_WAKING) {
            p.se.vruntime -= from.cfs.minVruntime;
        }
    }

    @Override
    Task pickEntity(CfsRq cfs) {
        Task left = cfs.first();
        Task curr = cfs.curr != null && cfs.curr.se.onRq ? cfs.curr : null;
        if (left == null || (curr != null && curr.se.vruntime - left.se.vruntime < 0)) {
            left = curr;
        }
        if (left != null && left == cfs.skip) { // a yielding task runs last if another is close
            Task second = secondEntity(cfs, left, curr);
            if (second != null && !wakeupPreemptEntity(cfs, second, left)) {
                left = second;
            }
        }
        return left;
    }

    private static Task secondEntity(CfsRq cfs, Task left, Task curr) {
        Task second = null;
        for (Task t : cfs.timeline) {
            if (t != left) {
                second = t;
                break;
            }
        }
        if (curr != null && curr != left && (second == null || curr.se.vruntime - second.se.vruntime < 0)) {
            second = curr;
        }
        return second;
    }

    @Override
    boolean afterUpdateCurr(CfsRq cfs, SchedEntity se) {
        return false;
    }

    /** check_preempt_tick(). */
    @Override
    void checkPreemptTick(RunQueue rq, CfsRq cfs, Task curr) {
        long idealRuntime = schedSlice(cfs, curr.se);
        long deltaExec = curr.se.sumExecRuntime - curr.se.prevSumExecRuntime;
        if (deltaExec > idealRuntime) {
            rq.sched.reschedCurr(rq);
            cfs.skip = null;
            return;
        }
        if (deltaExec < minGranularity) {
            return;
        }
        Task left = cfs.first();
        if (left == null) {
            return;
        }
        long delta = curr.se.vruntime - left.se.vruntime;
        if (delta > idealRuntime) {
            rq.sched.reschedCurr(rq);
        }
    }

    /** wakeup_preempt_entity() == 1: curr is ahead of p by more than p's wakeup granularity. */
    @Override
    boolean wakeupPreemptEntity(CfsRq cfs, Task curr, Task p) {
        long vdiff = curr.se.vruntime - p.se.vruntime;
        return vdiff > 0 && vdiff > Weights.calcDeltaFair(wakeupGranularity, p.se);
    }

    @Override
    void afterDequeue(CfsRq cfs, SchedEntity se, int flags) {
        if ((flags & DEQUEUE_SLEEP) == 0) {
            se.vruntime -= cfs.minVruntime;
        }
    }

    /** yield_task_fair(): curr becomes the skip buddy. */
    @Override
    void yieldTask(RunQueue rq, Task p) {
        if (rq.nrRunning == 1) {
            return;
        }
        updateCurr(rq);
        rq.cfs.skip = p;
    }
}
