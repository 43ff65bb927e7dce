package ksim.kernel.sync;

import ksim.kernel.Kernel;
import ksim.kernel.task.TaskState;

/** include/linux/completion.h: a one-shot event that sleepers wait for (vfork_done). */
public final class Completion {
    private boolean done;
    public final WaitQueueHead wait = new WaitQueueHead();

    public boolean isDone() {
        return done;
    }

    /** reinit_completion(). */
    public void reinit() {
        done = false;
    }

    /** complete(). */
    public void complete(Kernel k) {
        done = true;
        wait.wakeUp(k, TaskState.TASK_NORMAL, null);
    }
}
