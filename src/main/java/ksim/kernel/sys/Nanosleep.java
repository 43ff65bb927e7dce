package ksim.kernel.sys;

import ksim.abi.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.signal.Signals;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.time.Event;
import ksim.kernel.time.Ktime;

/**
 * nanosleep(2): kernel/time/hrtimer.c do_nanosleep() with an hrtimer_sleeper. The timer
 * is set with the task's timer slack (50 us for normal tasks, timer_slack_ns) and fires at
 * the end of that range, as a lone hrtimer does on an otherwise quiet CPU.
 */
public final class Nanosleep extends Syscall {
    /** The default current->timer_slack_ns. */
    public static final long TIMER_SLACK_NS = 50_000;

    private final long ns;
    private Sleeper timer;
    /** The absolute expiry: a restarted sleep (restart_syscall()) goes on to the same instant. */
    private long expires;

    public Nanosleep(long ns) {
        this.ns = ns;
    }

    /** struct hrtimer_sleeper: wakes its task when it expires. */
    private static final class Sleeper extends Event {
        private final Kernel k;
        private Task task;

        Sleeper(Kernel k, Task task) {
            this.k = k;
            this.task = task;
        }

        @Override
        public void fire() {
            Task t = task;
            task = null;
            if (k.trace != null) k.trace.context(t.cpu, ksim.kernel.trace.Tracepoints.HARDIRQ); // the sleeper's hrtimer
            k.sched.wakeUpProcess(t);
        }
    }

    @Override
    public String name() {
        return "nanosleep";
    }

    @Override
    public java.util.List<String> sleepFrames() {
        return java.util.List.of("do_nanosleep", "hrtimer_nanosleep", "common_nsleep", "__x64_sys_clock_nanosleep");
    }

    @Override
    public long run(Kernel k, Task current) {
        if (ns < 0) {
            return Errno.EINVAL.ret();
        }
        if (timer == null) {
            timer = new Sleeper(k, current);
            // hrtimer_start_range_ns(): ktime_add_safe() twice, so a sleep of ~292 years ends at KTIME_MAX
            expires = Ktime.addSafe(Ktime.addSafe(k.now(), ns), TIMER_SLACK_NS);
        }
        if (timer.task == null) {
            return 0;
        }
        if (!timer.isQueued()) { // hrtimer_sleeper_start_expires(), again after a restart
            k.events.schedule(timer, Math.max(expires, k.now()));
        }
        if (Signals.signalPending(current)) {
            k.events.cancel(timer);
            return Errno.ERESTART_RESTARTBLOCK.ret();
        }
        current.state = TaskState.TASK_INTERRUPTIBLE;
        return BLOCK;
    }
}
