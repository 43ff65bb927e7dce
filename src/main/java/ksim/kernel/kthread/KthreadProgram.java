package ksim.kernel.kthread;

import ksim.kernel.exit.ExitGroup;
import ksim.kernel.task.Program;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.task.UserOp;

/**
 * kthread(): the body every kernel thread made by kthreadd runs. It tells its creator it
 * exists, sleeps until woken (kthread_run() wakes it at once), runs threadfn unless it was
 * stopped first, and exits (kthread_exit() → do_exit()). Kernel threads never reach user mode.
 */
final class KthreadProgram implements Program {
    private enum Phase { NEW, WAITING_FOR_START, RUNNING, EXITING }

    private final Kthread self;
    private final Kthread.CreateInfo create;
    private Phase phase;
    private UserOp pending;

    /** A thread kthreadd is creating now ({@code create} set), or one made at boot, already running threadfn. */
    KthreadProgram(Kthread self, Kthread.CreateInfo create) {
        this.self = self;
        this.create = create;
        this.phase = create != null ? Phase.NEW : Phase.RUNNING;
    }

    @Override
    public UserOp next(Task current) {
        switch (phase) {
            case NEW -> { // complete(done); schedule_preempt_disabled() in TASK_UNINTERRUPTIBLE
                create.done.complete(self.k);
                phase = Phase.WAITING_FOR_START;
                return pending = Schedule.schedule(TaskState.TASK_UNINTERRUPTIBLE);
            }
            case RUNNING -> {
                UserOp op = self.shouldStop() ? null : self.threadfn.next(self, current);
                if (op != null) {
                    return pending = op;
                }
                phase = Phase.EXITING;
            }
            default -> { }
        }
        return pending = ExitGroup.exitThread(0);
    }

    @Override
    public void complete(Task current, UserOp op, long ret) {
        if (op != pending) {
            return;
        }
        if (phase == Phase.WAITING_FOR_START) {
            phase = Phase.RUNNING;
        } else if (phase == Phase.RUNNING) {
            self.threadfn.complete(self, current, op, ret);
        }
    }

    @Override
    public Program copyForChild() {
        throw new IllegalStateException("a kernel thread does not fork user children");
    }
}
