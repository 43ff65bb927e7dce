package ksim.kernel.sched;

import ksim.kernel.task.Task;

/**
 * Where tasks run: the CPU for a new task, idle kicks after a task is queued, and load
 * balancing (kernel/sched/fair.c sched_balance_find_dst_cpu(), sched_balance_rq(),
 * sched_balance_newidle(), nohz idle balance; rt.c pull_rt_task()). One flat scheduling
 * domain spans all CPUs. Wake-up placement and RT push are the classes' (select_task_rq,
 * push_rt_task()).
 *
 * <p>Simple but real: a CPU about to go idle pulls a waiting task from the busiest CPU; a
 * CPU with several runnable tasks kicks idle CPUs at its tick (they are tickless, so they
 * would not balance on their own); busy CPUs balance every balance_interval × busy_factor,
 * moving a task when half the weighted-load difference covers it — the requirement halves
 * with each failed attempt (nr_balance_failed), so three hogs on two CPUs keep changing
 * places and each gets two thirds of a CPU. Recently run tasks are cache-hot (migration
 * cost 0.5 ms) and stay unless balancing keeps failing.
 */
final class LoadBalance {
    static final int BUSY_FACTOR = 16;
    static final int CACHE_NICE_TRIES = 1;
    static final long MIGRATION_COST_NS = 500_000;

    private final Scheduler s;
    /** sd->balance_interval: one millisecond per CPU in the domain (sd_weight). */
    private final long balanceIntervalNs;

    LoadBalance(Scheduler s) {
        this.s = s;
        this.balanceIntervalNs = Math.min(s.k.config.cpus, 64) * 1_000_000L;
    }

    private RunQueue[] rqs() {
        return s.rqs;
    }

    /**
     * select_task_rq() for fork (sched_balance_find_dst_cpu()): the allowed CPU with the fewest
     * runnable tasks; the parent's wins a tie.
     */
    int selectTaskRqFork(Task p) {
        RunQueue best = null;
        for (RunQueue rq : rqs()) {
            if (Scheduler.allowed(p, rq.cpu) && (best == null || rq.nrRunning < best.nrRunning)) {
                best = rq;
            }
        }
        if (Scheduler.allowed(p, p.cpu) && rqs()[p.cpu].nrRunning == best.nrRunning) {
            best = rqs()[p.cpu];
        }
        return best.cpu;
    }

    /**
     * After {@code p} was queued on rq: its class may push it to another CPU (the balance
     * callback); else a queue with waiting tasks wakes an idle CPU to pull one (kick_ilb()).
     */
    void afterEnqueue(RunQueue rq, Task p) {
        if (!p.schedClass.pushTask(rq, p)) {
            kickIdle(rq);
        }
    }

    /** nohz_balancer_kick(): idle CPUs pull from rq when it has tasks waiting. */
    private void kickIdle(RunQueue rq) {
        if (rq.nrRunning < 2) {
            return;
        }
        for (RunQueue idle : rqs()) {
            if (idle.isIdle() && idle != rq) {
                newidleBalance(idle);
            }
        }
    }

    /**
     * sched_balance_newidle() and pull_rt_task(): an idle CPU takes one waiting task from the
     * CPU with the most runnable tasks — RT tasks first. Returns whether it took one.
     */
    boolean newidleBalance(RunQueue rq) {
        Task best = null;
        RunQueue from = null;
        for (SchedClass c : s.classes.migratable) {
            for (RunQueue other : rqs()) {
                if (other == rq || other.nrRunning < 2) {
                    continue;
                }
                for (Task t : c.queuedTasks(other)) {
                    if (Scheduler.allowed(t, rq.cpu)) { // the first movable candidate of each queue
                        if (from == null || other.nrRunning > from.nrRunning) {
                            best = t;
                            from = other;
                        }
                        break;
                    }
                }
            }
            if (best != null) {
                break;
            }
        }
        if (best == null) {
            return false;
        }
        s.moveQueuedTask(best, rq, false);
        return true;
    }

    /** The tick's part: kick idle CPUs, and the periodic balance when it is due (sched_balance_trigger()). */
    void tick(RunQueue rq) {
        kickIdle(rq);
        long now = s.k.now();
        if (now < rq.nextBalance) {
            return;
        }
        boolean moved = loadBalance(rq);
        // sd->balance_interval doubles while balancing finds nothing to move (up to max_interval,
        // twice the minimum) and is back at the minimum after a move. A seeded jitter of zero
        // or one tick stands for the skew that keeps real CPUs from balancing in lockstep with
        // their tasks' slices (without it, the same task would be the one moved every time)
        long interval = balanceIntervalNs * (moved || rq.balanceFailed == 0 ? 1 : 2) * BUSY_FACTOR;
        rq.nextBalance = now + interval + s.k.random.nextInt(2) * s.k.config.tickNs();
    }

    /**
     * sched_balance_rq() for a busy CPU: pull one fair task from the busiest CPU when half
     * the load difference covers its weight (halved again for every failed attempt).
     */
    private boolean loadBalance(RunQueue rq) {
        RunQueue busiest = null;
        for (RunQueue other : rqs()) {
            if (other != rq && other.cfs.nrRunning >= 2 && (busiest == null || other.cfsLoad() > busiest.cfsLoad())) {
                busiest = other;
            }
        }
        if (busiest == null) {
            return false;
        }
        long imbalance = (busiest.cfsLoad() - rq.cfsLoad()) / 2;
        if (imbalance <= 0) {
            return false;
        }
        long now = s.k.now();
        for (Task t : s.classes.fair.queuedTasks(busiest)) {
            if (!Scheduler.allowed(t, rq.cpu)) {
                continue;
            }
            boolean hot = now - t.se.execStart < MIGRATION_COST_NS;
            if (hot && rq.balanceFailed <= CACHE_NICE_TRIES) {
                continue;
            }
            if ((t.se.weight() >> Math.min(rq.balanceFailed, 62)) > imbalance) {
                continue;
            }
            s.moveQueuedTask(t, rq);
            rq.balanceFailed = 0;
            return true;
        }
        rq.balanceFailed++;
        return false;
    }
}
