package ksim.kernel.trace;

/**
 * What each tracepoint stores (TP_STRUCT__entry) and how it prints (TP_printk), for the
 * events of include/trace/events/sched.h, task.h and signal.h that ksim emits. The format
 * strings are those of Linux 6.18 (as its events/&#42;/&#42;/format files show them).
 *
 * <p>{@link Counter} is not a tracepoint: it carries a sampled counter (a runqueue's length,
 * the load average) for exporters that draw counters; the ftrace text leaves it out.
 */
public final class Tp {
    private Tp() {}

    /** An event's stored fields. */
    public sealed interface Fields {
        /** The event's name (its tracepoint). */
        String name();

        /** The TP_printk() text. */
        String format();
    }

    /** TASK_REPORT_MAX: the bit __trace_sched_switch_state() returns for a preempted task ("R+"). */
    public static final long TASK_REPORT_MAX = 0x100;
    private static final String STATE_LETTERS = "SDTtXZPI";

    /** sched_switch. {@code prevState} as __trace_sched_switch_state() made it: one report bit, or TASK_REPORT_MAX. */
    public record SchedSwitch(String prevComm, int prevPid, int prevPrio, long prevState, String nextComm,
            int nextPid, int nextPrio, int prevTgid, int nextTgid) implements Fields {
        @Override
        public String name() {
            return "sched_switch";
        }

        @Override
        public String format() {
            return "prev_comm=" + prevComm + " prev_pid=" + prevPid + " prev_prio=" + prevPrio + " prev_state="
                    + stateString(prevState) + " ==> next_comm=" + nextComm + " next_pid=" + nextPid
                    + " next_prio=" + nextPrio;
        }

        /** The %s%s of prev_state: __print_flags() of the report bits ("|" between them) or "R", then "+" if preempted. */
        public static String stateString(long prevState) {
            long bits = prevState & (TASK_REPORT_MAX - 1);
            StringBuilder sb = new StringBuilder(2);
            if (bits == 0) {
                sb.append('R');
            } else {
                for (int i = 0; i < STATE_LETTERS.length(); i++) {
                    if ((bits & (1L << i)) != 0) {
                        if (sb.length() > 0) {
                            sb.append('|');
                        }
                        sb.append(STATE_LETTERS.charAt(i));
                    }
                }
            }
            if ((prevState & TASK_REPORT_MAX) != 0) {
                sb.append('+');
            }
            return sb.toString();
        }
    }

    /** The three events of sched_wakeup_template. */
    public enum WakeupKind {
        SCHED_WAKING("sched_waking"), SCHED_WAKEUP("sched_wakeup"), SCHED_WAKEUP_NEW("sched_wakeup_new");

        final String event;

        WakeupKind(String event) {
            this.event = event;
        }
    }

    /** sched_waking, sched_wakeup, sched_wakeup_new. {@code tgid} is the wakee's (not printed). */
    public record SchedWakeup(WakeupKind kind, String comm, int pid, int prio, int targetCpu, int tgid)
            implements Fields {
        @Override
        public String name() {
            return kind.event;
        }

        @Override
        public String format() {
            return "comm=" + comm + " pid=" + pid + " prio=" + prio + " target_cpu=" + pad3(targetCpu);
        }
    }

    /** sched_migrate_task. */
    public record SchedMigrateTask(String comm, int pid, int prio, int origCpu, int destCpu) implements Fields {
        @Override
        public String name() {
            return "sched_migrate_task";
        }

        @Override
        public String format() {
            return "comm=" + comm + " pid=" + pid + " prio=" + prio + " orig_cpu=" + origCpu + " dest_cpu=" + destCpu;
        }
    }

    /** sched_process_fork. {@code childTgid} is not printed. */
    public record SchedProcessFork(String comm, int pid, String childComm, int childPid, int childTgid)
            implements Fields {
        @Override
        public String name() {
            return "sched_process_fork";
        }

        @Override
        public String format() {
            return "comm=" + comm + " pid=" + pid + " child_comm=" + childComm + " child_pid=" + childPid;
        }
    }

    /** sched_process_exec. */
    public record SchedProcessExec(String filename, int pid, int oldPid) implements Fields {
        @Override
        public String name() {
            return "sched_process_exec";
        }

        @Override
        public String format() {
            return "filename=" + filename + " pid=" + pid + " old_pid=" + oldPid;
        }
    }

    /** sched_process_exit (group_dead since 6.17). */
    public record SchedProcessExit(String comm, int pid, int prio, boolean groupDead) implements Fields {
        @Override
        public String name() {
            return "sched_process_exit";
        }

        @Override
        public String format() {
            return "comm=" + comm + " pid=" + pid + " prio=" + prio + " group_dead=" + groupDead;
        }
    }

    /** sched_process_free and sched_process_wait (sched_process_template's format). */
    public record SchedProcess(String event, String comm, int pid, int prio) implements Fields {
        @Override
        public String name() {
            return event;
        }

        @Override
        public String format() {
            return "comm=" + comm + " pid=" + pid + " prio=" + prio;
        }
    }

    /** task_newtask. {@code tgid} is the new task's (not printed). */
    public record TaskNewtask(int pid, String comm, long cloneFlags, short oomScoreAdj, int tgid) implements Fields {
        @Override
        public String name() {
            return "task_newtask";
        }

        @Override
        public String format() {
            return "pid=" + pid + " comm=" + comm + " clone_flags=" + Long.toHexString(cloneFlags) + " oom_score_adj="
                    + oomScoreAdj;
        }
    }

    /** task_rename. */
    public record TaskRename(int pid, String oldcomm, String newcomm, short oomScoreAdj) implements Fields {
        @Override
        public String name() {
            return "task_rename";
        }

        @Override
        public String format() {
            return "pid=" + pid + " oldcomm=" + oldcomm + " newcomm=" + newcomm + " oom_score_adj=" + oomScoreAdj;
        }
    }

    /** signal_generate's results (include/trace/events/signal.h enum trace_signal_result). */
    public static final int TRACE_SIGNAL_DELIVERED = 0, TRACE_SIGNAL_IGNORED = 1, TRACE_SIGNAL_ALREADY_PENDING = 2,
            TRACE_SIGNAL_OVERFLOW_FAIL = 3, TRACE_SIGNAL_LOSE_INFO = 4;

    /** signal_generate. */
    public record SignalGenerate(int sig, int errno, int code, String comm, int pid, int group, int result)
            implements Fields {
        @Override
        public String name() {
            return "signal_generate";
        }

        @Override
        public String format() {
            return "sig=" + sig + " errno=" + errno + " code=" + code + " comm=" + comm + " pid=" + pid + " grp=" + group
                    + " res=" + result;
        }
    }

    /** signal_deliver. */
    public record SignalDeliver(int sig, int errno, int code, long saHandler, long saFlags) implements Fields {
        @Override
        public String name() {
            return "signal_deliver";
        }

        @Override
        public String format() {
            return "sig=" + sig + " errno=" + errno + " code=" + code + " sa_handler=" + Long.toHexString(saHandler)
                    + " sa_flags=" + Long.toHexString(saFlags);
        }
    }

    /** Which counter a {@link Counter} samples. */
    public enum CounterKind { NR_RUNNING, LOADAVG }

    /**
     * A sampled counter, not an ftrace event: NR_RUNNING of CPU {@code cpu} ({@code values[0]}),
     * or LOADAVG's 1, 5 and 15 minute averages in FIXED_1 (2048) units.
     */
    public record Counter(CounterKind kind, int cpu, long[] values) implements Fields {
        @Override
        public String name() {
            return kind == CounterKind.NR_RUNNING ? "nr_running" : "loadavg";
        }

        @Override
        public String format() {
            return java.util.Arrays.toString(values);
        }
    }

    /** %03d. */
    static String pad3(int v) {
        if (v >= 0 && v < 10) {
            return "00" + v;
        }
        if (v >= 0 && v < 100) {
            return "0" + v;
        }
        return Integer.toString(v);
    }
}
