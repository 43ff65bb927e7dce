package ksim.kernel.sched;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * The scheduler's consistency rules, for the invariant checker: every runnable task queued
 * exactly once, on its own CPU's queue of its own class; class counters and load sums that
 * match their queues; min_vruntime never going backwards; no CPU idle while another CPU
 * has a waiting task it could run; and CPU busy time equal to the run time charged to tasks.
 */
final class SchedInvariants {
    private final Scheduler s;
    /** The min_vruntime each CPU had at the last check. */
    private final long[] minSeen;

    SchedInvariants(Scheduler s) {
        this.s = s;
        this.minSeen = new long[s.k.config.cpus];
    }

    void check(List<Task> all, List<String> bad) {
        Map<Task, Integer> queued = new IdentityHashMap<>();
        for (RunQueue rq : s.rqs) {
            checkClasses(rq, queued, bad);
            checkCfs(rq, bad);
            checkRt(rq, bad);
            if (rq.cfs.minVruntime - minSeen[rq.cpu] < 0) {
                bad.add("cpu " + rq.cpu + ": min_vruntime went back from " + minSeen[rq.cpu] + " to " + rq.cfs.minVruntime);
            }
            minSeen[rq.cpu] = rq.cfs.minVruntime;
        }
        long runtime = s.deadRuntime;
        for (Task t : all) {
            boolean idleTask = t.schedClass == s.classes.idle;
            Integer n = queued.get(t);
            if (t.onRq && !idleTask && (n == null || n != 1)) {
                bad.add(t + ": runnable but queued " + (n == null ? 0 : n) + " times");
            }
            if (!t.onRq && n != null) {
                bad.add(t + ": not runnable but queued on cpu " + n);
            }
            if (!idleTask && !(t.state == TaskState.TASK_DEAD && !t.onCpu)) {
                runtime += Cputime.taskSchedRuntime(s.k, t);
            }
        }
        long busy = 0;
        for (RunQueue rq : s.rqs) {
            busy += s.busyNs(rq);
        }
        if (busy != runtime) {
            bad.add("CPUs were busy " + busy + " ns but tasks were charged " + runtime + " ns");
        }
        checkNoIdleWhileWaiting(bad);
    }

    /**
     * Each class's tasks on rq — the ones it has queued and its running one — are on this CPU
     * and of that class, and the classes' counts add up to rq's nr_running.
     */
    private void checkClasses(RunQueue rq, Map<Task, Integer> queued, List<String> bad) {
        int n = 0;
        for (SchedClass c : s.classes.order) {
            for (Task t : c.queuedTasks(rq)) {
                count(rq, t, c, queued, bad);
            }
            if (rq.curr.schedClass == c && rq.curr.onRq) {
                count(rq, rq.curr, c, queued, bad);
            }
            n += c.nrRunning(rq);
        }
        if (n != rq.nrRunning) {
            bad.add("cpu " + rq.cpu + ": nr_running is " + rq.nrRunning + " but its classes count " + n);
        }
    }

    private void checkCfs(RunQueue rq, List<String> bad) {
        CfsRq cfs = rq.cfs;
        String tree = cfs.timeline.check();
        if (tree != null) {
            bad.add("cpu " + rq.cpu + ": cfs_rq tree: " + tree);
        }
        long load = 0;
        long treeLoad = 0;
        int n = 0;
        for (Task t : cfs.timeline) {
            if (t == cfs.curr) {
                bad.add("cpu " + rq.cpu + ": cfs curr " + t + " is in the tree");
            }
            treeLoad += t.se.weight;
            load += t.se.weight;
            n++;
        }
        if (cfs.curr != null && cfs.curr.se.onRq) {
            load += cfs.curr.se.weight;
            n++;
        }
        if (cfs.curr != null && cfs.curr != rq.curr) {
            bad.add("cpu " + rq.cpu + ": cfs curr " + cfs.curr + " is not the CPU's curr " + rq.curr);
        }
        if (n != cfs.nrRunning || load != cfs.loadWeight || treeLoad != cfs.avgLoad) {
            bad.add("cpu " + rq.cpu + ": cfs_rq counts " + cfs.nrRunning + " tasks, load " + cfs.loadWeight
                    + ", avg_load " + cfs.avgLoad + "; its queue has " + n + ", " + load + ", " + treeLoad);
        }
    }

    private static void checkRt(RunQueue rq, List<String> bad) {
        int n = rq.rt.all().size();
        if (n != rq.rt.nrRunning) {
            bad.add("cpu " + rq.cpu + ": rt_rq counts " + rq.rt.nrRunning + " tasks, its lists hold " + n);
        }
    }

    private static void count(RunQueue rq, Task t, SchedClass c, Map<Task, Integer> queued, List<String> bad) {
        queued.merge(t, 1, Integer::sum);
        if (t.cpu != rq.cpu) {
            bad.add(t + ": on cpu " + rq.cpu + "'s queue but its cpu is " + t.cpu);
        }
        if (t.schedClass != c) {
            bad.add(t + ": on a " + c.name + " queue but of another class");
        }
    }

    /** No CPU with nothing to run while another has a waiting task allowed on it. */
    private void checkNoIdleWhileWaiting(List<String> bad) {
        for (RunQueue idle : s.rqs) {
            if (idle.nrRunning != 0) {
                continue;
            }
            for (RunQueue busy : s.rqs) {
                if (busy.nrRunning < 2) {
                    continue;
                }
                for (SchedClass c : s.classes.migratable) {
                    for (Task t : c.queuedTasks(busy)) {
                        if (Scheduler.allowed(t, idle.cpu)) {
                            bad.add("cpu " + idle.cpu + " is idle (curr " + idle.curr + ") while " + t + " ("
                                    + Scheduler.className(t) + ", cpus " + t.cpusAllowed + ") waits on cpu " + busy.cpu
                                    + " (curr " + busy.curr + ", " + busy.nrRunning + " runnable)");
                        }
                    }
                }
            }
        }
    }
}
