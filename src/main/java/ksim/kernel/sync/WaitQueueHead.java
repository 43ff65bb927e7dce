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

    /** prepare_to_wait_exclusive(): queued at the tail, woken one at a time. */
    public void addExclusive(WaitQueueEntry e) {
        e.exclusive = true;
        add(e);
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

    /** wake_up(): every non-exclusive waiter, and exclusive ones until one has been woken (nr_exclusive 1). */
    public void wakeUp(Kernel k, int mode, Object key) {
        wakeUp(k, mode, key, 1);
    }

    /** wake_up_all(): every waiter (nr_exclusive 0). */
    public void wakeUpAll(Kernel k, int mode, Object key) {
        wakeUp(k, mode, key, 0);
    }

    /** __wake_up_common(). */
    private void wakeUp(Kernel k, int mode, Object key, int nrExclusive) {
        // list_for_each_entry_safe(): an entry may unlink itself while it is woken
        for (ListHead<WaitQueueEntry> p = head.firstNode(), n = p.nextNode(); p != head; p = n, n = p.nextNode()) {
            WaitQueueEntry e = p.owner();
            boolean woken = e.wake(k, mode, key);
            if (woken && e.exclusive) {
                e.entry.unlink(); // autoremove_wake_function()
                if (--nrExclusive == 0) {
                    break;
                }
            }
        }
    }
}
