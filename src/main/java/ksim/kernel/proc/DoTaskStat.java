package ksim.kernel.proc;

import ksim.abi.Resource;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.PidType;
import ksim.kernel.sched.Cputime;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskFlags;
import ksim.kernel.task.TaskState;

/**
 * fs/proc/array.c: do_task_stat(), the 52 fields of /proc/PID/stat ({@code whole}: the
 * process, times and exit code of the group) and /proc/PID/task/TID/stat (one thread). The
 * reader is root (ptrace_may_access() allows everything), so every "permitted" field is shown.
 */
final class DoTaskStat {
    private DoTaskStat() {}

    /**
     * What do_task_stat() reads under lock_task_sighand() (only a released task fails it: its
     * group fields then stay -1 or 0).
     */
    private record Group(int numThreads, long[] ignCatch, long rsslim, int exitCode, int ppid, int pgid, int sid) {
        static Group of(PidNamespace ns, Task task, boolean whole) {
            SignalStruct sig = task.signal;
            if (task.sighand == null) {
                return new Group(0, new long[] {0, 0}, 0, task.exitCode, 0, -1, -1);
            }
            boolean groupExit = whole
                    && (sig.flags & (SignalStruct.SIGNAL_GROUP_EXIT | SignalStruct.SIGNAL_STOP_STOPPED)) != 0;
            return new Group(sig.nrThreads, ProcPidStatus.collectSigignSigcatch(task), sig.rlim.cur[Resource.RLIMIT_RSS],
                    groupExit ? sig.groupExitCode : task.exitCode, task.realParent.tgidNr(ns),
                    sig.pids[PidType.PIDTYPE_PGID].nrIn(ns), sig.pids[PidType.PIDTYPE_SID].nrIn(ns));
        }
    }

    static String render(Kernel k, PidNamespace ns, Pid pid, Task task, boolean whole) {
        Group g = Group.of(ns, task, whole);
        MmStruct mm = mm(task);
        StringBuilder m = new StringBuilder(320);
        m.append(pid.nrIn(ns)).append(" (").append(task.comm).append(") ").append(TaskState.letter(task));
        sp(m, g.ppid());
        sp(m, g.pgid());
        sp(m, g.sid());
        sp(m, 0); // tty_nr: no scenario task has a controlling terminal (main called setsid())
        sp(m, -1); // tty_pgrp
        m.append(' ').append(Integer.toUnsignedString(task.flags));
        times(m, k, task, whole, g);
        memory(m, task, mm, g);
        signals(m, task, whole, g);
        m.append(' ').append(task.exitSignal);
        sp(m, task.cpu);
        sp(m, task.rtPriority);
        sp(m, task.policy);
        sp(m, 0); // delayacct_blkio_ticks
        sp(m, 0); // guest time, cguest time
        sp(m, 0);
        addresses(m, task, mm);
        sp(m, g.exitCode());
        return m.append('\n').toString();
    }

    /** Fields 10-22: faults, CPU times, priority, nice, threads, start time. */
    private static void times(StringBuilder m, Kernel k, Task task, boolean whole, Group g) {
        long[] ut = whole ? Cputime.threadGroupCputimeAdjusted(k, task) : Cputime.taskCputimeAdjusted(task);
        sp(m, Unmodelled.MIN_FLT); // min_flt, cmin_flt, maj_flt, cmaj_flt
        sp(m, 0);
        sp(m, 0);
        sp(m, 0);
        sp(m, Cputime.nsecToClockT(ut[0]));
        sp(m, Cputime.nsecToClockT(ut[1]));
        sp(m, Cputime.nsecToClockT(task.signal.cutime));
        sp(m, Cputime.nsecToClockT(task.signal.cstime));
        sp(m, task.prio - 100); // task_prio(): prio - MAX_RT_PRIO
        sp(m, task.staticPrio - 120); // task_nice()
        sp(m, g.numThreads());
        sp(m, 0); // itrealvalue, always 0 since 2.6.17
        sp(m, Cputime.nsecToClockT(task.startTime)); // start_boottime in clock ticks
    }

    /** Fields 23-30: vsize, rss, rsslim, the code and stack addresses, and esp/eip of an exiting task. */
    private static void memory(StringBuilder m, Task task, MmStruct mm, Group g) {
        long eip = 0, esp = 0;
        // only an exiting task's registers are shown: there is no non-racy way to read a live one's
        if (mm != null && (task.flags & (TaskFlags.PF_EXITING | TaskFlags.PF_DUMPCORE | TaskFlags.PF_POSTCOREDUMP)) != 0) {
            eip = Unmodelled.KSTK_EIP;
            esp = Unmodelled.KSTK_ESP;
        }
        sp(m, mm != null ? Unmodelled.VSIZE : 0);
        sp(m, mm != null ? Unmodelled.RSS : 0);
        m.append(' ').append(Long.toUnsignedString(g.rsslim()));
        sp(m, mm != null ? Unmodelled.START_CODE : 0);
        sp(m, mm != null ? Unmodelled.END_CODE : 0);
        sp(m, mm != null ? Unmodelled.START_STACK : 0);
        sp(m, esp);
        sp(m, eip);
    }

    /** Fields 31-37: the obsolete decimal signal masks (the first 31 signals), wchan, nswap and cnswap. */
    private static void signals(StringBuilder m, Task task, boolean whole, Group g) {
        sp(m, task.pending.signal & 0x7fffffffL);
        sp(m, task.blocked & 0x7fffffffL);
        sp(m, g.ignCatch()[0] & 0x7fffffffL);
        sp(m, g.ignCatch()[1] & 0x7fffffffL);
        // wchan is now a flag: whether /proc/PID/wchan would show something (the task sleeps)
        sp(m, !whole || g.numThreads() < 2 ? (task.state != TaskState.TASK_RUNNING ? 1 : 0) : 0);
        sp(m, 0); // nswap, cnswap
        sp(m, 0);
    }

    /** Fields 45-51: the data, brk, argument and environment addresses. */
    private static void addresses(StringBuilder m, Task task, MmStruct mm) {
        if (mm == null) {
            m.append(" 0 0 0 0 0 0 0");
            return;
        }
        long argEnd = Unmodelled.ARG_START + ProcPidCmdline.read(task).length();
        sp(m, Unmodelled.START_DATA);
        sp(m, Unmodelled.END_DATA);
        sp(m, Unmodelled.START_BRK);
        sp(m, Unmodelled.ARG_START);
        sp(m, argEnd);
        sp(m, argEnd); // env_start, env_end: ksim's environment is empty
        sp(m, argEnd);
    }

    /** get_task_mm(): a kernel thread's borrowed mm does not count. */
    static MmStruct mm(Task t) {
        return (t.flags & TaskFlags.PF_KTHREAD) != 0 ? null : t.mm;
    }

    private static void sp(StringBuilder m, long v) {
        m.append(' ').append(v);
    }
}
