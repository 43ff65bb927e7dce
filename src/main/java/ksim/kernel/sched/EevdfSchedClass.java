package ksim.kernel.sched;

import ksim.kernel.task.Task;

/**
 * kernel/sched/fair.c as of Linux 6.6–6.12: EEVDF. An entity is eligible when its lag
 * (avg_vruntime - vruntime) is not negative; among eligible entities the earliest virtual
 * deadline runs. A slice is sysctl_sched_base_slice; when curr's vruntime passes its
 * deadline it gets a new one and, with others waiting, is rescheduled. Leaving the queue
 * keeps the lag, and joining places the entity at avg_vruntime minus that lag (PLACE_LAG);
 * a new task starts with half a slice of deadline (PLACE_DEADLINE_INITIAL). RUN_TO_PARITY
 * lets curr finish its slice before a waking task may preempt it.
 *
 * <p>Not modelled: DELAY_DEQUEUE (6.12's delayed dequeue of ineligible sleepers), custom
 * slices (sched_attr.sched_runtime), PREEMPT_SHORT, and buddies.
 */
final class EevdfSchedClass extends FairSchedClass {
    /** sysctl_sched_base_slice: 0.70 ms times the CPU factor (6.18 on 2 CPUs shows se.slice 1400000 in /proc/PID/sched). */
    final long baseSlice;

    EevdfSchedClass(int cpus, long tickNs) {
        super(cpus, tickNs);
        this.baseSlice = 700_000L * factor;
    }

    @Override
    long entityKey(SchedEntity se) {
        return se.deadline;
    }

    /** reweight_task(): the saved lag is scaled so the task keeps its place in virtual time. */
    @Override
    void reweightTask(Task p) {
        long oldWeight = p.se.weight;
        super.reweightTask(p);
        if (oldWeight != p.se.weight && p.se.vlag != 0) {
            p.se.vlag = p.se.vlag * oldWeight / p.se.weight;
        }
    }

    /** __sched_fork(): a new entity has no lag and the base slice (Linux 6.6+ has nothing to do in task_fork_fair()). */
    @Override
    void taskFork(RunQueue rq, Task p) {
        p.se.vlag = 0;
        p.se.vruntime = 0;
        p.se.slice = baseSlice;
    }

    @Override
    void placeEntity(CfsRq cfs, SchedEntity se, int flags) {
        long vruntime = cfs.avgVruntime();
        se.slice = baseSlice;
        long vslice = Weights.calcDeltaFair(se.slice, se);
        long lag = 0;
        if (cfs.nrRunning > 0 && se.vlag != 0) { // PLACE_LAG: keep the lag the entity left with
            lag = se.vlag;
            long load = cfs.avgLoad;
            if (cfs.curr != null && cfs.curr.se.onRq) {
                load += cfs.curr.se.weight;
            }
            lag *= load + se.weight;
            lag /= load == 0 ? 1 : load;
        }
        se.vruntime = vruntime - lag;
        if (se.relDeadline) { // PLACE_REL_DEADLINE: a migrated entity keeps its relative deadline
            se.deadline += se.vruntime;
            se.relDeadline = false;
            return;
        }
        if ((flags & ENQUEUE_INITIAL) != 0) { // PLACE_DEADLINE_INITIAL
            vslice /= 2;
        }
        se.deadline = se.vruntime + vslice;
    }

    /** pick_eevdf(). */
    @Override
    Task pickEntity(CfsRq cfs) {
        Task first = cfs.first();
        Task curr = cfs.curr;
        if (cfs.nrRunning == 1) {
            return curr != null && curr.se.onRq ? curr : first;
        }
        if (curr != null && (!curr.se.onRq || !cfs.eligible(curr.se.vruntime))) {
            curr = null;
        }
        if (curr != null && curr.se.vlag == curr.se.deadline) { // RUN_TO_PARITY: its slice is protected
            return curr;
        }
        Task best = null;
        if (first != null && cfs.eligible(first.se.vruntime)) { // the leftmost, if eligible
            best = first;
        } else if (first != null) {
            best = cfs.timeline.firstWith(cfs::eligible); // by deadline: the first eligible one
        }
        if (best == null || (curr != null && curr.se.deadline - best.se.deadline < 0)) {
            best = curr;
        }
        return best != null ? best : first;
    }

    /** update_deadline(): a used-up slice gets a new deadline and asks for a reschedule. */
    @Override
    boolean afterUpdateCurr(CfsRq cfs, SchedEntity se) {
        if (se.vruntime - se.deadline < 0) {
            return false;
        }
        se.slice = baseSlice;
        se.deadline = se.vruntime + Weights.calcDeltaFair(se.slice, se);
        return true;
    }

    @Override
    void checkPreemptTick(RunQueue rq, CfsRq cfs, Task curr) {
        // EEVDF preempts from update_curr() (update_deadline), which the tick has just run
    }

    /** check_preempt_wakeup_fair(): preempt when the woken task is now the one pick_eevdf() would run. */
    @Override
    boolean wakeupPreemptEntity(CfsRq cfs, Task curr, Task p) {
        return pickEntity(cfs) == p;
    }

    /** update_entity_lag(): measured while the entity still counts in avg_vruntime. */
    @Override
    void saveOnDequeue(CfsRq cfs, SchedEntity se, int flags) {
        long vlag = cfs.avgVruntime() - se.vruntime;
        long limit = Weights.calcDeltaFair(Math.max(2 * se.slice, tickNs), se);
        se.vlag = Math.max(-limit, Math.min(limit, vlag));
    }

    /** PLACE_REL_DEADLINE: an entity that is not going to sleep keeps its deadline relative to its vruntime. */
    @Override
    void afterDequeue(CfsRq cfs, SchedEntity se, int flags) {
        if ((flags & DEQUEUE_SLEEP) == 0) {
            se.deadline -= se.vruntime;
            se.relDeadline = true;
        }
    }

    /** set_next_entity(): stash the deadline in vlag to protect the slice (RUN_TO_PARITY). */
    @Override
    void onSetNext(SchedEntity se) {
        se.vlag = se.deadline;
    }

    /** yield_task_fair(): push curr's deadline one slice further. */
    @Override
    void yieldTask(RunQueue rq, Task p) {
        if (rq.nrRunning == 1) {
            return;
        }
        updateCurr(rq);
        p.se.deadline += Weights.calcDeltaFair(p.se.slice, p.se);
    }
}
