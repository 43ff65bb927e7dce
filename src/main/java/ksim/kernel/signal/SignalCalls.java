package ksim.kernel.signal;

import static ksim.abi.SigAction.SIG_BLOCK;
import static ksim.abi.SigAction.SIG_SETMASK;
import static ksim.abi.SigAction.SIG_UNBLOCK;
import static ksim.kernel.signal.SigPending.bit;

import ksim.abi.Errno;
import ksim.abi.SigInfo;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidType;
import ksim.kernel.pid.Pids;
import ksim.kernel.sys.Sys;
import ksim.kernel.task.Cred;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserPtr;

/** The signal system calls: kill, tgkill, tkill, rt_sigaction, rt_sigprocmask, rt_sigpending (kernel/signal.c). */
public final class SignalCalls {
    private SignalCalls() {}

    /** kill(pid, sig): kill_something_info(). */
    public static Syscall kill(int pid, int sig) {
        return Sys.of("kill", (k, t) -> killSomethingInfo(k, t, pid, sig));
    }

    /** tgkill(tgid, tid, sig): do_tkill(). */
    public static Syscall tgkill(int tgid, int tid, int sig) {
        return Sys.of("tgkill", (k, t) -> tid <= 0 || tgid <= 0 ? Errno.EINVAL.ret()
                : doSendSpecific(k, t, tgid, tid, sig));
    }

    /** tkill(tid, sig): do_tkill() with no thread group to check, the old call tgkill() replaced. */
    public static Syscall tkill(int tid, int sig) {
        return Sys.of("tkill", (k, t) -> tid <= 0 ? Errno.EINVAL.ret() : doSendSpecific(k, t, 0, tid, sig));
    }

    /**
     * rt_sigpending(&set): do_sigpending(), the signals pending for the thread or its process
     * that the thread blocks (a pending unblocked one is being delivered).
     */
    public static Syscall sigpending(UserPtr<Long> set) {
        return Sys.of("rt_sigpending", (k, t) -> {
            set.put((t.pending.signal | t.signal.sharedPending.signal) & t.blocked);
            return 0;
        });
    }

    /** rt_sigaction(sig, {handler, flags, empty mask}): do_sigaction(). */
    public static Syscall sigaction(int sig, int handler, long flags) {
        return Sys.of("rt_sigaction", (k, t) -> doSigaction(k, t, sig, handler, flags));
    }

    /** rt_sigprocmask(how, set). */
    public static Syscall sigprocmask(int how, long set) {
        return Sys.of("rt_sigprocmask", (k, t) -> {
            long mask;
            switch (how) {
                case SIG_BLOCK -> mask = t.blocked | set;
                case SIG_UNBLOCK -> mask = t.blocked & ~set;
                case SIG_SETMASK -> mask = set;
                default -> {
                    return Errno.EINVAL.ret();
                }
            }
            Signals.setCurrentBlocked(t, mask);
            return 0;
        });
    }

    /** kill_ok_by_cred(): same user (real or effective against real or saved), or CAP_KILL. */
    private static boolean killOkByCred(Task current, Task t) {
        Cred c = current.cred;
        Cred tc = t.cred;
        return c.euid() == tc.suid() || c.euid() == tc.uid() || c.uid() == tc.suid() || c.uid() == tc.uid()
                || current.capable();
    }

    /** check_kill_permission(): EINVAL for a bad signal, then EPERM (SIGCONT is allowed within a session). */
    private static long checkKillPermission(Task current, int sig, Task t) {
        if (!Signals.validSignal(sig)) {
            return Errno.EINVAL.ret();
        }
        if (!current.sameThreadGroup(t) && !killOkByCred(current, t)) {
            if (sig != Signal.SIGCONT || t.pidOf(PidType.PIDTYPE_SID) != current.pidOf(PidType.PIDTYPE_SID)) {
                return Errno.EPERM.ret();
            }
        }
        return 0;
    }

    /** group_send_sig_info() with kill()'s siginfo (SI_USER): permission, then send (signal 0 only checks). */
    private static long groupSendSigInfo(Kernel k, Task current, int sig, Task p, int type) {
        long ret = checkKillPermission(current, sig, p);
        if (ret == 0 && sig != 0 && p.sighand != null) {
            ret = Signals.sendSignal(k, sig, p, type, fromAncestorNs(current, p), SigInfo.SI_USER);
        }
        return ret;
    }

    /** A sender that the target's namespace cannot see is in an ancestor namespace: SEND_SIG_NOINFO's force. */
    private static boolean fromAncestorNs(Task current, Task t) {
        return current.pidNr(t.activePidNs()) == 0;
    }

    private static long killSomethingInfo(Kernel k, Task current, int pid, int sig) {
        if (pid > 0) { // kill_proc_info() → kill_pid_info_type(PIDTYPE_TGID)
            Task p = Pids.findTaskByPidNs(pid, current.activePidNs());
            if (p == null) {
                return Errno.ESRCH.ret();
            }
            return groupSendSigInfo(k, current, sig, p, PidType.PIDTYPE_TGID);
        }
        if (pid == Integer.MIN_VALUE) {
            return Errno.ESRCH.ret();
        }
        if (pid != -1) { // __kill_pgrp_info()
            Pid pgrp = pid != 0 ? current.activePidNs().find(-pid) : current.pidOf(PidType.PIDTYPE_PGID);
            if (pgrp == null || !pgrp.hasTask(PidType.PIDTYPE_PGID)) {
                return Errno.ESRCH.ret();
            }
            boolean success = false;
            long retval = Errno.ESRCH.ret();
            for (Task p : pgrp.tasks(PidType.PIDTYPE_PGID).snapshot()) {
                long err = groupSendSigInfo(k, current, sig, p, PidType.PIDTYPE_PGID);
                success |= err == 0;
                retval = err;
            }
            return success ? 0 : retval;
        }
        // kill(-1): every process this namespace numbers above 1, but the caller's own
        long retval = 0;
        int count = 0;
        for (Task p : k.initTasks.snapshot()) {
            if (p.pidNr(current.activePidNs()) > 1 && !p.sameThreadGroup(current)) {
                long err = groupSendSigInfo(k, current, sig, p, PidType.PIDTYPE_MAX);
                count++;
                if (err != Errno.EPERM.ret()) {
                    retval = err;
                }
            }
        }
        return count > 0 ? retval : Errno.ESRCH.ret();
    }

    /** do_send_specific(): thread {@code pid}, in thread group {@code tgid} unless that is 0. */
    private static long doSendSpecific(Kernel k, Task current, int tgid, int pid, int sig) {
        Task p = Pids.findTaskByPidNs(pid, current.activePidNs());
        if (p == null || (tgid > 0 && p.tgidNr(current.activePidNs()) != tgid)) {
            return Errno.ESRCH.ret();
        }
        long err = checkKillPermission(current, sig, p);
        if (err == 0 && sig != 0) { // do_send_specific(): tgkill's siginfo is SI_TKILL
            err = Signals.sendSignal(k, sig, p, PidType.PIDTYPE_PID, fromAncestorNs(current, p), SigInfo.SI_TKILL);
        }
        return err;
    }

    /** do_sigaction(): SIGKILL/SIGSTOP cannot be changed; ignoring a pending signal discards it. */
    private static long doSigaction(Kernel k, Task t, int sig, int handler, long flags) {
        if (!Signals.validSignal(sig) || sig < 1 || Signals.in(Signals.SIG_KERNEL_ONLY_MASK, sig)) {
            return Errno.EINVAL.ret();
        }
        SigHand h = t.sighand;
        h.setAction(sig - 1, handler, flags, 0);
        if (Signals.handlerIgnored(handler, sig)) {
            long m = bit(sig);
            t.signal.sharedPending.flush(m, k.userSigpending);
            for (Task th : t.signal.threadHead) {
                th.pending.flush(m, k.userSigpending);
            }
        }
        return 0;
    }
}
