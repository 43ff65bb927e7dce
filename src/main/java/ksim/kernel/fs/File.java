package ksim.kernel.fs;

import ksim.kernel.Kernel;
import ksim.kernel.task.TaskState;

/** include/linux/fs.h: struct file, here always one end of a pipe. f_count counts the fd slots that hold it. */
public final class File {
    public final Pipe pipe;
    public final boolean writeEnd;
    int count = 1;

    File(Pipe pipe, boolean writeEnd) {
        this.pipe = pipe;
        this.writeEnd = writeEnd;
    }

    void get() {
        count++;
    }

    /** fput(): the last reference closes this end (pipe_release()), waking the other side. */
    void put(Kernel k) {
        if (--count > 0) {
            return;
        }
        if (writeEnd) {
            pipe.writers--;
        } else {
            pipe.readers--;
        }
        pipe.rdWait.wakeUpAll(k, TaskState.TASK_INTERRUPTIBLE, null); // wake_up_interruptible_all()
        pipe.wrWait.wakeUpAll(k, TaskState.TASK_INTERRUPTIBLE, null);
    }
}
