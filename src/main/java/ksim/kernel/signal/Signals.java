package ksim.kernel.signal;

import ksim.kernel.Kernel;
import ksim.kernel.exit.ExitGroup;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * kernel/signal.c, reduced to what the lifecycle needs so far: signals the kernel itself
 * sends (SIGKILL from zap_pid_ns_processes() and de_thread(), SIGPIPE from a pipe with no
 * reader), their dispositions and default actions, complete_signal()'s group-exit branch
 * for a fatal one, signal_wake_up(), and get_signal() turning it into do_group_exit().
 * User handlers, blocking, queues and job control arrive with the signals issue on top of
 * these names; until then no process can catch, block or ignore a signal, so a signal whose
 * default action stops the group is still left pending without effect.
 */
public final class Signals {
    private Signals() {}

    private static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** fatal_signal_pending(). */
    public static boolean fatalSignalPending(Task p) {
        return p.sigPending && (p.pendingSignals & bit(Signal.SIGKILL)) != 0;
    }

    /** signal_pending(). */
    public static boolean signalPending(Task p) {
        return p.sigPending;
    }

    /** The default action of each signal (the sig_kernel_* masks of include/linux/signal.h). */
    enum DefaultAction { TERMINATE, COREDUMP, STOP, IGNORE }

    public static DefaultAction defaultAction(int sig) {
        return switch (sig) {
            case Signal.SIGCHLD, Signal.SIGCONT, Signal.SIGURG, Signal.SIGWINCH -> DefaultAction.IGNORE;
            case Signal.SIGSTOP, Signal.SIGTSTP, Signal.SIGTTIN, Signal.SIGTTOU -> DefaultAction.STOP;
            case Signal.SIGQUIT, Signal.SIGILL, Signal.SIGTRAP, Signal.SIGABRT, Signal.SIGBUS, Signal.SIGFPE,
                    Signal.SIGSEGV, Signal.SIGXCPU, Signal.SIGXFSZ, Signal.SIGSYS -> DefaultAction.COREDUMP;
            default -> DefaultAction.TERMINATE;
        };
    }

    /**
     * send_signal_locked(sig, SEND_SIG_PRIV, p, PIDTYPE_TGID) for a signal the kernel raises:
     * sig_ignored() drops it (SIG_IGN, a default action of ignore, or a namespace init's
     * SIG_DFL); a fatal one takes the whole group down as complete_signal() does.
     */
    public static void sendSignal(Kernel k, int sig, Task p) {
        int handler = p.sighand.handler[sig - 1];
        if (handler == Signal.SIG_IGN) {
            return;
        }
        if (handler == Signal.SIG_DFL) {
            DefaultAction action = defaultAction(sig);
            if (action == DefaultAction.IGNORE) {
                return;
            }
            if ((p.signal.flags & SignalStruct.SIGNAL_UNKILLABLE) != 0 && sig != Signal.SIGKILL) {
                return; // an init is only sent the signals it has handlers for
            }
            if (action == DefaultAction.TERMINATE || action == DefaultAction.COREDUMP) {
                // a core dump needs RLIMIT_CORE, 0 by default: the group just dies by the signal
                sendFatal(k, p, sig);
            }
        }
    }

    /** send_signal(SIGKILL, p, PIDTYPE_TGID). */
    public static void sendSigkill(Kernel k, Task p) {
        sendFatal(k, p, Signal.SIGKILL);
    }

    /**
     * complete_signal()'s fatal branch: the whole group is marked for exit with the signal as
     * its code, and every thread gets SIGKILL and is woken.
     */
    private static void sendFatal(Kernel k, Task p, int signal) {
        SignalStruct sig = p.signal;
        if ((sig.flags & SignalStruct.SIGNAL_GROUP_EXIT) == 0) {
            sig.flags = SignalStruct.SIGNAL_GROUP_EXIT;
            sig.groupExitCode = signal;
        }
        for (Task t : sig.threadHead) {
            t.pendingSignals |= bit(Signal.SIGKILL);
            signalWakeUp(k, t, true);
        }
    }

    /** signal_wake_up_state(): TIF_SIGPENDING, then wake the thread or kick it into the kernel. */
    public static void signalWakeUp(Kernel k, Task t, boolean fatal) {
        t.sigPending = true;
        int state = TaskState.TASK_INTERRUPTIBLE | (fatal ? TaskState.TASK_WAKEKILL : 0);
        if (!k.sched.wakeUpState(t, state)) {
            k.sched.kickProcess(t);
        }
    }

    /**
     * get_signal(): what the task does on its way to user mode with a signal pending, or null
     * when nothing is to be done. A fatal signal becomes do_group_exit().
     */
    public static Syscall getSignal(Kernel k, Task p) {
        if ((p.signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0 || fatalSignalPending(p)) {
            p.pendingSignals &= ~bit(Signal.SIGKILL);
            p.sigPending = false;
            if ((p.flags & ksim.kernel.task.TaskFlags.PF_EXITING) != 0) {
                return null;
            }
            return ExitGroup.forSignal(Signal.SIGKILL);
        }
        p.sigPending = false;
        return null;
    }
}
