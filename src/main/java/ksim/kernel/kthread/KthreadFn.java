package ksim.kernel.kthread;

import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;

/**
 * A kernel thread's threadfn, written as a state machine: each call returns the next
 * kernel operation to run in the thread's context (a sleep, a wait, some work), or null when
 * the function returns. Like every ksim task, it holds no Java stack while it sleeps.
 */
public interface KthreadFn {
    /** The next operation, or null to return from threadfn (the thread exits). */
    UserOp next(Kthread self, Task current);

    /** The result of the operation last returned. */
    default void complete(Kthread self, Task current, UserOp op, long ret) {
    }
}
