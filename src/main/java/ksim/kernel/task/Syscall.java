package ksim.kernel.task;

import ksim.kernel.CostModel;
import ksim.kernel.Kernel;

/**
 * A system call in flight: its arguments, its outputs and, for calls that sleep, whatever it
 * must remember across sleeps (a timer, a wait-queue entry).
 *
 * <p>{@link #run} is the body, executed "in the context of current". A body that must sleep
 * does what Linux's {@code for (;;) { prepare_to_wait(); if (cond) break; schedule(); }} loop
 * does: it queues itself, sets the task's state and returns {@link #BLOCK}. When the task is
 * woken and picked again, the kernel calls {@code run} again, which re-checks the condition.
 * No Java stack is kept while the task sleeps.
 */
public abstract non-sealed class Syscall implements UserOp {
    /** Returned by a body that has put the task to sleep; the body is re-run after a wake-up. */
    public static final long BLOCK = Long.MIN_VALUE;
    /** Returned by a body after which the task never returns to user mode (exit). */
    public static final long NORETURN = Long.MIN_VALUE + 1;
    /**
     * Returned by a body that has done part of its work and needs {@link #moreNs()} more CPU
     * time in the kernel before it is run again (exec: loading the new image after the point
     * of no return).
     */
    public static final long MORE = Long.MIN_VALUE + 2;

    /** The kernel CPU time the body asked for by returning {@link #MORE}. */
    public long moreNs() {
        return 0;
    }

    /** The system call's name, as in the kernel's syscall table (for traces and /proc wchan). */
    public abstract String name();

    /**
     * Where the call sleeps, for crash's {@code bt}: the kernel functions below schedule(),
     * innermost first, down to its {@code __x64_sys_} entry; null for a call that never sleeps.
     */
    public java.util.List<String> sleepFrames() {
        return null;
    }

    /** The body; returns the result (negative errno on failure), {@link #BLOCK} or {@link #NORETURN}. */
    public abstract long run(Kernel k, Task current);

    /** Simulated time of entering, doing and leaving this call, charged before the body runs. */
    public long cost(CostModel c) {
        return c.syscallNs;
    }
}
