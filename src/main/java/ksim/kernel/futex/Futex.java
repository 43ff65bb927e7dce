package ksim.kernel.futex;

import ksim.abi.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.sync.WaitQueueEntry;
import ksim.kernel.sync.WaitQueueHead;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * kernel/futex, the one futex process management needs: a thread's TID word. A thread made
 * with CLONE_CHILD_CLEARTID has its TID in that word until mm_release() clears it to 0 and
 * does FUTEX_WAKE on it — which is how pthread_join() learns that a thread is gone. ksim
 * keeps the word's state and its futex wait queue in the thread itself.
 */
public final class Futex {
    private Futex() {}

    /** mm_release()'s part: clear_child_tid → put_user(0), futex_wake(). */
    public static void clearChildTid(Kernel k, Task tsk) {
        if (!tsk.clearChildTid) {
            return;
        }
        tsk.clearChildTid = false;
        tsk.tidCleared = true;
        if (tsk.tidFutex != null) {
            tsk.tidFutex.wakeUp(k, TaskState.TASK_NORMAL, null);
        }
    }

    /**
     * futex(&thread->tid, FUTEX_WAIT, tid): sleeps while {@code thread}'s TID word still holds
     * its TID; -EAGAIN when it is already 0 (the value changed), 0 after a wake-up.
     */
    public static final class WaitTid extends Syscall {
        private final Task thread;
        private WaitQueueEntry wait;

        public WaitTid(Task thread) {
            this.thread = thread;
        }

        @Override
        public String name() {
            return "futex";
        }

        @Override
        public long run(Kernel k, Task current) {
            if (wait != null) { // woken (or a spurious pass): futex_wait() returns 0
                thread.tidFutex.remove(wait);
                current.state = TaskState.TASK_RUNNING;
                return 0;
            }
            if (thread.tidCleared) {
                return Errno.EAGAIN.ret();
            }
            if (thread.tidFutex == null) {
                thread.tidFutex = new WaitQueueHead();
            }
            wait = new WaitQueueEntry(current);
            thread.tidFutex.add(wait);
            current.state = TaskState.TASK_INTERRUPTIBLE;
            return BLOCK;
        }
    }
}
