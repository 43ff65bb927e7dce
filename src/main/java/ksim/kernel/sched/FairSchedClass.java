package ksim.kernel.sched;

import ksim.abi.Sched;
import ksim.kernel.KernelConfig;
import ksim.kernel.task.Task;

/**
 * kernel/sched/fair.c: the fair class's bookkeeping, common to CFS and EEVDF — the
 * red-black tree, load weights, update_curr(), min_vruntime, and the SCHED_BATCH and
 * SCHED_IDLE rules. How entities are placed, picked and preempted is the subclass's:
 * {@link CfsSchedClass} (Linux up to 6.5) or {@link EevdfSchedClass} (6.6 and later).
 */
abstract class FairSchedClass extends SchedClass {
    /** 1 + ilog2(min(ncpus, 8)): SCHED_TUNABLESCALING_LOG, applied to every granularity. */
    final long factor;
    final long tickNs;

    FairSchedClass(int cpus, long tickNs) {
        super("fair", NO_PRIO, Sched.SCHED_NORMAL, Sched.SCHED_BATCH, Sched.SCHED_IDLE);
        this.factor = 1 + (31 - Integer.numberOfLeadingZeros(Math.min(cpus, 8)));
        this.tickNs = tickNs;
    }

    /** The fair class of the configured kernel: EEVDF (Linux 6.6 and later) or CFS (up to 6.5). */
    static FairSchedClass create(KernelConfig config) {
        return config.sched == KernelConfig.SchedMode.CFS ? new CfsSchedClass(config.cpus, config.tickNs())
                : new EevdfSchedClass(config.cpus, config.tickNs());
    }

    /** entity_before()'s key, by which the tree is ordered: EEVDF's virtual deadline, CFS's vruntime. */
    abstract long entityKey(SchedEntity se);

    /** init_cfs_rq(): a CPU's empty queue, its tree ordered by {@link #entityKey}. */
    CfsRq initCfsRq() {
        return new CfsRq(new RbTree(this::entityKey));
    }

    /**
     * task_fork_fair() and __sched_fork()'s sched_entity part: the entity of a new task (not
     * queued yet), whatever its class — every task has one, and ksim initialises it here.
     */
    abstract void taskFork(RunQueue rq, Task p);

    /** place_entity(): a vruntime (and deadline) for an entity joining the queue. */
    abstract void placeEntity(CfsRq cfs, SchedEntity se, int flags);

    /** pick_next_entity(): the entity to run next, curr included. */
    abstract Task pickEntity(CfsRq cfs);

    /** What update_curr() does after charging vruntime: EEVDF's deadline, CFS's nothing. Returns true to resched. */
    abstract boolean afterUpdateCurr(CfsRq cfs, SchedEntity curr);

    /** CFS's check_preempt_tick(); EEVDF decides in update_curr(). */
    abstract void checkPreemptTick(RunQueue rq, CfsRq cfs, Task curr);

    /** Whether waking {@code p} should preempt cfs.curr (both SCHED_NORMAL or BATCH, same idleness). */
    abstract boolean wakeupPreemptEntity(CfsRq cfs, Task curr, Task p);

    /** dequeue_entity() before the entity leaves the tree: EEVDF keeps its lag. */
    void saveOnDequeue(CfsRq cfs, SchedEntity se, int flags) {
    }

    /** dequeue_entity() once it has left: CFS keeps a migrating entity's vruntime relative to min_vruntime. */
    void afterDequeue(CfsRq cfs, SchedEntity se, int flags) {
    }

    /** set_next_entity()'s extra step (EEVDF protects the new slice). */
    void onSetNext(SchedEntity se) {
    }

    static boolean idlePolicy(Task p) {
        return p.policy == Sched.SCHED_IDLE;
    }

    /** set_load_weight(): from the nice value, or WEIGHT_IDLEPRIO for SCHED_IDLE. */
    static void setLoadWeight(Task p) {
        if (idlePolicy(p)) {
            p.se.weight = Weights.WEIGHT_IDLEPRIO;
            p.se.invWeight = Weights.WMULT_IDLEPRIO;
        } else {
            int i = p.staticPrio - SchedCalls.MAX_RT_PRIO;
            p.se.weight = Weights.PRIO_TO_WEIGHT[i];
            p.se.invWeight = Weights.PRIO_TO_WMULT[i];
        }
    }

    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        CfsRq cfs = rq.cfs;
        SchedEntity se = p.se;
        boolean isCurr = cfs.curr == p;
        if (isCurr) {
            placeEntity(cfs, se, flags);
        }
        updateCurr(rq);
        if (!isCurr) {
            placeEntity(cfs, se, flags);
        }
        cfs.loadWeight += se.weight;
        cfs.nrRunning++;
        if (!isCurr) {
            cfs.enqueueEntity(p);
        }
        se.onRq = true;
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        CfsRq cfs = rq.cfs;
        SchedEntity se = p.se;
        updateCurr(rq);
        saveOnDequeue(cfs, se, flags);
        if (cfs.skip == p) {
            cfs.skip = null;
        }
        if (cfs.curr != p) {
            cfs.dequeueEntity(p);
        }
        afterDequeue(cfs, se, flags);
        se.onRq = false;
        cfs.loadWeight -= se.weight;
        cfs.nrRunning--;
        cfs.updateMinVruntime();
    }

    /** update_curr() for the running fair task, when it is rq's curr. */
    final void updateCurr(RunQueue rq) {
        Task curr = rq.cfs.curr;
        if (curr != null && rq.curr == curr) {
            rq.sched.updateCurr(rq);
        }
    }

    @Override
    void updateCurr(RunQueue rq, Task curr, long delta) {
        CfsRq cfs = rq.cfs;
        SchedEntity se = curr.se;
        se.vruntime += Weights.calcDeltaFair(delta, se);
        boolean resched = afterUpdateCurr(cfs, se);
        cfs.updateMinVruntime();
        if (resched && cfs.nrRunning > 1) {
            rq.sched.reschedCurr(rq);
        }
    }

    @Override
    Task pickTask(RunQueue rq) {
        CfsRq cfs = rq.cfs;
        if (cfs.nrRunning == 0) {
            return null;
        }
        if (cfs.curr != null && cfs.curr.se.onRq) {
            updateCurr(rq);
        }
        return pickEntity(cfs);
    }

    @Override
    void putPrevTask(RunQueue rq, Task prev) {
        CfsRq cfs = rq.cfs;
        if (prev.se.onRq) {
            updateCurr(rq);
            cfs.enqueueEntity(prev);
        }
        cfs.curr = null;
    }

    @Override
    void setNextTask(RunQueue rq, Task next) {
        CfsRq cfs = rq.cfs;
        SchedEntity se = next.se;
        if (se.onRq) {
            cfs.dequeueEntity(next);
        }
        cfs.curr = next;
        if (cfs.skip == next) {
            cfs.skip = null;
        }
        se.prevSumExecRuntime = se.sumExecRuntime;
        onSetNext(se);
    }

    @Override
    void taskTick(RunQueue rq, Task curr) {
        // entity_tick(): update_curr() already ran in the core's tick
        if (rq.cfs.nrRunning > 1) {
            checkPreemptTick(rq, rq.cfs, curr);
        }
    }

    /** check_preempt_wakeup_fair(). */
    @Override
    void wakeupPreempt(RunQueue rq, Task p) {
        Task curr = rq.curr;
        if (curr == p) {
            return;
        }
        if (idlePolicy(curr) && !idlePolicy(p)) { // idle tasks are preempted by non-idle ones
            rq.sched.reschedCurr(rq);
            return;
        }
        if (p.policy != Sched.SCHED_NORMAL) { // batch and idle tasks do not preempt: the tick does
            return;
        }
        if (idlePolicy(curr) != idlePolicy(p)) {
            return;
        }
        updateCurr(rq);
        if (wakeupPreemptEntity(rq.cfs, curr, p)) {
            rq.sched.reschedCurr(rq);
        }
    }

    /**
     * select_task_rq_fair(): a new task goes where fork balancing puts it; a waking one to
     * its previous CPU if idle, else the first idle CPU, else its previous one
     * (select_idle_sibling()).
     */
    @Override
    int selectTaskRq(RunQueue rq, Task p, int flags) {
        if ((flags & WF_FORK) != 0) {
            return rq.sched.balance.selectTaskRqFork(p);
        }
        RunQueue[] rqs = rq.sched.rqs;
        if (Scheduler.allowed(p, p.cpu) && rqs[p.cpu].isIdle()) {
            return p.cpu;
        }
        for (RunQueue other : rqs) {
            if (Scheduler.allowed(p, other.cpu) && other.isIdle()) {
                return other.cpu;
            }
        }
        return Scheduler.fallbackCpu(p);
    }

    /** switched_to_fair(): a running task that came down from a higher class is rescheduled; a waiting one may preempt. */
    @Override
    void switchedTo(RunQueue rq, Task p) {
        reschedOrPreempt(rq, p);
    }

    /**
     * prio_changed_fair(): a running task is rescheduled whatever its new priority (ksim's
     * choice: its new weight may make another entity the one to run); a waiting one may preempt.
     */
    @Override
    void prioChanged(RunQueue rq, Task p, int oldPrio) {
        reschedOrPreempt(rq, p);
    }

    private static void reschedOrPreempt(RunQueue rq, Task p) {
        if (rq.curr == p) {
            rq.sched.reschedCurr(rq);
        } else {
            rq.sched.wakeupPreempt(rq, p);
        }
    }

    @Override
    int nrRunning(RunQueue rq) {
        return rq.cfs.nrRunning;
    }

    /** The queued (not running) fair tasks, the longest queued first, most recently queued last. */
    @Override
    Iterable<Task> queuedTasks(RunQueue rq) {
        return rq.cfs.queued();
    }

    /**
     * reweight_task(): nice or policy changed the weight of a task that is not queued (the
     * core dequeues a queued one around the change).
     */
    void reweightTask(Task p) {
        setLoadWeight(p);
    }
}
