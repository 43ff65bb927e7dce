package ksim.kernel.exit;

import static ksim.abi.SigInfo.*;
import static ksim.abi.Wait.*;

import ksim.abi.Errno;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidType;
import ksim.kernel.sched.Cputime;
import ksim.kernel.signal.Signals;
import ksim.kernel.sync.WaitQueueEntry;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.task.UserPtr;

/** kernel/exit.c: do_wait() and the tests it applies to each child. */
public final class Wait {
    private Wait() {}

    /**
     * struct wait_opts with its child_wait entry: what is waited for, and what was found
     * (the wait status for wait4, the siginfo fields for waitid).
     */
    public static final class WaitOpts extends WaitQueueEntry {
        final int type;
        final Pid pid;
        final int flags;
        int notaskError;
        /** wo_stat: the wait status. */
        public int status;
        /** wo_info: si_pid, si_code, si_status. */
        public int infoPid;
        public int infoCode;
        public int infoStatus;

        WaitOpts(Task current, int type, Pid pid, int flags) {
            super(current);
            this.type = type;
            this.pid = pid;
            this.flags = flags;
        }

        /** kernel_wait4(-1, NULL, __WALL, NULL) as zap_pid_ns_processes() calls it. */
        static WaitOpts forZap(Task current) {
            return new WaitOpts(current, PidType.PIDTYPE_MAX, null, __WALL | WEXITED);
        }

        /** child_wait_callback(): only an exit this waiter could collect wakes it. */
        @Override
        public boolean wake(Kernel k, int mode, Object key) {
            Task p = (Task) key;
            if (!eligiblePid(this, p)) {
                return false;
            }
            if ((flags & __WNOTHREAD) != 0 && task != p.parent) {
                return false;
            }
            return super.wake(k, mode, key);
        }
    }

    /** wait4(2) as kernel_wait4() sets it up: the status word is copied out to {@code statAddr}. */
    public static final class Wait4 extends Syscall {
        private final int upid;
        private final UserPtr<Integer> statAddr;
        private final int options;
        private WaitOpts wo;

        public Wait4(int upid, UserPtr<Integer> statAddr, int options) {
            this.upid = upid;
            this.statAddr = statAddr;
            this.options = options;
        }

        @Override
        public String name() {
            return "wait4";
        }

        @Override
        public java.util.List<String> sleepFrames() {
            return java.util.List.of("do_wait", "kernel_wait4", "__do_sys_wait4", "__x64_sys_wait4");
        }

        @Override
        public long run(Kernel k, Task current) {
            if (wo == null) {
                if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) != 0) {
                    return Errno.EINVAL.ret();
                }
                if (upid == Integer.MIN_VALUE) {
                    return Errno.ESRCH.ret();
                }
                int type;
                Pid pid = null;
                if (upid == -1) {
                    type = PidType.PIDTYPE_MAX;
                } else if (upid < 0) {
                    type = PidType.PIDTYPE_PGID;
                    pid = current.activePidNs().find(-upid);
                } else if (upid == 0) {
                    type = PidType.PIDTYPE_PGID;
                    pid = current.pidOf(PidType.PIDTYPE_PGID);
                } else {
                    type = PidType.PIDTYPE_PID;
                    pid = current.activePidNs().find(upid);
                }
                wo = new WaitOpts(current, type, pid, options | WEXITED);
            }
            long ret = doWait(k, current, wo);
            if (ret > 0) {
                UserPtr.put(statAddr, wo.status);
            }
            return ret;
        }
    }

    /**
     * The siginfo fields waitid(2) writes (si_signo, si_code, si_pid, si_status): all zero when
     * WNOHANG found nothing to report.
     */
    public record Siginfo(int signo, int code, int pid, int status) {}

    /** waitid(2) as kernel_waitid() sets it up: returns 0 and copies the siginfo out to {@code infop}. */
    public static final class Waitid extends Syscall {
        private final int which;
        private final int upid;
        private final UserPtr<Siginfo> infop;
        private final int options;
        private WaitOpts wo;

        public Waitid(int which, int upid, UserPtr<Siginfo> infop, int options) {
            this.which = which;
            this.upid = upid;
            this.infop = infop;
            this.options = options;
        }

        @Override
        public String name() {
            return "waitid";
        }

        @Override
        public java.util.List<String> sleepFrames() {
            return java.util.List.of("do_wait", "kernel_waitid", "__do_sys_waitid", "__x64_sys_waitid");
        }

        @Override
        public long run(Kernel k, Task current) {
            if (wo == null) {
                if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED
                        | __WNOTHREAD | __WCLONE | __WALL)) != 0) {
                    return Errno.EINVAL.ret();
                }
                if ((options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) {
                    return Errno.EINVAL.ret();
                }
                int type;
                Pid pid = null;
                switch (which) {
                    case P_ALL -> type = PidType.PIDTYPE_MAX;
                    case P_PID -> {
                        type = PidType.PIDTYPE_PID;
                        if (upid <= 0) {
                            return Errno.EINVAL.ret();
                        }
                        pid = current.activePidNs().find(upid);
                    }
                    case P_PGID -> {
                        type = PidType.PIDTYPE_PGID;
                        if (upid < 0) {
                            return Errno.EINVAL.ret();
                        }
                        pid = upid != 0 ? current.activePidNs().find(upid) : current.pidOf(PidType.PIDTYPE_PGID);
                    }
                    default -> {
                        return Errno.EINVAL.ret();
                    }
                }
                wo = new WaitOpts(current, type, pid, options);
            }
            long ret = doWait(k, current, wo);
            if (ret >= 0) {
                UserPtr.put(infop, ret > 0 ? new Siginfo(Signal.SIGCHLD, wo.infoCode, wo.infoPid, wo.infoStatus)
                        : new Siginfo(0, 0, 0, 0));
            }
            return ret > 0 ? 0 : ret;
        }
    }

    /**
     * do_wait(), one turn of its loop: queue on wait_chldexit, set TASK_INTERRUPTIBLE, look.
     * Returns what the call returns, or {@link Syscall#BLOCK} when it must sleep until a child
     * changes state (the body is then run again, as Linux loops back after schedule()).
     */
    static long doWait(Kernel k, Task current, WaitOpts wo) {
        if (k.trace != null && !wo.isQueued()) k.trace.schedProcessWait(current, wo.pid); // a new do_wait(), not a wake-up
        current.signal.waitChldexit.add(wo);
        current.state = TaskState.TASK_INTERRUPTIBLE;
        long retval = doWaitOnce(current, k, wo);
        if (retval == Errno.ERESTARTSYS.ret() && !Signals.signalPending(current)) {
            return Syscall.BLOCK;
        }
        current.state = TaskState.TASK_RUNNING;
        current.signal.waitChldexit.remove(wo);
        return retval;
    }

    /** __do_wait(). */
    private static long doWaitOnce(Task current, Kernel k, WaitOpts wo) {
        wo.notaskError = (int) Errno.ECHILD.ret();
        if (wo.type >= PidType.PIDTYPE_MAX || (wo.pid != null && wo.pid.hasTask(wo.type))) {
            long retval;
            if (wo.type == PidType.PIDTYPE_PID) {
                retval = doWaitPid(k, current, wo);
                if (retval != 0) {
                    return retval;
                }
            } else {
                Task tsk = current;
                do {
                    retval = doWaitThread(k, tsk, wo);
                    if (retval != 0) {
                        return retval;
                    }
                    if ((wo.flags & __WNOTHREAD) != 0) {
                        break;
                    }
                    tsk = tsk.threadNode.nextIn(tsk.signal.threadHead);
                } while (tsk != current && tsk != null);
            }
        }
        long retval = wo.notaskError;
        if (retval == 0 && (wo.flags & WNOHANG) == 0) {
            return Errno.ERESTARTSYS.ret();
        }
        return retval;
    }

    /** do_wait_thread(): the children of one thread, oldest first. */
    private static long doWaitThread(Kernel k, Task tsk, WaitOpts wo) {
        if (!tsk.mayHaveZombieChildren && (wo.flags & (WUNTRACED | WCONTINUED)) == 0) {
            return noZombieToWaitFor(wo, tsk);
        }
        boolean zombies = false;
        for (Task p : tsk.children) {
            zombies |= p.exitState == TaskState.EXIT_ZOMBIE;
            long ret = waitConsiderTask(k, wo, p);
            if (ret != 0) {
                return ret;
            }
        }
        tsk.mayHaveZombieChildren = zombies;
        return 0;
    }

    /**
     * The walk over children among which there is no zombie, and which are asked for no stop
     * or continue: wait_consider_task() returns 0 for each, and only notes (notask_error = 0)
     * that an eligible child is alive. Finding the first such child is enough.
     */
    private static long noZombieToWaitFor(WaitOpts wo, Task tsk) {
        for (Task p : tsk.children) {
            if (p.exitState != TaskState.EXIT_DEAD && eligibleChild(wo, p)) {
                wo.notaskError = 0;
                break;
            }
        }
        return 0;
    }

    /** do_wait_pid(): waitpid(PID) looks only at that task, if it is (effectively) our child. */
    private static long doWaitPid(Kernel k, Task current, WaitOpts wo) {
        Task target = wo.pid.task(PidType.PIDTYPE_TGID);
        if (target != null && isEffectivelyChild(wo, current, target)) {
            return waitConsiderTask(k, wo, target);
        }
        return 0;
    }

    /** is_effectively_child(): our child, or a child of a sibling thread unless __WNOTHREAD. */
    private static boolean isEffectivelyChild(WaitOpts wo, Task current, Task target) {
        Task parent = target.realParent;
        return current == parent || ((wo.flags & __WNOTHREAD) == 0 && current.sameThreadGroup(parent));
    }

    /** eligible_pid(). */
    static boolean eligiblePid(WaitOpts wo, Task p) {
        return wo.type == PidType.PIDTYPE_MAX || p.pidOf(wo.type) == wo.pid;
    }

    /** eligible_child(): the pid selector, then __WALL / __WCLONE against the exit signal. */
    private static boolean eligibleChild(WaitOpts wo, Task p) {
        if (!eligiblePid(wo, p)) {
            return false;
        }
        if ((wo.flags & __WALL) != 0) {
            return true;
        }
        return (p.exitSignal != Signal.SIGCHLD) == ((wo.flags & __WCLONE) != 0);
    }

    /** wait_consider_task(). */
    private static long waitConsiderTask(Kernel k, WaitOpts wo, Task p) {
        int exitState = p.exitState;
        if (exitState == TaskState.EXIT_DEAD) {
            return 0;
        }
        if (!eligibleChild(wo, p)) {
            return 0;
        }
        if (exitState == TaskState.EXIT_ZOMBIE) {
            if (!p.delayGroupLeader()) {
                return waitTaskZombie(k, wo, p);
            }
        }
        wo.notaskError = 0;
        long ret = waitTaskStopped(wo, p);
        if (ret != 0) {
            return ret;
        }
        return waitTaskContinued(wo, p);
    }

    /** wait_task_stopped(): a completed group stop, reported once (unless WNOWAIT) with WUNTRACED. */
    private static long waitTaskStopped(WaitOpts wo, Task p) {
        if ((wo.flags & WUNTRACED) == 0) {
            return 0;
        }
        SignalStruct sig = p.signal;
        if ((sig.flags & SignalStruct.SIGNAL_STOP_STOPPED) == 0) {
            return 0;
        }
        int exitCode = sig.groupExitCode;
        if (exitCode == 0) {
            return 0;
        }
        if ((wo.flags & WNOWAIT) == 0) {
            sig.groupExitCode = 0;
            wo.status = (exitCode << 8) | 0x7f;
        }
        int pid = p.pidNr(wo.task.activePidNs());
        wo.infoCode = CLD_STOPPED;
        wo.infoStatus = exitCode;
        wo.infoPid = pid;
        return pid;
    }

    /** wait_task_continued(): a continue after a stop, reported once (unless WNOWAIT) with WCONTINUED. */
    private static long waitTaskContinued(WaitOpts wo, Task p) {
        if ((wo.flags & WCONTINUED) == 0) {
            return 0;
        }
        SignalStruct sig = p.signal;
        if ((sig.flags & SignalStruct.SIGNAL_STOP_CONTINUED) == 0) {
            return 0;
        }
        if ((wo.flags & WNOWAIT) == 0) {
            sig.flags &= ~SignalStruct.SIGNAL_STOP_CONTINUED;
        }
        int pid = p.pidNr(wo.task.activePidNs());
        wo.status = 0xffff;
        wo.infoCode = CLD_CONTINUED;
        wo.infoStatus = Signal.SIGCONT;
        wo.infoPid = pid;
        return pid;
    }

    /** wait_task_zombie(): report the zombie and, unless WNOWAIT, reap it. */
    private static long waitTaskZombie(Kernel k, WaitOpts wo, Task p) {
        int pid = p.pidNr(wo.task.activePidNs());
        if ((wo.flags & WEXITED) == 0) {
            return 0;
        }
        int status;
        if ((wo.flags & WNOWAIT) != 0) {
            status = (p.signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0 ? p.signal.groupExitCode : p.exitCode;
        } else {
            if (p.exitState != TaskState.EXIT_ZOMBIE) {
                return 0;
            }
            p.exitState = TaskState.EXIT_DEAD;
            if (p.isGroupLeader()) {
                SignalStruct sig = p.signal;
                SignalStruct psig = wo.task.signal;
                long[] ut = Cputime.threadGroupCputimeAdjusted(k, p);
                psig.cutime += ut[0] + sig.cutime;
                psig.cstime += ut[1] + sig.cstime;
                psig.cnvcsw += p.nvcsw + sig.nvcsw + sig.cnvcsw;
                psig.cnivcsw += p.nivcsw + sig.nivcsw + sig.cnivcsw;
            }
            status = (p.signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0 ? p.signal.groupExitCode : p.exitCode;
            wo.status = status;
            Exit.releaseTask(k, p);
        }
        wo.status = status;
        if ((status & 0x7f) == 0) {
            wo.infoCode = CLD_EXITED;
            wo.infoStatus = status >> 8;
        } else {
            wo.infoCode = (status & 0x80) != 0 ? CLD_DUMPED : CLD_KILLED;
            wo.infoStatus = status & 0x7f;
        }
        wo.infoPid = pid;
        return pid;
    }
}
