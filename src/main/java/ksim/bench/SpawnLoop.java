package ksim.bench;

import ksim.kernel.fork.Clone;
import ksim.kernel.sys.Pause;
import ksim.kernel.task.Program;
import ksim.kernel.task.Spin;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;

/**
 * Creates {@code n} children with {@code flags} (processes or threads) that each either
 * sleep in pause() for good or spin for {@code spinNs} of CPU time, then sleeps itself:
 * a machine full of live tasks. With {@code rt}, the creator first makes itself SCHED_FIFO
 * with SCHED_RESET_ON_FORK, so thousands of CPU hogs do not slow down their own creation
 * while they still start as ordinary SCHED_OTHER tasks.
 */
final class SpawnLoop implements Program {
    private final long flags;
    private final long spinNs;
    private boolean rt;
    private int left;
    private boolean child;
    private UserOp pending;

    SpawnLoop(int n, long flags, long spinNs) {
        this.left = n;
        this.flags = flags;
        this.spinNs = spinNs;
    }

    SpawnLoop rtCreator() {
        rt = true;
        return this;
    }

    @Override
    public UserOp next(Task current) {
        if (child) {
            return pending = spinNs > 0 ? new Spin(spinNs) : new Pause();
        }
        if (rt) {
            rt = false;
            return pending = ksim.kernel.sched.SchedCalls.setscheduler(0,
                    ksim.abi.Sched.SCHED_FIFO | ksim.abi.Sched.SCHED_RESET_ON_FORK, 50);
        }
        return pending = left > 0 ? new Clone(flags) : new Pause();
    }

    @Override
    public void complete(Task current, UserOp op, long ret) {
        if (op != pending) {
            return;
        }
        if (op instanceof Clone) {
            if (ret == 0) {
                child = true;
            } else if (ret < 0) {
                throw new IllegalStateException("clone failed: " + ret);
            } else {
                left--;
            }
        }
    }

    @Override
    public Program copyForChild() {
        SpawnLoop c = new SpawnLoop(0, flags, spinNs);
        c.pending = pending;
        return c;
    }
}
