package ksim.bench;

import ksim.abi.Signal;
import ksim.kernel.exit.ExitGroup;
import ksim.kernel.exit.Wait;
import ksim.kernel.fork.Clone;
import ksim.kernel.fs.PipeCalls;
import ksim.kernel.task.Program;
import ksim.kernel.task.Task;
import ksim.kernel.task.UserOp;
import ksim.kernel.task.UserPtr;

/**
 * Two processes passing a byte back and forth through two pipes, {@code n} round trips: on
 * one CPU every transfer is a context switch (lmbench's lat_ctx, and the real-kernel C
 * program in bench/).
 */
final class PipePingPong implements Program {
    /** The one-byte buffer's user address (any address in user space). */
    private static final long BUF = 0x7fff_0000_0000L;
    private final int n;
    private int step;
    private boolean child;
    private boolean done;
    private int left;
    private final UserPtr<int[]> ping = new UserPtr<>();
    private final UserPtr<int[]> pong = new UserPtr<>();
    private UserOp pending;

    PipePingPong(int n) {
        this.n = n;
        this.left = n;
    }

    @Override
    public UserOp next(Task current) {
        if (done) {
            return pending = ExitGroup.exitGroup(0);
        }
        if (step < 2) {
            return pending = new PipeCalls.PipeCreate(step == 0 ? ping : pong);
        }
        if (step == 2) {
            return pending = new Clone(Signal.SIGCHLD);
        }
        if (left == 0) {
            return pending = child ? ExitGroup.exitGroup(0) : new Wait.Wait4(-1, null, 0);
        }
        boolean write = child == ((step & 1) == 0); // parent: write then read; child: read then write
        int fd = write ? (child ? pong.get()[1] : ping.get()[1]) : (child ? ping.get()[0] : pong.get()[0]);
        return pending = write ? new PipeCalls.Write(fd, BUF, 1) : new PipeCalls.Read(fd, BUF, 1);
    }

    @Override
    public void complete(Task current, UserOp op, long ret) {
        if (op != pending) {
            return;
        }
        if (op instanceof PipeCalls.PipeCreate) {
            step++;
        } else if (op instanceof Clone) {
            child = ret == 0;
            step = 4;
        } else if (op instanceof Wait.Wait4) {
            done = true;
        } else {
            if (ret != 1) {
                throw new IllegalStateException("ping-pong transfer failed: " + ret);
            }
            if ((step & 1) == 1) {
                left--;
            }
            step++;
        }
    }

    @Override
    public Program copyForChild() {
        PipePingPong c = new PipePingPong(n);
        c.step = step;
        c.ping.put(ping.get()); // fork copies the descriptors' numbers with the rest of memory
        c.pong.put(pong.get());
        c.pending = pending;
        return c;
    }
}
