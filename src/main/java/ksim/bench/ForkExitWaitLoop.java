package ksim.bench;

import ksim.abi.Signal;
import ksim.kernel.exit.ExitGroup;
import ksim.kernel.exit.Wait;
import ksim.kernel.fork.Clone;
import ksim.kernel.task.Program;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;

/**
 * A user program that forks (or vforks: {@code flags}) a child which exits at once, waits for
 * it, and does that {@code n} times.
 */
final class ForkExitWaitLoop implements Program {
    static final long FORK = Signal.SIGCHLD;
    static final long VFORK = ksim.abi.Clone.CLONE_VM | ksim.abi.Clone.CLONE_VFORK | Signal.SIGCHLD;

    private final long flags;
    private int left;
    private boolean child;
    private boolean forked;
    /** The request this program made last; results of others (init's clone that started us) are not ours. */
    private UserOp pending;

    ForkExitWaitLoop(int n) {
        this(n, FORK);
    }

    ForkExitWaitLoop(int n, long flags) {
        this.left = n;
        this.flags = flags;
    }

    @Override
    public UserOp next(Task current) {
        if (child || left == 0) {
            return pending = ExitGroup.exitGroup(0);
        }
        if (!forked) {
            return pending = new Clone(flags);
        }
        return pending = new Wait.Wait4(-1, null, 0);
    }

    @Override
    public void complete(Task current, UserOp op, long ret) {
        if (op != pending) {
            return;
        }
        if (op instanceof Clone) {
            if (ret == 0) {
                child = true;
            } else {
                forked = true;
            }
        } else if (op instanceof Wait.Wait4) {
            if (ret <= 0) {
                throw new IllegalStateException("wait4 failed: " + ret);
            }
            forked = false;
            left--;
        }
    }

    @Override
    public Program copyForChild() {
        ForkExitWaitLoop c = new ForkExitWaitLoop(0, flags);
        c.forked = forked;
        c.pending = pending;
        return c;
    }
}
