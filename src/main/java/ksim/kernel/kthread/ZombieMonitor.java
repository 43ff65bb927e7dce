package ksim.kernel.kthread;

import ksim.kernel.Kernel;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.task.UserOp;

/**
 * An example module: a kernel thread that wakes every 30 seconds, walks the task list and
 * logs every zombie to the kernel log — the classic first kthread exercise. Its timer is
 * deferrable, so it never keeps an otherwise finished simulation running.
 *
 * <pre>
 * static int zombie_monitor(void *data)
 * {
 *         while (!kthread_should_stop()) {
 *                 schedule_timeout_interruptible(30 * HZ);
 *                 rcu_read_lock();
 *                 for_each_process(p)
 *                         if (p->exit_state == EXIT_ZOMBIE)
 *                                 pr_info("zombie_monitor: %s[%d] is a zombie, parent %s[%d]\n", ...);
 *                 rcu_read_unlock();
 *         }
 *         return 0;
 * }
 * </pre>
 */
public final class ZombieMonitor implements KthreadFn {
    public static final String NAME = "zombie_monitor";
    static final long PERIOD_NS = 30_000_000_000L;

    private boolean slept;

    /** module_init(): kthread_run(zombie_monitor, NULL, "zombie_monitor"), at boot. */
    public static Kthread init(Kernel k) {
        Kthread kt = new Kthread(k, new ZombieMonitor(), NAME);
        Kthreadd.createNow(k, kt, null);
        return kt;
    }

    @Override
    public UserOp next(Kthread self, Task current) {
        if (slept) {
            slept = false;
            scan(self.k);
        }
        slept = true;
        return Schedule.timeout(TaskState.TASK_INTERRUPTIBLE, PERIOD_NS, true);
    }

    /** for_each_process(): every thread-group leader, in creation order. */
    private static void scan(Kernel k) {
        for (Task p : k.initTasks) {
            if (p.exitState == TaskState.EXIT_ZOMBIE) {
                Task parent = p.realParent;
                k.printk(NAME + ": " + p.comm + "[" + p.threadPid.globalNr() + "] is a zombie, parent "
                        + parent.comm + "[" + parent.threadPid.globalNr() + "]");
            }
        }
    }
}
