package ksim.kernel.signal;

import ksim.abi.SigAction;
import ksim.abi.SigInfo;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidType;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * kernel/signal.c and kernel/exit.c: job control. A stop signal stops every thread of the
 * group (do_signal_stop()), the last one to stop tells the parent (CLD_STOPPED); SIGCONT
 * wakes them and the first to run tells the parent (CLD_CONTINUED); a process group that
 * becomes orphaned with stopped members gets SIGHUP and SIGCONT.
 */
public final class JobControl {
    private JobControl() {}

    public static final int JOBCTL_STOP_SIGMASK = 0xffff;
    public static final int JOBCTL_STOP_DEQUEUED = 1 << 16;
    public static final int JOBCTL_STOP_PENDING = 1 << 17;
    public static final int JOBCTL_STOP_CONSUME = 1 << 18;
    public static final int JOBCTL_STOPPED = 1 << 26;
    public static final int JOBCTL_PENDING_MASK = JOBCTL_STOP_PENDING;

    /** prepare_signal()'s SIGCONT branch: pending stops go, stopped threads wake, the parent will hear of it. */
    static void prepareContinue(Kernel k, Task p) {
        SignalStruct signal = p.signal;
        signal.sharedPending.flush(Signals.SIG_KERNEL_STOP_MASK, k.userSigpending);
        for (Task t : signal.threadHead) {
            t.pending.flush(Signals.SIG_KERNEL_STOP_MASK, k.userSigpending);
            t.jobctl &= ~(JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME | JOBCTL_STOP_DEQUEUED | JOBCTL_STOPPED);
            if (k.sched.wakeUpState(t, TaskState.__TASK_STOPPED)) {
                t.sigPending = true; // it resumes inside get_signal(), which tells the parent
            }
        }
        int why = 0;
        if ((signal.flags & SignalStruct.SIGNAL_STOP_STOPPED) != 0) {
            why = SignalStruct.SIGNAL_CLD_CONTINUED;
        } else if (signal.groupStopCount != 0) {
            why = SignalStruct.SIGNAL_CLD_STOPPED;
        }
        if (why != 0) {
            setStopFlags(signal, why | SignalStruct.SIGNAL_STOP_CONTINUED);
            signal.groupStopCount = 0;
            signal.groupExitCode = 0;
        }
    }

    /** signal_set_stop_flags(). */
    private static void setStopFlags(SignalStruct sig, int flags) {
        sig.flags = (sig.flags & ~SignalStruct.SIGNAL_STOP_MASK) | flags;
    }

    /** get_signal()'s first step: tell the parent about a continue (or a stop that SIGCONT cut short). */
    static void notifyContinuedOrStopped(Kernel k, Task p) {
        SignalStruct signal = p.signal;
        int why = (signal.flags & SignalStruct.SIGNAL_CLD_CONTINUED) != 0 ? SigInfo.CLD_CONTINUED : SigInfo.CLD_STOPPED;
        signal.flags &= ~SignalStruct.SIGNAL_CLD_MASK;
        doNotifyParentCldstop(k, p, why);
    }

    /**
     * do_signal_stop(): start a group stop (or join one) and stop this thread. Returns false
     * when no stop happens (a group exit or exec is under way). The caller schedules.
     */
    static boolean doSignalStop(Kernel k, Task current, int signr) {
        SignalStruct sig = current.signal;
        if ((current.jobctl & JOBCTL_STOP_PENDING) == 0) {
            if ((current.jobctl & JOBCTL_STOP_DEQUEUED) == 0 || (sig.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0
                    || sig.groupExecTask != null) {
                return false;
            }
            int gstop = JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME;
            if ((sig.flags & SignalStruct.SIGNAL_STOP_STOPPED) == 0) {
                sig.groupExitCode = signr;
            }
            sig.groupStopCount = 0;
            if (setJobctlPending(current, signr | gstop)) {
                sig.groupStopCount++;
            }
            for (Task t : sig.threadHead) {
                if (t != current && (t.state & TaskState.__TASK_STOPPED) == 0 && setJobctlPending(t, signr | gstop)) {
                    sig.groupStopCount++;
                    Signals.signalWakeUp(k, t, false);
                }
            }
        }
        boolean notify = participateGroupStop(current);
        current.jobctl |= JOBCTL_STOPPED;
        current.state = TaskState.TASK_STOPPED;
        current.sigPending = true; // back in get_signal() when woken
        if (notify) {
            doNotifyParentCldstop(k, current, SigInfo.CLD_STOPPED);
        }
        return true;
    }

    /** task_set_jobctl_pending(). */
    private static boolean setJobctlPending(Task t, int mask) {
        if (Signals.fatalSignalPending(t) || (t.flags & ksim.kernel.task.TaskFlags.PF_EXITING) != 0) {
            return false;
        }
        if ((mask & JOBCTL_STOP_SIGMASK) != 0) {
            t.jobctl &= ~JOBCTL_STOP_SIGMASK;
        }
        t.jobctl |= mask;
        return true;
    }

    /** task_participate_group_stop(): true for the thread that completes a fresh group stop. */
    private static boolean participateGroupStop(Task task) {
        SignalStruct sig = task.signal;
        boolean consume = (task.jobctl & JOBCTL_STOP_CONSUME) != 0;
        task.jobctl &= ~(JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME | JOBCTL_STOP_DEQUEUED);
        if (!consume) {
            return false;
        }
        if (sig.groupStopCount > 0) {
            sig.groupStopCount--;
        }
        if (sig.groupStopCount == 0 && (sig.flags & SignalStruct.SIGNAL_STOP_STOPPED) == 0) {
            setStopFlags(sig, SignalStruct.SIGNAL_STOP_STOPPED);
            return true;
        }
        return false;
    }

    /** do_notify_parent_cldstop(): SIGCHLD unless the parent ignores it or set SA_NOCLDSTOP; wake its waits anyway. */
    static void doNotifyParentCldstop(Kernel k, Task tsk, int why) {
        Task leader = tsk.groupLeader;
        Task parent = leader.realParent;
        int handler = parent.sighand.handler(Signal.SIGCHLD - 1);
        if (handler != SigAction.SIG_IGN && (parent.sighand.flags(Signal.SIGCHLD - 1) & SigAction.SA_NOCLDSTOP) == 0) {
            Signals.sendSignal(k, Signal.SIGCHLD, parent, PidType.PIDTYPE_TGID, true, why);
        }
        parent.signal.waitChldexit.wakeUp(k, TaskState.TASK_INTERRUPTIBLE, leader);
    }

    /** is_current_pgrp_orphaned(). */
    static boolean isCurrentPgrpOrphaned(Task current) {
        return willBecomeOrphanedPgrp(current.pidOf(PidType.PIDTYPE_PGID), null);
    }

    /**
     * will_become_orphaned_pgrp(): no member (but {@code ignored}) has a parent in another
     * process group of the same session.
     */
    private static boolean willBecomeOrphanedPgrp(Pid pgrp, Task ignored) {
        for (Task p : pgrp.tasks(PidType.PIDTYPE_PGID)) {
            Task parent = p.realParent;
            if (p == ignored || (p.exitState != 0 && p.threadGroupEmpty()) || isGlobalInit(parent)) {
                continue;
            }
            if (parent.pidOf(PidType.PIDTYPE_PGID) != pgrp
                    && parent.pidOf(PidType.PIDTYPE_SID) == p.pidOf(PidType.PIDTYPE_SID)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isGlobalInit(Task t) {
        return t.threadPid.globalNr() == 1;
    }

    /** has_stopped_jobs(). */
    private static boolean hasStoppedJobs(Pid pgrp) {
        for (Task p : pgrp.tasks(PidType.PIDTYPE_PGID)) {
            if ((p.signal.flags & SignalStruct.SIGNAL_STOP_STOPPED) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * kill_orphaned_pgrp(): at exit ({@code parent} null) or at reparenting, a process group
     * that has just lost its last link to its session's other groups and has stopped
     * members gets SIGHUP, then SIGCONT.
     */
    public static void killOrphanedPgrp(Kernel k, Task tsk, Task parent) {
        Pid pgrp = tsk.pidOf(PidType.PIDTYPE_PGID);
        Task ignored = tsk;
        if (parent == null) {
            parent = tsk.realParent;
        } else {
            ignored = null;
        }
        if (parent.pidOf(PidType.PIDTYPE_PGID) != pgrp
                && parent.pidOf(PidType.PIDTYPE_SID) == tsk.pidOf(PidType.PIDTYPE_SID)
                && willBecomeOrphanedPgrp(pgrp, ignored) && hasStoppedJobs(pgrp)) {
            killPgrp(k, Signal.SIGHUP, pgrp);
            killPgrp(k, Signal.SIGCONT, pgrp);
        }
    }

    /** __kill_pgrp_info() from the kernel (SEND_SIG_PRIV). */
    private static void killPgrp(Kernel k, int sig, Pid pgrp) {
        pgrp.tasks(PidType.PIDTYPE_PGID).forEachSafe(
                p -> Signals.sendSignal(k, sig, p, PidType.PIDTYPE_PGID, true, Signals.SEND_SIG_PRIV));
    }
}
