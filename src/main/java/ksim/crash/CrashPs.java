package ksim.crash;

import java.util.List;
import ksim.kernel.Kernel;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/** crash's {@code ps}: every task (idle tasks first, one per CPU), '>' marking the one running on its CPU. */
final class CrashPs {
    private CrashPs() {}

    static final String HEADER = "      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM";

    /** All tasks as crash walks them: the idle tasks, then init_task's list with each group's threads. */
    static List<Task> allTasks(Kernel k) {
        return ksim.kernel.Invariants.allTasks(k);
    }

    /** ps [-k | -u]: all tasks, only kernel threads, or only user tasks. */
    static String render(Kernel k, String option) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Task t : allTasks(k)) {
            boolean kthread = t.isKthread();
            if (("-k".equals(option) && !kthread) || ("-u".equals(option) && kthread)) {
                continue;
            }
            b.append(line(k, t)).append('\n');
        }
        return b.toString();
    }

    static String line(Kernel k, Task t) {
        boolean active = k.sched.rqs[t.cpu].curr == t;
        long vsz = t.mm == null ? 0 : Memory.VSZ_KB;
        long rss = t.mm == null ? 0 : Memory.RSS_KB;
        String comm = t.isKthread() ? "[" + t.comm + "]" : t.comm;
        return String.format("%s%8d%8d%4d  %16s  %s  %4.1f%9d%9d  %s", active ? ">" : " ", pid(t), ppid(t), t.cpu,
                KernelSymbols.hex(KernelSymbols.taskAddr(t)), state(t), t.mm == null ? 0.0 : Memory.PERCENT_MEM,
                vsz, rss, comm);
    }

    static int pid(Task t) {
        return t.threadPid.globalNr();
    }

    /** task->real_parent's PID; 0 for the idle tasks and for kthreadd and init, children of swapper. */
    static int ppid(Task t) {
        Task p = t.realParent;
        return p == null || p == t || p.threadPid == null ? 0 : p.threadPid.globalNr();
    }

    /** crash's task_state_string(): RU, IN, UN, ID, ST, TR, ZO, DE, PA, NE. */
    static String state(Task t) {
        if (t.exitState == TaskState.EXIT_ZOMBIE) {
            return "ZO";
        }
        if (t.exitState == TaskState.EXIT_DEAD) {
            return "DE";
        }
        int s = t.state;
        if (s == TaskState.TASK_RUNNING) {
            return "RU";
        }
        if ((s & TaskState.TASK_NEW) != 0) {
            return "NE";
        }
        if ((s & TaskState.TASK_PARKED) != 0) {
            return "PA";
        }
        if ((s & TaskState.__TASK_STOPPED) != 0) {
            return "ST";
        }
        if ((s & TaskState.__TASK_TRACED) != 0) {
            return "TR";
        }
        if ((s & TaskState.TASK_UNINTERRUPTIBLE) != 0) {
            return (s & TaskState.TASK_NOLOAD) != 0 ? "ID" : "UN";
        }
        return (s & TaskState.TASK_INTERRUPTIBLE) != 0 ? "IN" : "??";
    }
}
