package ksim.kernel.sync;

import ksim.kernel.Kernel;
import ksim.kernel.task.Task;
import ksim.kernel.util.ListHead;

/** include/linux/wait.h: struct wait_queue_entry. {@link #wake} is the entry's wake function. */
public class WaitQueueEntry {
    public final Task task;
    final ListHead<WaitQueueEntry> entry = new ListHead<>(this);
    /** WQ_FLAG_EXCLUSIVE: a wake-up stops after waking one such waiter; it leaves the queue when woken (autoremove). */
    boolean exclusive;

    public WaitQueueEntry(Task task) {
        this.task = task;
    }

    public boolean isQueued() {
        return entry.isLinked();
    }

    /** default_wake_function(): try_to_wake_up(task, mode). {@code key} is the waker's hint. */
    public boolean wake(Kernel k, int mode, Object key) {
        return k.sched.tryToWakeUp(task, mode);
    }
}
