package ksim.kernel.kthread;

import java.util.BitSet;
import ksim.abi.Sched;
import ksim.abi.SigAction;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.fork.Fork;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskFlags;
import ksim.kernel.task.TaskState;

/**
 * The kernel threads a booted 6.x kernel has by the time user space starts (as seen on this
 * project's 2-CPU machines, trimmed to the ones process management shows): kthreadd (PID 2),
 * workqueue rescuers and per-CPU high-priority workers (nice -20, idle: state I), RCU's
 * grace-period thread, and per CPU cpuhp/N, migration/N (the stop task, SCHED_FIFO 99),
 * ksoftirqd/N and kworker/N:0H, then a few memory-management threads. They are created as
 * boot leaves them: asleep, having used no measurable CPU time.
 */
public final class KernelThreads {
    private KernelThreads() {}

    /** PF_* of kthreadd's children as a 6.18 kernel shows them. */
    private static final int KTHREAD_FLAGS = TaskFlags.PF_KTHREAD | TaskFlags.PF_NOFREEZE | TaskFlags.PF_FORKNOEXEC;

    /** kthreadd(): PID 2, forked from the boot idle task right after init; ignores every signal. */
    public static Task startKthreadd(Kernel k) {
        Task t = Fork.kernelThread(k, k.idle(0), new Kthreadd(k), "kthreadd",
                ksim.abi.Clone.CLONE_FS | ksim.abi.Clone.CLONE_FILES);
        t.flags |= TaskFlags.PF_NOFREEZE;
        for (int sig = 1; sig <= Signal._NSIG; sig++) { // ignore_signals(): its children are reaped at once
            t.sighand.setHandler(sig - 1, SigAction.SIG_IGN);
        }
        t.cpusAllowed = null; // set_cpus_allowed_ptr(tsk, housekeeping_cpumask(HK_TYPE_KTHREAD))
        k.kthreadd = t;
        asleep(k, t, TaskState.TASK_INTERRUPTIBLE);
        return t;
    }

    /** The boot set, in the order a 6.18 kernel creates them. */
    public static void createBootThreads(Kernel k) {
        boot(k, "pool_workqueue_release", TaskState.TASK_INTERRUPTIBLE, 0, -1, false);
        for (String wq : new String[] {"rcu_gp", "sync_wq", "slub_flushwq", "netns"}) {
            worker(k, "kworker/R-" + wq, -1);
        }
        worker(k, "kworker/0:0H", 0);
        worker(k, "kworker/R-mm_percpu_wq", -1);
        perCpu(k, 0, false);
        for (int cpu = 1; cpu < k.config.cpus; cpu++) {
            perCpu(k, cpu, true);
        }
        boot(k, "khungtaskd", TaskState.TASK_INTERRUPTIBLE, 0, -1, false);
        boot(k, "oom_reaper", TaskState.TASK_INTERRUPTIBLE, 0, -1, false);
        worker(k, "kworker/R-writeback", -1);
        boot(k, "kcompactd0", TaskState.TASK_INTERRUPTIBLE, 0, -1, false);
        boot(k, "ksmd", TaskState.TASK_INTERRUPTIBLE, 5, -1, false);
        boot(k, "khugepaged", TaskState.TASK_INTERRUPTIBLE, 19, -1, false);
        boot(k, "kswapd0", TaskState.TASK_INTERRUPTIBLE, 0, -1, false);
    }

    /** Per CPU: ksoftirqd and RCU on the boot CPU come first, then cpuhp, migration, ksoftirqd, kworker as each CPU comes up. */
    private static void perCpu(Kernel k, int cpu, boolean secondary) {
        if (!secondary) {
            boot(k, "ksoftirqd/0", TaskState.TASK_INTERRUPTIBLE, 0, 0, true);
            boot(k, "rcu_preempt", TaskState.TASK_IDLE, 0, -1, false);
            Task m = boot(k, "migration/0", TaskState.TASK_INTERRUPTIBLE, 0, 0, true);
            k.sched.setStopTask(0, m);
            boot(k, "cpuhp/0", TaskState.TASK_INTERRUPTIBLE, 0, 0, true);
            return;
        }
        boot(k, "cpuhp/" + cpu, TaskState.TASK_INTERRUPTIBLE, 0, cpu, true);
        Task m = boot(k, "migration/" + cpu, TaskState.TASK_INTERRUPTIBLE, 0, cpu, true);
        k.sched.setStopTask(cpu, m);
        boot(k, "ksoftirqd/" + cpu, TaskState.TASK_INTERRUPTIBLE, 0, cpu, true);
        worker(k, "kworker/" + cpu + ":0H", cpu);
    }

    /** A workqueue worker or rescuer: PF_WQ_WORKER, nice -20, idle (TASK_IDLE). */
    private static void worker(Kernel k, String name, int cpu) {
        Task t = boot(k, name, TaskState.TASK_IDLE, -20, cpu, true);
        t.flags |= TaskFlags.PF_WQ_WORKER;
    }

    /** One boot kernel thread, asleep in {@code state}; bound to {@code cpu} when it is not -1. */
    private static Task boot(Kernel k, String name, int state, int nice, int cpu, boolean noSetaffinity) {
        Kthread kt = new Kthread(k, sleepForever(state), name);
        Task t = Fork.kernelThread(k, k.kthreadd, new KthreadProgram(kt, null), name, Kthreadd.KTHREAD_CLONE_FLAGS);
        kt.task = t;
        t.kthread = kt;
        t.vforkDone = kt.exited;
        t.flags = KTHREAD_FLAGS | (noSetaffinity ? TaskFlags.PF_NO_SETAFFINITY : 0);
        if (cpu >= 0) {
            BitSet mask = new BitSet();
            mask.set(cpu);
            t.cpusAllowed = mask;
            t.cpu = cpu;
        }
        k.sched.setBootParams(t, Sched.SCHED_NORMAL, 0, nice);
        asleep(k, t, state);
        return t;
    }

    /** The thread has run up to its first sleep: not TASK_NEW any more, and never on a runqueue. */
    private static void asleep(Kernel k, Task t, int state) {
        t.state = state;
        t.thread.retAddr = ksim.kernel.task.ThreadStruct.SWITCH_TO;
    }

    /** A threadfn that sleeps until woken, and again, for ever (a quiet system's kernel threads). */
    static KthreadFn sleepForever(int state) {
        return (self, current) -> Schedule.schedule(state);
    }
}
