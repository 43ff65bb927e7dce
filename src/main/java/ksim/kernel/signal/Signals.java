package ksim.kernel.signal;

import ksim.kernel.Kernel;
import ksim.kernel.exit.ExitGroup;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * kernel/signal.c, reduced to the fatal path the lifecycle needs so far: SIGKILL sent to a
 * thread group (complete_signal()'s group-exit branch), signal_wake_up(), and get_signal()
 * turning a pending fatal signal into do_group_exit(). Dispositions, queues, handlers and
 * job control arrive with the signals issue on top of these names.
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

    /**
     * send_signal(SIGKILL, p, PIDTYPE_TGID) as complete_signal() finishes it: the whole group
     * is marked for exit with the signal as its code, and every thread gets SIGKILL and is woken.
     */
    public static void sendSigkill(Kernel k, Task p) {
        SignalStruct sig = p.signal;
        if ((sig.flags & SignalStruct.SIGNAL_GROUP_EXIT) == 0) {
            sig.flags = SignalStruct.SIGNAL_GROUP_EXIT;
            sig.groupExitCode = Signal.SIGKILL;
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
