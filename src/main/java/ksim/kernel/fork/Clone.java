package ksim.kernel.fork;

import static ksim.abi.Clone.CLONE_VM;

import ksim.kernel.CostModel;
import ksim.kernel.Kernel;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;

/** clone(2) with the legacy flags word (fork() is clone(SIGCHLD)); the new task is left in {@link #child}. */
public final class Clone extends Syscall {
    public final long flags;
    public Task child;
    /** CLONE_VFORK: the parent sleeps until the child releases the mm, then returns {@link #nr}. */
    ksim.kernel.sync.Completion vfork;
    ksim.kernel.sync.WaitQueueEntry vforkWait;
    long nr;

    public Clone(long flags) {
        this.flags = flags;
    }

    @Override
    public String name() {
        return "clone";
    }

    @Override
    public java.util.List<String> sleepFrames() {
        return java.util.List.of("schedule_timeout", "__wait_for_common", "wait_for_completion_state", "kernel_clone",
                "__do_sys_clone", "__x64_sys_clone");
    }

    @Override
    public long cost(CostModel c) {
        return (flags & CLONE_VM) != 0 ? c.cloneVmNs : c.forkNs;
    }

    @Override
    public long run(Kernel k, Task current) {
        if (vfork != null) {
            return Fork.waitForVforkDone(k, current, this);
        }
        return Fork.kernelClone(k, current, this);
    }
}
