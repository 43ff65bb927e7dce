package ksim.kernel.fork;

import ksim.kernel.CostModel;
import ksim.kernel.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.signal.Signal;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.Program;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskFlags;
import ksim.kernel.task.UserMemory;

/**
 * execve(2): fs/exec.c begin_new_exec() and setup_new_exec() as they affect process
 * management: a new mm (the old one is released), the new program, comm from the file's
 * basename, PF flags, and caught signal handlers reset to SIG_DFL (SIG_IGN survives).
 * On success the call does not return to the old program: the new one starts.
 */
public final class Execve extends Syscall {
    /** TASK_COMM_LEN - 1. */
    public static final int COMM_MAX = 15;

    private final String filename;
    private final String[] argv;
    private final Program image;
    private final UserMemory memory;

    public Execve(String filename, String[] argv, Program image, UserMemory memory) {
        this.filename = filename;
        this.argv = argv;
        this.image = image;
        this.memory = memory;
    }

    @Override
    public String name() {
        return "execve";
    }

    @Override
    public long cost(CostModel c) {
        return c.execNs;
    }

    @Override
    public long run(Kernel k, Task current) {
        if (!current.threadGroupEmpty()) {
            // de_thread() (killing the other threads, leader takeover) comes with threads
            return Errno.ENOSYS.ret();
        }
        // exec_mmap(): exec_mm_release() lets a vfork parent go, then the new mm replaces the old one
        Fork.mmRelease(k, current);
        MmStruct old = current.mm;
        MmStruct mm = new MmStruct(memory, argv.clone());
        current.mm = mm;
        current.activeMm = mm;
        if (old != null) {
            old.put();
        }
        current.flags &= ~(TaskFlags.PF_RANDOMIZE | TaskFlags.PF_FORKNOEXEC | TaskFlags.PF_NOFREEZE
                | TaskFlags.PF_NO_SETAFFINITY);
        current.flags |= TaskFlags.PF_RANDOMIZE;
        setTaskComm(current, basename(filename));
        flushSignalHandlers(current);
        current.program = image;
        return 0;
    }

    /** __set_task_comm(): truncated to TASK_COMM_LEN - 1 bytes. */
    public static void setTaskComm(Task t, String name) {
        t.comm = name.length() > COMM_MAX ? name.substring(0, COMM_MAX) : name;
    }

    private static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** flush_signal_handlers(t, 0): caught signals go back to SIG_DFL; ignored ones stay ignored. */
    private static void flushSignalHandlers(Task t) {
        if (t.sighand.count > 1) { // unshare_sighand(): a private copy before changing it
            t.sighand.count--;
            t.sighand = t.sighand.copy();
        }
        for (int i = 0; i < Signal._NSIG; i++) {
            if (t.sighand.handler[i] != Signal.SIG_IGN) {
                t.sighand.handler[i] = Signal.SIG_DFL;
            }
            t.sighand.flags[i] = 0;
        }
    }
}
