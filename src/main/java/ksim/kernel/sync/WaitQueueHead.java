package ksim.kernel.sync;

import ksim.kernel.Kernel;
import ksim.kernel.util.ListHead;

/** include/linux/wait.h, kernel/sched/wait.c: a wait queue head. Entries are woken in queue order. */
public final class WaitQueueHead {
    private final ListHead<WaitQueueEntry> head = ListHead.head();

    /** add_wait_queue(); a no-op when the entry is already queued here. */
    public void add(WaitQueueEntry e) {
        if (!e.isQueued()) {
            head.addTail(e.entry);
        }
    }

    /** remove_wait_queue() / finish_wait(). */
    public void remove(WaitQueueEntry e) {
        if (e.isQueued()) {
            e.entry.unlink();
        }
    }

    public boolean isActive() {
        return !head.isEmpty();
    }

    /** __wake_up(wq, mode, 0, key): calls every entry's wake function. */
    public void wakeUp(Kernel k, int mode, Object key) {
        // list_for_each_entry_safe(): an entry may unlink itself while it is woken
        for (ListHead<WaitQueueEntry> p = head.firstNode(), n = p.nextNode(); p != head; p = n, n = p.nextNode()) {
            p.owner().wake(k, mode, key);
        }
    }
}
