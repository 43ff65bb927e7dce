package ksim.bench;

import static ksim.abi.Clone.*;

import ksim.kernel.exit.ExitGroup;
import ksim.kernel.fork.Clone;
import ksim.kernel.futex.Futex;
import ksim.kernel.task.Program;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;

/**
 * pthread_create() + pthread_join(), {@code n} times: a CLONE_THREAD child that exits at once,
 * joined by waiting on its TID word's futex until mm_release() clears it.
 */
final class ThreadCreateJoinLoop implements Program {
    static final long THREAD_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES
            | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS
            | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;

    private int left;
    private boolean child;
    private Task thread;
    private UserOp pending;

    ThreadCreateJoinLoop(int n) {
        this.left = n;
    }

    @Override
    public UserOp next(Task current) {
        if (child) {
            return pending = ExitGroup.exitThread(0);
        }
        if (left == 0) {
            return pending = ExitGroup.exitGroup(0);
        }
        if (thread == null) {
            return pending = new Clone(THREAD_FLAGS);
        }
        return pending = new Futex.WaitTid(thread);
    }

    @Override
    public void complete(Task current, UserOp op, long ret) {
        if (op != pending) {
            return;
        }
        if (op instanceof Clone c) {
            if (ret == 0) {
                child = true;
            } else if (ret < 0) {
                throw new IllegalStateException("clone failed: " + ret);
            } else {
                thread = c.child;
            }
        } else if (op instanceof Futex.WaitTid && thread.tidCleared) { // joined
            thread = null;
            left--;
        }
    }

    @Override
    public Program copyForChild() {
        ThreadCreateJoinLoop c = new ThreadCreateJoinLoop(0);
        c.pending = pending;
        return c;
    }
}
