package ksim.kernel.kthread;

import ksim.kernel.Kernel;
import ksim.kernel.sync.Completion;
import ksim.kernel.sync.WaitQueueEntry;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * kernel/kthread.c: struct kthread and the kthread API. kthread_create() asks kthreadd to
 * fork the thread and waits until it exists; the new thread sleeps (TASK_UNINTERRUPTIBLE)
 * until someone wakes it (kthread_run() does at once). kthread_stop() sets SHOULD_STOP,
 * wakes the thread and waits for it to exit (its "exited" completion is the thread's
 * vfork_done, completed by mm_release() in do_exit()). kthread_park() parks the thread in
 * TASK_PARKED at its next kthread_parkme() until kthread_unpark().
 */
public final class Kthread {
    static final int KTHREAD_SHOULD_STOP = 1, KTHREAD_SHOULD_PARK = 2, KTHREAD_IS_PARKED = 4;

    final Kernel k;
    final KthreadFn threadfn;
    final String name;
    int flags;
    public Task task;
    final Completion exited = new Completion();
    final Completion parked = new Completion();

    Kthread(Kernel k, KthreadFn threadfn, String name) {
        this.k = k;
        this.threadfn = threadfn;
        this.name = name;
    }

    /** kthread_should_stop(). */
    public boolean shouldStop() {
        return (flags & KTHREAD_SHOULD_STOP) != 0;
    }

    /** kthread_should_park(). */
    public boolean shouldPark() {
        return (flags & KTHREAD_SHOULD_PARK) != 0;
    }

    /** A request on kthread_create_list: kthreadd forks the thread and completes {@code done}. */
    public static final class CreateInfo {
        final Kthread kthread;
        final Completion done = new Completion();

        CreateInfo(Kthread kthread) {
            this.kthread = kthread;
        }
    }

    /**
     * kthread_create() / kthread_run() from a task: queue the request, wake kthreadd, and wait
     * (TASK_KILLABLE in Linux; kernel threads take no signals here) until the thread exists.
     * Returns the new thread's global PID; {@link #kthread} holds it.
     */
    public static final class Create extends Syscall {
        private final boolean run;
        public final Kthread kthread;
        private CreateInfo info;
        private WaitQueueEntry wait;

        public Create(Kernel k, KthreadFn fn, String name, boolean run) {
            this.kthread = new Kthread(k, fn, name);
            this.run = run;
        }

        @Override
        public String name() {
            return run ? "kthread_run" : "kthread_create";
        }

        @Override
        public long run(Kernel k, Task current) {
            if (info == null) {
                info = new CreateInfo(kthread);
                Kthreadd.queue(k, info);
            }
            if (!info.done.isDone()) {
                if (wait == null) {
                    wait = new WaitQueueEntry(current);
                    info.done.wait.add(wait);
                }
                current.state = TaskState.TASK_UNINTERRUPTIBLE;
                return BLOCK;
            }
            current.state = TaskState.TASK_RUNNING;
            info.done.wait.remove(wait);
            if (run) {
                k.sched.wakeUpProcess(kthread.task);
            }
            return kthread.task.threadPid.globalNr();
        }
    }

    /** kthread_stop(): returns what threadfn returned (0 here: ksim's threadfns return nothing). */
    public static final class Stop extends Syscall {
        private final Kthread kthread;
        private WaitQueueEntry wait;

        public Stop(Kthread kthread) {
            this.kthread = kthread;
        }

        @Override
        public String name() {
            return "kthread_stop";
        }

        @Override
        public long run(Kernel k, Task current) {
            if (wait == null) {
                kthread.flags |= KTHREAD_SHOULD_STOP;
                kthread.flags &= ~KTHREAD_SHOULD_PARK; // kthread_unpark()
                k.sched.wakeUpState(kthread.task, TaskState.TASK_PARKED);
                k.sched.wakeUpProcess(kthread.task);
                wait = new WaitQueueEntry(current);
                kthread.exited.wait.add(wait);
            }
            if (!kthread.exited.isDone()) {
                current.state = TaskState.TASK_UNINTERRUPTIBLE;
                return BLOCK;
            }
            current.state = TaskState.TASK_RUNNING;
            kthread.exited.wait.remove(wait);
            return 0;
        }
    }

    /** kthread_park(): returns once the thread sits in TASK_PARKED. */
    public static final class Park extends Syscall {
        private final Kthread kthread;
        private WaitQueueEntry wait;

        public Park(Kthread kthread) {
            this.kthread = kthread;
        }

        @Override
        public String name() {
            return "kthread_park";
        }

        @Override
        public long run(Kernel k, Task current) {
            if (wait == null) {
                kthread.flags |= KTHREAD_SHOULD_PARK;
                k.sched.wakeUpProcess(kthread.task);
                wait = new WaitQueueEntry(current);
                kthread.parked.wait.add(wait);
            }
            if (!kthread.parked.isDone()) {
                current.state = TaskState.TASK_UNINTERRUPTIBLE;
                return BLOCK;
            }
            current.state = TaskState.TASK_RUNNING;
            kthread.parked.wait.remove(wait);
            return 0;
        }
    }

    /** kthread_unpark(): clears SHOULD_PARK and wakes the parked thread. */
    public void unpark() {
        flags &= ~(KTHREAD_SHOULD_PARK | KTHREAD_IS_PARKED);
        parked.reinit();
        k.sched.wakeUpState(task, TaskState.TASK_PARKED);
    }

    /** kthread_parkme(): the thread's side — park until unparked. Returns null when not asked to park. */
    public ParkMe parkme() {
        return shouldPark() ? new ParkMe(this) : null;
    }

    /** __kthread_parkme(): TASK_PARKED, complete "parked" once, sleep while SHOULD_PARK. */
    public static final class ParkMe extends Syscall {
        private final Kthread kthread;

        ParkMe(Kthread kthread) {
            this.kthread = kthread;
        }

        @Override
        public String name() {
            return "kthread_parkme";
        }

        @Override
        public long run(Kernel k, Task current) {
            if (!kthread.shouldPark()) {
                current.state = TaskState.TASK_RUNNING;
                return 0;
            }
            if ((kthread.flags & KTHREAD_IS_PARKED) == 0) {
                kthread.flags |= KTHREAD_IS_PARKED;
                kthread.parked.complete(k);
            }
            current.state = TaskState.TASK_PARKED;
            return BLOCK;
        }
    }
}
