package ksim.kernel.kthread;

import ksim.kernel.CostModel;
import ksim.kernel.Kernel;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.time.Event;

/**
 * set_current_state(state); schedule() — or schedule_timeout() when {@code timeoutNs} is not
 * negative: the kernel thread sleeps until woken (or the timeout passes). Returns the time
 * left (0 when it timed out), as schedule_timeout() returns jiffies left. A timeout may be
 * deferrable (TIMER_DEFERRABLE): it does not keep an otherwise idle machine running.
 */
public final class Schedule extends Syscall {
    private final int state;
    private final long timeoutNs;
    private final boolean deferrable;
    private Timer timer;
    private boolean slept;

    private Schedule(int state, long timeoutNs, boolean deferrable) {
        this.state = state;
        this.timeoutNs = timeoutNs;
        this.deferrable = deferrable;
    }

    /** schedule() in {@code state} until woken. */
    public static Schedule schedule(int state) {
        return new Schedule(state, -1, false);
    }

    /** schedule_timeout() in {@code state}. */
    public static Schedule timeout(int state, long ns, boolean deferrable) {
        return new Schedule(state, ns, deferrable);
    }

    /** process_timeout(): wakes the sleeper. */
    private static final class Timer extends Event {
        private final Kernel k;
        private final Task task;

        Timer(Kernel k, Task task) {
            this.k = k;
            this.task = task;
        }

        @Override
        public void fire() {
            if (k.trace != null) k.trace.context(task.cpu, ksim.kernel.trace.Tracepoints.SOFTIRQ); // a timer_list
            k.sched.wakeUpProcess(task);
        }
    }

    @Override
    public String name() {
        return timeoutNs < 0 ? "schedule" : "schedule_timeout";
    }

    @Override
    public long cost(CostModel c) {
        return 0; // kernel code, no system call entry
    }

    @Override
    public long run(Kernel k, Task current) {
        if (!slept) {
            slept = true;
            if (timeoutNs >= 0) {
                timer = new Timer(k, current);
                timer.setDeferrable(deferrable);
                k.events.schedule(timer, k.now() + timeoutNs);
            }
            current.state = state;
            return BLOCK;
        }
        current.state = TaskState.TASK_RUNNING;
        if (timer == null) {
            return 0;
        }
        long left = timer.isQueued() ? timer.expires() - k.now() : 0;
        k.events.cancel(timer);
        return left;
    }
}
