package ksim.kernel.kthread;

import ksim.kernel.Kernel;
import ksim.kernel.fork.Fork;
import ksim.kernel.task.Program;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.task.UserOp;

/**
 * kthreadd (PID 2): forks every kernel thread anyone asks for. It sleeps while
 * kthread_create_list is empty and creates the threads in the order they were asked for.
 */
public final class Kthreadd implements Program {
    /** kernel_thread() flags kthreadd uses for its children (create_kthread()). */
    static final long KTHREAD_CLONE_FLAGS = ksim.abi.Clone.CLONE_FS | ksim.abi.Clone.CLONE_FILES
            | ksim.abi.Signal.SIGCHLD;

    private final Kernel k;

    public Kthreadd(Kernel k) {
        this.k = k;
    }

    /** Adds a request to kthread_create_list and wakes kthreadd. */
    static void queue(Kernel k, Kthread.CreateInfo info) {
        k.kthreadCreateList.addLast(info);
        k.sched.wakeUpProcess(k.kthreadd);
    }

    @Override
    public UserOp next(Task current) {
        if (k.kthreadCreateList.isEmpty()) {
            return Schedule.schedule(TaskState.TASK_INTERRUPTIBLE);
        }
        return new CreateKthread(k.kthreadCreateList.pollFirst());
    }

    /** create_kthread(): kernel_thread(kthread, ...) for one request. */
    private static final class CreateKthread extends Syscall {
        private final Kthread.CreateInfo info;

        CreateKthread(Kthread.CreateInfo info) {
            this.info = info;
        }

        @Override
        public String name() {
            return "create_kthread";
        }

        @Override
        public long cost(ksim.kernel.CostModel c) {
            return c.cloneVmNs;
        }

        @Override
        public long run(Kernel k, Task current) {
            createNow(k, info.kthread, info);
            return 0;
        }
    }

    /**
     * create_kthread() as kthreadd runs it; with no {@code info}, at boot, where nobody waits:
     * the thread is started as kthread_run() would leave it, going straight to threadfn.
     */
    static void createNow(Kernel k, Kthread kt, Kthread.CreateInfo info) {
        kt.task = Fork.kernelThread(k, k.kthreadd, new KthreadProgram(kt, info), kt.name, KTHREAD_CLONE_FLAGS);
        kt.task.vforkDone = kt.exited; // kthread(): current->vfork_done = &self->exited
        kt.task.kthread = kt;
        k.sched.wakeUpNewTask(kt.task);
    }

    @Override
    public void complete(Task current, UserOp op, long ret) {
    }

    @Override
    public Program copyForChild() {
        throw new IllegalStateException("kthreadd's children run kthread()");
    }
}
