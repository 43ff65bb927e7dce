package ksim.kernel.sched;

import ksim.kernel.task.Task;

/**
 * kernel/sched/sched.h: struct cfs_rq. The queued entities live in {@code timeline}, a
 * red-black tree ({@link RbTree}, nodes embedded in the entities) keyed by virtual deadline under EEVDF and by
 * vruntime under CFS; the running entity ({@link #curr}) is taken out of the tree while it
 * runs, as set_next_entity() does. avg_vruntime/avg_load keep the weighted sum of the
 * queued entities' keys relative to min_vruntime, which EEVDF's eligibility test needs.
 */
final class CfsRq {
    final RbTree timeline;
    Task curr;
    /** CFS's skip buddy: the task that last called sched_yield(). */
    Task skip;
    /** nr_running: queued entities, curr included while on_rq. */
    int nrRunning;
    /** load.weight: the sum of the on_rq entities' weights. */
    long loadWeight;
    long minVruntime;
    /** avg_vruntime: sum of (vruntime - min_vruntime) * weight over the tree. */
    long avgVruntime;
    /** avg_load: sum of the tree's weights. */
    long avgLoad;
    private long seq;
    /** The tree's entities in the order they were queued (ascending seq): the oldest first, the newest last. */
    private SchedEntity queuedFirst, queuedLast;

    CfsRq(RbTree timeline) {
        this.timeline = timeline;
    }

    /** entity_key(). */
    long key(SchedEntity se) {
        return se.vruntime - minVruntime;
    }

    /** __enqueue_entity() with avg_vruntime_add(). */
    void enqueueEntity(Task p) {
        SchedEntity se = p.se;
        se.seq = seq++;
        if (se.inTree) { // a bug: the tree would hold the entity twice
            throw new IllegalStateException(p + " is already in the tree");
        }
        se.inTree = true;
        timeline.add(se);
        se.queuedPrev = queuedLast;
        if (queuedLast != null) {
            queuedLast.queuedNext = se;
        } else {
            queuedFirst = se;
        }
        queuedLast = se;
        avgVruntime += key(se) * se.weight;
        avgLoad += se.weight;
    }

    /** __dequeue_entity() with avg_vruntime_sub(). */
    void dequeueEntity(Task p) {
        SchedEntity se = p.se;
        if (!se.inTree) { // a bug: the entity is not queued
            throw new IllegalStateException(p + " is not in the tree");
        }
        timeline.remove(se);
        se.inTree = false;
        if (se.queuedPrev != null) {
            se.queuedPrev.queuedNext = se.queuedNext;
        } else {
            queuedFirst = se.queuedNext;
        }
        if (se.queuedNext != null) {
            se.queuedNext.queuedPrev = se.queuedPrev;
        } else {
            queuedLast = se.queuedPrev;
        }
        se.queuedPrev = se.queuedNext = null;
        avgVruntime -= key(se) * se.weight;
        avgLoad -= se.weight;
    }

    /** The queued entities' tasks, the longest queued first (not curr, which is out of the tree). */
    Iterable<Task> queued() {
        return () -> RbTree.walk(queuedFirst, se -> se.queuedNext);
    }

    Task first() {
        return timeline.first();
    }

    /** avg_vruntime(): the weighted average vruntime of the queue, curr included. */
    long avgVruntime() {
        long avg = avgVruntime;
        long load = avgLoad;
        if (curr != null && curr.se.onRq) {
            avg += key(curr.se) * curr.se.weight;
            load += curr.se.weight;
        }
        if (load != 0) {
            if (avg < 0) {
                avg -= load - 1; // sign flips effective floor / ceiling
            }
            avg /= load;
        }
        return minVruntime + avg;
    }

    /** vruntime_eligible(): would an entity at this vruntime have non-negative lag? */
    boolean eligible(long vruntime) {
        long avg = avgVruntime;
        long load = avgLoad;
        if (curr != null && curr.se.onRq) {
            avg += key(curr.se) * curr.se.weight;
            load += curr.se.weight;
        }
        return avg >= (vruntime - minVruntime) * load;
    }

    /**
     * update_min_vruntime(): the smallest vruntime of curr and the queue, never going
     * backwards; avg_vruntime is rebased with it.
     */
    void updateMinVruntime() {
        long vruntime = minVruntime;
        boolean haveCurr = curr != null && curr.se.onRq;
        if (haveCurr) {
            vruntime = curr.se.vruntime;
        }
        if (!timeline.isEmpty()) {
            long treeMin = timeline.minVruntime();
            vruntime = haveCurr && vruntime - treeMin < 0 ? vruntime : treeMin;
        }
        if (vruntime - minVruntime > 0) {
            avgVruntime -= avgLoad * (vruntime - minVruntime);
            minVruntime = vruntime;
        }
    }
}
