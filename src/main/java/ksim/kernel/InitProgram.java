package ksim.kernel;

import static ksim.abi.Wait.__WALL;

import ksim.abi.Errno;
import ksim.kernel.exit.Wait;
import ksim.kernel.fork.Clone;
import ksim.kernel.sys.Pause;
import ksim.kernel.task.Program;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;

/**
 * The simulated machine's /sbin/init (PID 1 of the initial namespace): it starts the first
 * program in a PID namespace of its own, as {@code unshare --pid --fork} or a container
 * runtime would, then reaps whatever it is given, like every init, until it has no
 * children left; then it sleeps in pause() for good.
 */
public final class InitProgram implements Program {
    private final Program first;
    private boolean started;
    private boolean childless;

    public InitProgram(Program first) {
        this.first = first;
    }

    @Override
    public UserOp next(Task current) {
        if (!started) {
            return new Clone(Kernel.NEWPID_FORK_FLAGS);
        }
        if (childless) {
            return new Pause();
        }
        return new Wait.Wait4(-1, null, __WALL);
    }

    @Override
    public void complete(Task current, UserOp op, long ret) {
        if (op instanceof Clone) {
            started = true;
        } else if (op instanceof Wait.Wait4 && ret == Errno.ECHILD.ret()) {
            childless = true;
        }
    }

    @Override
    public Program copyForChild() {
        return first;
    }
}
