package ksim.kernel.task;

/** include/linux/sched.h: the task state bits of __state and exit_state, and their report letters. */
public final class TaskState {
    private TaskState() {}

    public static final int TASK_RUNNING = 0x0000;
    public static final int TASK_INTERRUPTIBLE = 0x0001;
    public static final int TASK_UNINTERRUPTIBLE = 0x0002;
    public static final int __TASK_STOPPED = 0x0004;
    public static final int __TASK_TRACED = 0x0008;
    public static final int EXIT_DEAD = 0x0010;
    public static final int EXIT_ZOMBIE = 0x0020;
    public static final int EXIT_TRACE = EXIT_ZOMBIE | EXIT_DEAD;
    public static final int TASK_PARKED = 0x0040;
    public static final int TASK_DEAD = 0x0080;
    public static final int TASK_WAKEKILL = 0x0100;
    public static final int TASK_WAKING = 0x0200;
    public static final int TASK_NOLOAD = 0x0400;
    public static final int TASK_NEW = 0x0800;
    public static final int TASK_RTLOCK_WAIT = 0x1000;

    public static final int TASK_KILLABLE = TASK_WAKEKILL | TASK_UNINTERRUPTIBLE;
    public static final int TASK_STOPPED = TASK_WAKEKILL | __TASK_STOPPED;
    public static final int TASK_IDLE = TASK_UNINTERRUPTIBLE | TASK_NOLOAD;
    public static final int TASK_NORMAL = TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE;

    public static final int TASK_REPORT = TASK_RUNNING | TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE
            | __TASK_STOPPED | __TASK_TRACED | EXIT_DEAD | EXIT_ZOMBIE | TASK_PARKED;
    private static final int TASK_REPORT_IDLE = TASK_REPORT + 1;

    /** fs/proc/array.c: task_state_array, indexed by task_state_index(). */
    private static final String LETTERS = "RSDTtXZPI";
    private static final String[] NAMES = {
        "R (running)", "S (sleeping)", "D (disk sleep)", "T (stopped)", "t (tracing stop)",
        "X (dead)", "Z (zombie)", "P (parked)", "I (idle)"
    };

    /** include/linux/sched.h: __task_state_index(). */
    public static int stateIndex(int state, int exitState) {
        int s = (state | exitState) & TASK_REPORT;
        if ((state & TASK_IDLE) == TASK_IDLE) {
            s = TASK_REPORT_IDLE;
        }
        if (state == TASK_RTLOCK_WAIT) {
            s = TASK_UNINTERRUPTIBLE;
        }
        return 32 - Integer.numberOfLeadingZeros(s); // fls()
    }

    public static char letter(Task t) {
        return LETTERS.charAt(stateIndex(t.state, t.exitState));
    }

    /** The State: line of /proc/PID/status. */
    public static String name(Task t) {
        return NAMES[stateIndex(t.state, t.exitState)];
    }
}
