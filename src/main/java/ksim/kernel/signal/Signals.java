package ksim.kernel.signal;

import static ksim.abi.SigAction.SA_NODEFER;
import static ksim.abi.SigAction.SA_RESETHAND;
import static ksim.abi.SigInfo.SI_KERNEL;
import static ksim.abi.SigInfo.SI_USER;
import static ksim.kernel.signal.SigPending.bit;

import ksim.abi.Errno;
import ksim.abi.Resource;
import ksim.abi.SigAction;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.exit.ExitGroup;
import ksim.kernel.pid.PidType;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskFlags;
import ksim.kernel.task.TaskState;
import ksim.kernel.trace.Tp;

/**
 * kernel/signal.c: generating a signal (send_signal_locked(), prepare_signal(),
 * complete_signal()) and taking it on the way back to user mode (get_signal()).
 * Job control (group stop, SIGCONT, the parent's notifications) is in {@link JobControl}.
 */
public final class Signals {
    private Signals() {}

    public static final long SIG_KERNEL_ONLY_MASK = bit(Signal.SIGKILL) | bit(Signal.SIGSTOP);
    public static final long SIG_KERNEL_STOP_MASK = bit(Signal.SIGSTOP) | bit(Signal.SIGTSTP)
            | bit(Signal.SIGTTIN) | bit(Signal.SIGTTOU);
    public static final long SIG_KERNEL_COREDUMP_MASK = bit(Signal.SIGQUIT) | bit(Signal.SIGILL) | bit(Signal.SIGTRAP)
            | bit(Signal.SIGABRT) | bit(Signal.SIGFPE) | bit(Signal.SIGSEGV) | bit(Signal.SIGBUS) | bit(Signal.SIGSYS)
            | bit(Signal.SIGXCPU) | bit(Signal.SIGXFSZ);
    public static final long SIG_KERNEL_IGNORE_MASK = bit(Signal.SIGCONT) | bit(Signal.SIGCHLD)
            | bit(Signal.SIGWINCH) | bit(Signal.SIGURG);

    /**
     * The siginfo a sender passes, as far as queueing cares: the two is_si_special() ones
     * (SEND_SIG_NOINFO, SEND_SIG_PRIV), else its si_code ({@link SigInfo}; a CLD_* code for
     * SIGCHLD and the exit signal).
     */
    public static final int SEND_SIG_NOINFO = Integer.MIN_VALUE, SEND_SIG_PRIV = Integer.MIN_VALUE + 1;

    /** is_si_special(). */
    static boolean isSiSpecial(int info) {
        return info == SEND_SIG_NOINFO || info == SEND_SIG_PRIV;
    }

    /** The si_code a sender's info stands for: SI_USER for SEND_SIG_NOINFO, SI_KERNEL for SEND_SIG_PRIV. */
    public static int siCode(int info) {
        if (info == SEND_SIG_NOINFO) {
            return SI_USER;
        }
        return info == SEND_SIG_PRIV ? SI_KERNEL : info;
    }

    /** valid_signal(): 0 (the existence check) to _NSIG. */
    static boolean validSignal(int sig) {
        return sig >= 0 && sig <= Signal._NSIG;
    }

    static boolean in(long mask, int sig) {
        return sig >= 1 && sig <= Signal._NSIG && (mask & bit(sig)) != 0;
    }

    public static boolean sigKernelStop(int sig) {
        return in(SIG_KERNEL_STOP_MASK, sig);
    }

    /** fatal_signal_pending(): SIGKILL in the thread's own queue. */
    public static boolean fatalSignalPending(Task p) {
        return p.sigPending && p.pending.has(Signal.SIGKILL);
    }

    /** signal_pending(). */
    public static boolean signalPending(Task p) {
        return p.sigPending;
    }

    /** sig_handler_ignored(). */
    static boolean handlerIgnored(int handler, int sig) {
        return handler == SigAction.SIG_IGN || (handler == SigAction.SIG_DFL && in(SIG_KERNEL_IGNORE_MASK, sig));
    }

    /** sig_task_ignored(). */
    private static boolean taskIgnored(Task t, int sig, boolean force) {
        int handler = t.sighand.handler(sig - 1);
        if (t.threadPid.globalNr() == 1 && t.activePidNs().level == 0 && in(SIG_KERNEL_ONLY_MASK, sig)) {
            return true; // SIGKILL and SIGSTOP may not be sent to the global init
        }
        if ((t.signal.flags & SignalStruct.SIGNAL_UNKILLABLE) != 0 && handler == SigAction.SIG_DFL
                && !(force && in(SIG_KERNEL_ONLY_MASK, sig))) {
            return true;
        }
        return handlerIgnored(handler, sig);
    }

    /** sig_ignored(): a blocked signal is never ignored (its handler may change before it is unblocked). */
    private static boolean ignored(Task t, int sig, boolean force) {
        if ((t.blocked & bit(sig)) != 0) {
            return false;
        }
        return taskIgnored(t, sig, force);
    }

    /** sig_fatal(). */
    private static boolean sigFatal(Task t, int sig) {
        return !in(SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK, sig) && t.sighand.handler(sig - 1) == SigAction.SIG_DFL;
    }

    /**
     * __send_signal_locked(): {@code type} PIDTYPE_PID queues on the thread, anything else on the
     * group. {@code force}: the signal comes from the kernel or from an ancestor namespace, so
     * a namespace init cannot ignore SIGKILL/SIGSTOP. {@code info}: SEND_SIG_NOINFO,
     * SEND_SIG_PRIV or the si_code. Every instance but SIGKILL gets a sigqueue, which the
     * receiver's user may not have (RLIMIT_SIGPENDING): a standard signal sent with a kill()
     * or kernel siginfo gets one anyway (override_rlimit); any other is still made pending
     * without one (its info is lost), except a real-time signal with a siginfo other than
     * kill()'s (tgkill, rt_sigqueueinfo, an exit signal), which is dropped: -EAGAIN.
     */
    public static long sendSignal(Kernel k, int sig, Task t, int type, boolean force, int info) {
        boolean group = type != PidType.PIDTYPE_PID;
        if (!prepareSignal(k, sig, t, force)) {
            if (k.trace != null) k.trace.signalGenerate(sig, info, t, group, Tp.TRACE_SIGNAL_IGNORED);
            return 0;
        }
        SigPending pending = type == PidType.PIDTYPE_PID ? t.pending : t.signal.sharedPending;
        if (sig < Signal.SIGRTMIN && pending.has(sig)) {
            if (k.trace != null) k.trace.signalGenerate(sig, info, t, group, Tp.TRACE_SIGNAL_ALREADY_PENDING);
            return 0; // legacy_queue(): one instance of a standard signal
        }
        int charged = SigPending.NO_SIGQUEUE;
        if (sig != Signal.SIGKILL) { // no useless siginfo for SIGKILL
            boolean overrideRlimit = sig < Signal.SIGRTMIN && (isSiSpecial(info) || info >= 0);
            charged = sigqueueAlloc(k, t, overrideRlimit);
            if (charged == SigPending.NO_SIGQUEUE && !isSiSpecial(info) && sig >= Signal.SIGRTMIN
                    && info != SI_USER) {
                if (k.trace != null) k.trace.signalGenerate(sig, info, t, group, Tp.TRACE_SIGNAL_OVERFLOW_FAIL);
                return Errno.EAGAIN.ret(); // queue overflow: abort
            }
        }
        pending.add(sig, charged, siCode(info));
        completeSignal(k, sig, t, type);
        if (k.trace != null) k.trace.signalQueued(sig, info, t, group, charged != SigPending.NO_SIGQUEUE);
        return 0;
    }

    /**
     * __sigqueue_alloc(): a sigqueue is charged to the real uid of the receiver's cred
     * (task_ucounts(), inc_rlimit_get_ucounts()); past the receiver's soft RLIMIT_SIGPENDING
     * there is none, unless {@code overrideRlimit}. Returns the uid charged, or NO_SIGQUEUE.
     */
    private static int sigqueueAlloc(Kernel k, Task t, boolean overrideRlimit) {
        int uid = t.cred.uid();
        long sigpending = k.userSigpending.inc(uid);
        if (overrideRlimit || Long.compareUnsigned(sigpending, t.signal.rlim.cur[Resource.RLIMIT_SIGPENDING]) <= 0) {
            return uid;
        }
        k.userSigpending.dec(uid); // dec_rlimit_put_ucounts(): print_dropped_signal()
        return SigPending.NO_SIGQUEUE;
    }

    /** A signal the kernel itself raises at a group (SEND_SIG_PRIV: forced). */
    public static void sendSignal(Kernel k, int sig, Task t) {
        sendSignal(k, sig, t, PidType.PIDTYPE_TGID, true, SEND_SIG_PRIV);
    }

    /** send_signal(SIGKILL, p, PIDTYPE_TGID) from the kernel. */
    public static void sendSigkill(Kernel k, Task p) {
        sendSignal(k, Signal.SIGKILL, p, PidType.PIDTYPE_TGID, true, SEND_SIG_PRIV);
    }

    /** prepare_signal(): stop signals flush SIGCONT and the reverse; false when the signal is to be dropped. */
    private static boolean prepareSignal(Kernel k, int sig, Task p, boolean force) {
        SignalStruct signal = p.signal;
        if ((signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0) {
            return false; // the process is in the middle of dying: drop the signal
        }
        if (sigKernelStop(sig)) {
            long flush = bit(Signal.SIGCONT);
            signal.sharedPending.flush(flush, k.userSigpending);
            for (Task t : signal.threadHead) {
                t.pending.flush(flush, k.userSigpending);
            }
        } else if (sig == Signal.SIGCONT) {
            JobControl.prepareContinue(k, p);
        }
        return !ignored(p, sig, force);
    }

    /** wants_signal(). */
    private static boolean wantsSignal(int sig, Task p) {
        if ((p.blocked & bit(sig)) != 0) {
            return false;
        }
        if ((p.flags & TaskFlags.PF_EXITING) != 0) {
            return false;
        }
        if (sig == Signal.SIGKILL) {
            return true;
        }
        if ((p.state & (TaskState.__TASK_STOPPED | TaskState.__TASK_TRACED)) != 0) {
            return false;
        }
        return p.onCpu || !p.sigPending;
    }

    /** complete_signal(): pick a thread to wake; a fatal signal takes the whole group down at once. */
    private static void completeSignal(Kernel k, int sig, Task p, int type) {
        SignalStruct signal = p.signal;
        Task t;
        if (wantsSignal(sig, p)) {
            t = p;
        } else if (type == PidType.PIDTYPE_PID || p.threadGroupEmpty()) {
            return; // the one thread will dequeue it before it runs again
        } else {
            t = signal.currTarget != null && signal.currTarget.signal == signal ? signal.currTarget : p;
            Task start = t;
            while (!wantsSignal(sig, t)) {
                t = t.threadNode.nextIn(signal.threadHead);
                if (t == start) {
                    return; // no thread needs waking: an eligible one will see it soon
                }
            }
            signal.currTarget = t;
        }
        if (sigFatal(p, sig) && (signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) == 0 && (t.blocked & bit(sig)) == 0
                && !in(SIG_KERNEL_COREDUMP_MASK, sig)) {
            signal.flags = SignalStruct.SIGNAL_GROUP_EXIT;
            signal.groupExitCode = sig;
            signal.groupStopCount = 0;
            for (Task th : signal.threadHead) {
                th.jobctl &= ~JobControl.JOBCTL_PENDING_MASK;
                addSigkill(k, th);
            }
            return;
        }
        signalWakeUp(k, t, sig == Signal.SIGKILL);
    }

    /** sigaddset(&t->pending.signal, SIGKILL) and a fatal wake-up. */
    public static void addSigkill(Kernel k, Task t) {
        t.pending.add(Signal.SIGKILL, SigPending.NO_SIGQUEUE, SI_USER);
        signalWakeUp(k, t, true);
    }

    /** signal_wake_up_state(): TIF_SIGPENDING, then wake the thread or kick it into the kernel. */
    public static void signalWakeUp(Kernel k, Task t, boolean fatal) {
        t.sigPending = true;
        int state = TaskState.TASK_INTERRUPTIBLE | (fatal ? TaskState.TASK_WAKEKILL : 0);
        if (!k.sched.wakeUpState(t, state)) {
            k.sched.kickProcess(t);
        }
    }

    /** recalc_sigpending(): TIF_SIGPENDING as the queues, the mask and job control say. */
    public static void recalcSigpending(Task t) {
        t.sigPending = ((t.pending.signal | t.signal.sharedPending.signal) & ~t.blocked) != 0
                || (t.jobctl & JobControl.JOBCTL_PENDING_MASK) != 0
                || (t.signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0;
    }

    /** What get_signal() decided. */
    public record Decision(Kind kind, int sig) {
        public enum Kind { NONE, HANDLER, FATAL, STOPPED }

        static final Decision NONE = new Decision(Kind.NONE, 0);
    }

    /**
     * get_signal(): dequeue the next unblocked signal and act on it. A handler is returned
     * for the caller to run; ignored signals are dropped and the next one is looked at; a
     * fatal one becomes do_group_exit(); a stop signal stops the task (STOPPED: it must
     * schedule and come back here when continued).
     */
    public static Decision getSignal(Kernel k, Task p) {
        SignalStruct signal = p.signal;
        for (;;) {
            if ((signal.flags & SignalStruct.SIGNAL_CLD_MASK) != 0) {
                JobControl.notifyContinuedOrStopped(k, p);
            }
            if ((signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0 || signal.groupExecTask != null) {
                p.pending.take(Signal.SIGKILL, k.userSigpending);
                if ((p.flags & TaskFlags.PF_EXITING) != 0) {
                    recalcSigpending(p);
                    return Decision.NONE;
                }
                if (k.trace != null) k.trace.signalDeliver(p, Signal.SIGKILL, SI_USER); // SEND_SIG_NOINFO
                return new Decision(Decision.Kind.FATAL, Signal.SIGKILL);
            }
            if ((p.jobctl & JobControl.JOBCTL_STOP_PENDING) != 0 && JobControl.doSignalStop(k, p, 0)) {
                return new Decision(Decision.Kind.STOPPED, 0);
            }
            long taken = dequeue(k, p);
            int sig = (int) taken;
            if (sig == 0) {
                recalcSigpending(p);
                return Decision.NONE;
            }
            if (k.trace != null) k.trace.signalDeliver(p, sig, (int) (taken >> 32));
            int handler = p.sighand.handler(sig - 1);
            if (handler == SigAction.SIG_IGN) {
                continue;
            }
            if (handler != SigAction.SIG_DFL) {
                if ((p.sighand.flags(sig - 1) & SA_RESETHAND) != 0) {
                    p.sighand.setHandler(sig - 1, SigAction.SIG_DFL);
                }
                return new Decision(Decision.Kind.HANDLER, sig);
            }
            if (in(SIG_KERNEL_IGNORE_MASK, sig)) {
                continue;
            }
            // an init gets no signal it does not want, unless SIGKILL/SIGSTOP came from outside
            if ((signal.flags & SignalStruct.SIGNAL_UNKILLABLE) != 0 && !in(SIG_KERNEL_ONLY_MASK, sig)) {
                continue;
            }
            if (sigKernelStop(sig)) {
                if (sig != Signal.SIGSTOP && JobControl.isCurrentPgrpOrphaned(p)) {
                    continue; // job-control stops do nothing in an orphaned process group
                }
                if (JobControl.doSignalStop(k, p, sig)) {
                    return new Decision(Decision.Kind.STOPPED, sig);
                }
                continue;
            }
            p.flags |= TaskFlags.PF_SIGNALED;
            return new Decision(Decision.Kind.FATAL, sig);
        }
    }

    /**
     * dequeue_signal(): the thread's own queue first, then the group's; job-control bookkeeping.
     * Returns the signal (0 for none) in the low 32 bits and its info's si_code in the high ones.
     */
    private static long dequeue(Kernel k, Task p) {
        int sig = p.pending.next(p.blocked);
        int code;
        if (sig != 0) {
            code = p.pending.take(sig, k.userSigpending);
        } else {
            sig = p.signal.sharedPending.next(p.blocked);
            if (sig == 0) {
                return 0;
            }
            code = p.signal.sharedPending.take(sig, k.userSigpending);
        }
        if (sigKernelStop(sig)) {
            p.jobctl |= JobControl.JOBCTL_STOP_DEQUEUED;
        }
        return ((long) code << 32) | sig;
    }

    /** binfmt_elf's min_coredump: a core needs RLIMIT_CORE of at least one page. */
    public static final long MIN_COREDUMP = 4096;

    /**
     * The do_group_exit() a fatal signal turns into. A core-dumping signal first dumps core
     * (do_coredump()) when RLIMIT_CORE allows a page, which puts 0x80 in the exit code.
     */
    public static ExitGroup fatalExit(Kernel k, Task p, int sig) {
        SignalStruct signal = p.signal;
        if (in(SIG_KERNEL_COREDUMP_MASK, sig) && (signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) == 0
                && Long.compareUnsigned(signal.rlim.cur[Resource.RLIMIT_CORE], MIN_COREDUMP) >= 0) {
            // coredump_wait() stops the other threads; coredump_finish() marks the dump
            signal.flags = SignalStruct.SIGNAL_GROUP_EXIT;
            signal.groupExitCode = sig | 0x80;
            for (Task t : signal.threadHead) {
                if (t != p) {
                    addSigkill(k, t);
                }
            }
            p.flags |= TaskFlags.PF_DUMPCORE;
        }
        return ExitGroup.forSignal(sig);
    }

    /**
     * setup_rt_frame() and signal_setup_done(): the handler's frame goes on the user stack;
     * while it runs, its sa_mask and (unless SA_NODEFER) the signal itself are blocked.
     */
    public static void setupFrame(Task p, int sig) {
        if (p.sigFrames == null) {
            p.sigFrames = new java.util.ArrayDeque<>(2);
        }
        p.sigFrames.addLast(new long[] {sig, sigmaskToSave(p)});
        p.restoreSigmask = false; // signal_delivered(): clear_restore_sigmask()
        long block = p.sighand.mask(sig - 1);
        if ((p.sighand.flags(sig - 1) & SA_NODEFER) == 0) {
            block |= bit(sig);
        }
        p.blocked |= block & ~SIG_KERNEL_ONLY_MASK;
        recalcSigpending(p);
    }

    /** sigmask_to_save(): the mask a frame restores, sigsuspend()'s saved one while it is to come back. */
    private static long sigmaskToSave(Task p) {
        return p.restoreSigmask ? p.savedSigmask : p.blocked;
    }

    /**
     * restore_saved_sigmask(): no handler ran, so sigsuspend()'s saved mask comes back at once.
     * True when it did (a signal it unblocks may now be deliverable).
     */
    public static boolean restoreSavedSigmask(Task p) {
        if (!p.restoreSigmask) {
            return false;
        }
        p.restoreSigmask = false;
        setCurrentBlocked(p, p.savedSigmask);
        return true;
    }

    /** set_current_blocked(): the new mask, less SIGKILL and SIGSTOP, which cannot be blocked. */
    public static void setCurrentBlocked(Task p, long mask) {
        p.blocked = mask & ~SIG_KERNEL_ONLY_MASK;
        recalcSigpending(p);
    }

    /** rt_sigreturn(): the handler has returned; the mask it interrupted comes back. */
    public static void sigreturn(Task p, long savedMask) {
        p.blocked = savedMask;
        if (p.sigFrames.isEmpty()) {
            p.sigFrames = null;
        }
        recalcSigpending(p);
    }
}
