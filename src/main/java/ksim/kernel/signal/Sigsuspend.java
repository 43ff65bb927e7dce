package ksim.kernel.signal;

import ksim.abi.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * rt_sigsuspend(set): sigsuspend() in kernel/signal.c. The mask is replaced by {@code set}
 * until a signal is pending, and the call returns -ERESTARTNOHAND with TIF_RESTORE_SIGMASK
 * set: a handler then runs with the temporary mask and its frame restores the old one
 * ({@link Signals#setupFrame}); with no handler to run the old mask comes back at once and the
 * call starts again ({@link Signals#restoreSavedSigmask}).
 */
public final class Sigsuspend extends Syscall {
    private final long newset;
    /** The mask is swapped: the body is being re-run after a wake-up. */
    private boolean suspended;

    public Sigsuspend(long newset) {
        this.newset = newset;
    }

    @Override
    public String name() {
        return "rt_sigsuspend";
    }

    @Override
    public java.util.List<String> sleepFrames() {
        return java.util.List.of("sigsuspend", "__x64_sys_rt_sigsuspend");
    }

    @Override
    public long run(Kernel k, Task current) {
        if (!suspended) {
            current.savedSigmask = current.blocked;
            Signals.setCurrentBlocked(current, newset);
            suspended = true;
        }
        if (!Signals.signalPending(current)) {
            current.state = TaskState.TASK_INTERRUPTIBLE;
            return BLOCK;
        }
        suspended = false; // restarted (no handler ran), the call begins afresh
        current.restoreSigmask = true; // set_restore_sigmask()
        return Errno.ERESTARTNOHAND.ret();
    }
}
