package ksim.kernel.sys;

import ksim.abi.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.signal.Signals;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/** pause(2): sleep in TASK_INTERRUPTIBLE until a signal arrives; -ERESTARTNOHAND then. */
public final class Pause extends Syscall {
    @Override
    public String name() {
        return "pause";
    }

    @Override
    public java.util.List<String> sleepFrames() {
        return java.util.List.of("__x64_sys_pause");
    }

    @Override
    public long run(Kernel k, Task current) {
        if (Signals.signalPending(current)) {
            return Errno.ERESTARTNOHAND.ret();
        }
        current.state = TaskState.TASK_INTERRUPTIBLE;
        return BLOCK;
    }
}
