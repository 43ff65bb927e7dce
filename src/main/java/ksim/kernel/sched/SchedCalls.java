package ksim.kernel.sched;

import static ksim.abi.Resource.PRIO_PGRP;
import static ksim.abi.Resource.PRIO_PROCESS;
import static ksim.abi.Resource.PRIO_USER;
import static ksim.abi.Sched.*;

import java.util.BitSet;
import ksim.abi.Errno;
import ksim.abi.Resource;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidType;
import ksim.kernel.pid.Pids;
import ksim.kernel.sys.Sys;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserPtr;

/**
 * The scheduling system calls (kernel/sys.c setpriority/getpriority, kernel/sched/syscalls.c):
 * their checks, errors and the values they store. How the stored nice values, policies and
 * affinities shape the schedule is the scheduling classes' business.
 */
public final class SchedCalls {
    private SchedCalls() {}

    public static final int MIN_NICE = -20, MAX_NICE = 19, MAX_RT_PRIO = 100, DEFAULT_PRIO = 120;

    /** find_process_by_pid(): 0 is the caller; null when the caller's namespace has no such task. */
    private static Task findProcessByPid(Task current, int pid) {
        return pid != 0 ? Pids.findTaskByPidNs(pid, current.activePidNs()) : current;
    }

    public static int taskNice(Task p) {
        return p.staticPrio - DEFAULT_PRIO;
    }

    /** setpriority(which, who, niceval). */
    public static Syscall setpriority(int which, int who, int niceval) {
        return Sys.of("setpriority", (k, t) -> {
            if (which > PRIO_USER || which < PRIO_PROCESS) {
                return Errno.EINVAL.ret();
            }
            int nice = Math.max(MIN_NICE, Math.min(MAX_NICE, niceval));
            long error = Errno.ESRCH.ret();
            switch (which) {
                case PRIO_PROCESS -> {
                    Task p = findProcessByPid(t, who);
                    if (p != null) {
                        error = setOnePrio(k, t, p, nice, error);
                    }
                }
                case PRIO_PGRP -> {
                    Pid pgrp = who != 0 ? t.activePidNs().find(who) : t.pidOf(PidType.PIDTYPE_PGID);
                    if (pgrp != null) {
                        for (Task leader : pgrp.tasks(PidType.PIDTYPE_PGID).snapshot()) {
                            for (Task p : leader.signal.threadHead) {
                                error = setOnePrio(k, t, p, nice, error);
                            }
                        }
                    }
                }
                default -> {
                    int uid = who != 0 ? who : t.cred.uid();
                    for (Task leader : k.initTasks.snapshot()) {
                        for (Task p : leader.signal.threadHead) {
                            if (p.cred.uid() == uid && p.pidNr(t.activePidNs()) != 0) {
                                error = setOnePrio(k, t, p, nice, error);
                            }
                        }
                    }
                }
            }
            return error;
        });
    }

    /** set_one_prio(): EPERM for another user's task, EACCES for lowering nice without CAP_SYS_NICE or RLIMIT_NICE. */
    private static long setOnePrio(Kernel k, Task current, Task p, int nice, long error) {
        if (!(p.cred.uid() == current.cred.euid() || p.cred.euid() == current.cred.euid() || current.capable())) {
            return Errno.EPERM.ret();
        }
        if (nice < taskNice(p) && !canNice(p, nice, current)) {
            return Errno.EACCES.ret();
        }
        k.sched.setUserNice(p, nice);
        return error == Errno.ESRCH.ret() ? 0 : error;
    }

    /** can_nice(): nice_to_rlimit(nice) within RLIMIT_NICE, or CAP_SYS_NICE. */
    private static boolean canNice(Task p, int nice, Task current) {
        long rlim = p.signal.rlim.cur[Resource.RLIMIT_NICE];
        return Long.compareUnsigned(20 - nice, rlim) <= 0 || current.capable();
    }

    /** getpriority(which, who): the kernel returns 20 - nice (glibc turns it back into nice). */
    public static Syscall getpriority(int which, int who) {
        return Sys.of("getpriority", (k, t) -> {
            if (which > PRIO_USER || which < PRIO_PROCESS) {
                return Errno.EINVAL.ret();
            }
            long retval = Errno.ESRCH.ret();
            switch (which) {
                case PRIO_PROCESS -> {
                    Task p = findProcessByPid(t, who);
                    if (p != null) {
                        retval = Math.max(retval, 20 - taskNice(p));
                    }
                }
                case PRIO_PGRP -> {
                    Pid pgrp = who != 0 ? t.activePidNs().find(who) : t.pidOf(PidType.PIDTYPE_PGID);
                    if (pgrp != null) {
                        for (Task p : pgrp.tasks(PidType.PIDTYPE_PGID)) {
                            retval = Math.max(retval, 20 - taskNice(p));
                        }
                    }
                }
                default -> {
                    int uid = who != 0 ? who : t.cred.uid();
                    for (Task p : k.initTasks) {
                        if (p.cred.uid() == uid) {
                            retval = Math.max(retval, 20 - taskNice(p));
                        }
                    }
                }
            }
            return retval;
        });
    }

    /**
     * nice(inc) as glibc builds it from getpriority() and setpriority(PRIO_PROCESS, 0, nice + inc):
     * the new nice value, clamped to [-20, 19]; EACCES is reported as EPERM.
     */
    public static Syscall nice(int inc, UserPtr<Integer> newNice) {
        return new Nice(inc, newNice);
    }

    /** nice(): 0 or -errno; the new nice value, which may be negative, is copied out to {@code newNice}. */
    private static final class Nice extends Syscall {
        private final int inc;
        private final UserPtr<Integer> newNice;

        Nice(int inc, UserPtr<Integer> newNice) {
            this.inc = inc;
            this.newNice = newNice;
        }

        @Override
        public String name() {
            return "nice";
        }

        @Override
        public long run(Kernel k, Task t) {
            int nice = (int) Math.max(MIN_NICE, Math.min(MAX_NICE, (long) taskNice(t) + inc));
            long r = setOnePrio(k, t, t, nice, Errno.ESRCH.ret());
            if (r == Errno.EACCES.ret()) {
                return Errno.EPERM.ret();
            }
            if (r < 0) {
                return r;
            }
            UserPtr.put(newNice, taskNice(t));
            return 0;
        }
    }

    /** sched_setscheduler(pid, policy, prio). */
    public static Syscall setscheduler(int pid, int policy, int prio) {
        return Sys.of("sched_setscheduler", (k, t) -> {
            if (policy < 0 || pid < 0) {
                return Errno.EINVAL.ret();
            }
            Task p = findProcessByPid(t, pid);
            if (p == null) {
                return Errno.ESRCH.ret();
            }
            boolean resetOnFork = (policy & SCHED_RESET_ON_FORK) != 0;
            int pol = policy & ~SCHED_RESET_ON_FORK;
            if (!k.sched.classes.validPolicy(pol)) {
                return Errno.EINVAL.ret(); // no class runs SCHED_DEADLINE here (Linux: it needs sched_setattr())
            }
            boolean rt = RtSchedClass.rtPolicy(pol);
            if (prio < 0 || prio > MAX_RT_PRIO - 1 || rt != (prio != 0)) {
                return Errno.EINVAL.ret();
            }
            if (needsPrivilege(t, p, pol, prio, resetOnFork) && !t.capable()) { // req_priv: capable(CAP_SYS_NICE)
                return Errno.EPERM.ret();
            }
            k.sched.setScheduler(p, pol, prio, resetOnFork);
            return 0;
        });
    }

    /**
     * user_check_sched_setscheduler(): whether the change needs CAP_SYS_NICE — an RT policy
     * or priority beyond RLIMIT_RTPRIO, leaving SCHED_IDLE beyond RLIMIT_NICE, another
     * user's task, or clearing reset-on-fork. The capability is checked only then, so only
     * then does PF_SUPERPRIV get set.
     */
    private static boolean needsPrivilege(Task current, Task p, int policy, int prio, boolean resetOnFork) {
        if (RtSchedClass.rtPolicy(policy)) {
            long rlimRtprio = p.signal.rlim.cur[Resource.RLIMIT_RTPRIO];
            if ((policy != p.policy && rlimRtprio == 0) || (prio > p.rtPriority && prio > rlimRtprio)) {
                return true;
            }
        }
        if (p.policy == SCHED_IDLE && policy != SCHED_IDLE && !isNiceReduction(p, taskNice(p))) {
            return true;
        }
        if (p.cred.uid() != current.cred.euid() && p.cred.euid() != current.cred.euid()) {
            return true; // !check_same_owner()
        }
        return p.resetOnFork && !resetOnFork;
    }

    /** is_nice_reduction(): nice_to_rlimit(nice) within RLIMIT_NICE. */
    private static boolean isNiceReduction(Task p, int nice) {
        return Long.compareUnsigned(20 - nice, p.signal.rlim.cur[Resource.RLIMIT_NICE]) <= 0;
    }

    /** sched_getscheduler(pid): the policy, with SCHED_RESET_ON_FORK when it is set. */
    public static Syscall getscheduler(int pid) {
        return Sys.of("sched_getscheduler", (k, t) -> {
            if (pid < 0) {
                return Errno.EINVAL.ret();
            }
            Task p = findProcessByPid(t, pid);
            if (p == null) {
                return Errno.ESRCH.ret();
            }
            return p.policy | (p.resetOnFork ? SCHED_RESET_ON_FORK : 0);
        });
    }

    /** sched_setaffinity(pid, mask): the mask must include an online CPU; the task moves off a CPU it left. */
    public static Syscall setaffinity(int pid, BitSet mask) {
        return Sys.of("sched_setaffinity", (k, t) -> {
            Task p = findProcessByPid(t, pid);
            if (p == null) {
                return Errno.ESRCH.ret();
            }
            // check_same_owner() || capable(CAP_SYS_NICE)
            if (p.cred.uid() != t.cred.euid() && p.cred.euid() != t.cred.euid() && !t.capable()) {
                return Errno.EPERM.ret();
            }
            BitSet online = new BitSet();
            online.set(0, k.sched.rqs.length);
            BitSet allowed = (BitSet) mask.clone();
            allowed.and(online);
            if (allowed.isEmpty()) {
                return Errno.EINVAL.ret();
            }
            k.sched.setCpusAllowed(p, allowed, t);
            return 0;
        });
    }

    /** sched_getaffinity(pid, mask): the mask is copied out to {@code mask}; glibc returns 0. */
    public static Syscall getaffinity(int pid, UserPtr<BitSet> mask) {
        return new GetAffinity(pid, mask);
    }

    /** sched_getaffinity(): cpus_mask restricted to the online CPUs. */
    private static final class GetAffinity extends Syscall {
        private final int pid;
        private final UserPtr<BitSet> userMask;

        GetAffinity(int pid, UserPtr<BitSet> userMask) {
            this.pid = pid;
            this.userMask = userMask;
        }

        @Override
        public String name() {
            return "sched_getaffinity";
        }

        @Override
        public long run(Kernel k, Task t) {
            if (pid < 0) {
                return Errno.ESRCH.ret(); // find_process_by_pid() of a negative pid finds nothing
            }
            Task p = findProcessByPid(t, pid);
            if (p == null) {
                return Errno.ESRCH.ret();
            }
            BitSet mask = new BitSet();
            mask.set(0, k.sched.rqs.length);
            if (p.cpusAllowed != null) {
                mask.and(p.cpusAllowed);
            }
            UserPtr.put(userMask, mask);
            return 0;
        }
    }

    /** sched_yield(). */
    public static Syscall yield() {
        return Sys.of("sched_yield", (k, t) -> {
            k.sched.yieldTask(t);
            return 0;
        });
    }

    /** The policy's name, as the trace prints sched_getscheduler(). */
    public static String policyName(long policy) {
        String base = switch ((int) (policy & ~SCHED_RESET_ON_FORK)) {
            case SCHED_NORMAL -> "SCHED_OTHER";
            case SCHED_FIFO -> "SCHED_FIFO";
            case SCHED_RR -> "SCHED_RR";
            case SCHED_BATCH -> "SCHED_BATCH";
            case SCHED_IDLE -> "SCHED_IDLE";
            case SCHED_DEADLINE -> "SCHED_DEADLINE";
            default -> Long.toString(policy & ~SCHED_RESET_ON_FORK);
        };
        return (policy & SCHED_RESET_ON_FORK) != 0 ? base + "|SCHED_RESET_ON_FORK" : base;
    }
}
