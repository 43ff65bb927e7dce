package ksim.kernel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.PidType;
import ksim.kernel.sched.RunQueue;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * The kernel's consistency rules, checked by walking every task: runqueue membership,
 * family lists, pid hashes and counts, and mm reference counts. Tests run it after every
 * event; it returns what is wrong instead of throwing, so a test can print all of it.
 */
public final class Invariants {
    private Invariants() {}

    /** Every task the kernel knows: the idle tasks, then every thread of every group leader. */
    public static List<Task> allTasks(Kernel k) {
        List<Task> all = new ArrayList<>();
        for (RunQueue rq : k.sched.rqs) {
            all.add(rq.idle);
        }
        for (Task leader : k.initTasks) {
            for (Task t : leader.signal.threadHead) {
                all.add(t);
            }
        }
        return all;
    }

    public static List<String> check(Kernel k) {
        List<String> bad = new ArrayList<>();
        List<Task> all = allTasks(k);
        int[] runnable = new int[k.sched.rqs.length];
        Map<MmStruct, int[]> mmRefs = new IdentityHashMap<>();
        Map<Pid, Boolean> pids = new IdentityHashMap<>();
        int threads = 0;
        for (Task t : all) {
            boolean idle = k.sched.rqs[t.cpu].idle == t;
            if (!idle) {
                threads++;
                checkTask(t, bad);
                pids.put(t.threadPid, true);
                for (int type = PidType.PIDTYPE_TGID; type < PidType.PIDTYPE_MAX; type++) {
                    pids.put(t.pidOf(type), true);
                }
            }
            if (t.onRq && !idle) {
                runnable[t.cpu]++;
            }
            if (t.mm != null) {
                mmRefs.computeIfAbsent(t.mm, m -> new int[2])[0]++;
            }
            if (t.activeMm != null && t.activeMm != t.mm) {
                mmRefs.computeIfAbsent(t.activeMm, m -> new int[2])[1]++;
            }
        }
        if (threads != k.nrThreads) {
            bad.add("nr_threads " + k.nrThreads + " but " + threads + " tasks are hashed");
        }
        checkRunQueues(k, runnable, bad);
        checkUserCounts(k, all, bad);
        checkMms(k, all, mmRefs, bad);
        checkPidsAllocated(pids, bad);
        k.sched.checkInvariants(all, bad);
        return bad;
    }

    /** Each runqueue's nr_running is the tasks queued on it, and its curr runs there. */
    private static void checkRunQueues(Kernel k, int[] runnable, List<String> bad) {
        for (RunQueue rq : k.sched.rqs) {
            if (rq.nrRunning != runnable[rq.cpu]) {
                bad.add("cpu " + rq.cpu + ": nr_running " + rq.nrRunning + " but " + runnable[rq.cpu] + " tasks on it");
            }
            if (!rq.curr.onCpu || rq.curr.cpu != rq.cpu) {
                bad.add("cpu " + rq.cpu + ": curr " + rq.curr + " is not marked running there");
            }
            if (rq.curr != rq.idle && !rq.curr.onRq) {
                bad.add("cpu " + rq.cpu + ": curr " + rq.curr + " is not on the runqueue");
            }
        }
    }

    /** The per-user counts (ucounts): tasks for RLIMIT_NPROC, queued sigqueues for RLIMIT_SIGPENDING. */
    private static void checkUserCounts(Kernel k, List<Task> all, List<String> bad) {
        Map<Integer, int[]> perUser = new java.util.TreeMap<>();
        for (Task t : all) {
            if (k.sched.rqs[t.cpu].idle != t) {
                perUser.computeIfAbsent(t.cred.uid(), u -> new int[1])[0]++;
            }
        }
        for (Map.Entry<Integer, int[]> e : perUser.entrySet()) {
            if (k.userProcesses.get(e.getKey()) != e.getValue()[0]) {
                bad.add("uid " + e.getKey() + ": counted " + k.userProcesses.get(e.getKey()) + " tasks but owns "
                        + e.getValue()[0]);
            }
        }
        Map<Integer, int[]> charged = new java.util.TreeMap<>();
        java.util.Set<SignalStruct> groups = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Task t : all) {
            t.pending.countCharges(charged);
            if (groups.add(t.signal)) {
                t.signal.sharedPending.countCharges(charged);
            }
        }
        for (Map.Entry<Integer, int[]> e : charged.entrySet()) {
            if (k.userSigpending.get(e.getKey()) != e.getValue()[0]) {
                bad.add("uid " + e.getKey() + ": counted " + k.userSigpending.get(e.getKey())
                        + " pending sigqueues but its tasks hold " + e.getValue()[0]);
            }
        }
        long held = charged.values().stream().mapToLong(c -> c[0]).sum();
        if (k.userSigpending.total() != held) {
            bad.add("pending sigqueues: counted " + k.userSigpending.total() + " in all but " + held + " are queued");
        }
    }

    /** mm_users is the tasks using an mm, mm_count one for them all plus each lazy borrower. */
    private static void checkMms(Kernel k, List<Task> all, Map<MmStruct, int[]> mmRefs, List<String> bad) {
        for (Map.Entry<MmStruct, int[]> e : mmRefs.entrySet()) {
            MmStruct mm = e.getKey();
            int users = e.getValue()[0];
            int borrowers = e.getValue()[1];
            if (mm == k.initMm) { // init_mm is static: never freed, used by no user task
                if (mm.mmCount != 1 + borrowers) {
                    bad.add("init_mm: mm_count " + mm.mmCount + " but " + borrowers + " lazy borrowers");
                }
                continue;
            }
            if (mm.mmUsers != users) {
                bad.add("mm " + mm + ": mm_users " + mm.mmUsers + " but " + users + " tasks use it (" + holders(all, mm) + ")");
            }
            int expectCount = (users > 0 ? 1 : 0) + borrowers;
            if (mm.mmCount != expectCount) {
                bad.add("mm " + mm + ": mm_count " + mm.mmCount + " but expected " + expectCount
                        + " (" + users + " users, " + borrowers + " lazy borrowers)");
            }
        }
    }

    /** Each namespace's pid_allocated is the numbers the live pids hold in it. */
    private static void checkPidsAllocated(Map<Pid, Boolean> pids, List<String> bad) {
        Map<PidNamespace, int[]> pidsPerNs = new IdentityHashMap<>();
        for (Pid pid : pids.keySet()) {
            for (Pid.Upid u : pid.numbers) {
                if (u.nr() > 0) {
                    pidsPerNs.computeIfAbsent(u.ns(), n -> new int[1])[0]++;
                }
            }
        }
        for (Map.Entry<PidNamespace, int[]> e : pidsPerNs.entrySet()) {
            if (e.getKey().pidAllocated != e.getValue()[0]) {
                bad.add("pid namespace level " + e.getKey().level + ": pid_allocated " + e.getKey().pidAllocated
                        + " but " + e.getValue()[0] + " tasks hold numbers in it");
            }
        }
    }

    private static void checkTask(Task t, List<String> bad) {
        Pid pid = t.threadPid;
        if (pid.task(PidType.PIDTYPE_PID) != t) {
            bad.add(t + ": its pid does not lead back to it");
        }
        for (Pid.Upid u : pid.numbers) {
            if (u.ns().find(u.nr()) != pid) {
                bad.add(t + ": pid " + u.nr() + " at level " + u.ns().level + " is not hashed");
            }
        }
        boolean runnable = t.state == TaskState.TASK_RUNNING && t.exitState == 0;
        if (runnable != t.onRq) {
            bad.add(t + ": state " + t.state + " exit_state " + t.exitState + " but on_rq " + t.onRq);
        }
        if (t.isGroupLeader()) {
            if (!contains(t.realParent.children, t)) {
                bad.add(t + ": not on its parent " + t.realParent + "'s children list");
            }
            if (t.exitState == TaskState.EXIT_DEAD) {
                bad.add(t + ": EXIT_DEAD but still hashed");
            }
        }
        for (Task c : t.children) {
            if (c.realParent != t) {
                bad.add(c + ": on " + t + "'s children list but its parent is " + c.realParent);
            }
            if (c.exitState == TaskState.EXIT_ZOMBIE && !t.mayHaveZombieChildren) {
                bad.add(c + ": a zombie on " + t + "'s children list, which is marked as having none");
            }
        }
    }

    private static String holders(List<Task> all, MmStruct mm) {
        StringBuilder sb = new StringBuilder();
        for (Task t : all) {
            if (t.mm == mm || t.activeMm == mm) {
                sb.append(sb.length() > 0 ? ", " : "").append(t).append(t.mm == mm ? " mm" : " active_mm");
            }
        }
        return sb.toString();
    }

    private static boolean contains(Iterable<Task> list, Task t) {
        for (Task x : list) {
            if (x == t) {
                return true;
            }
        }
        return false;
    }
}
