package ksim.kernel.proc;

import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.PidType;
import ksim.kernel.sched.Cputime;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.Rlimits;
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

    static String render(Kernel k, PidNamespace ns, Pid pid, Task task, boolean whole) {
        char state = TaskState.letter(task);
        MmStruct mm = mm(task);
        long vsize = 0, eip = 0, esp = 0;
        if (mm != null) {
            vsize = Unmodelled.VSIZE;
            // only an exiting task's registers are shown: there is no non-racy way to read a live one's
            if ((task.flags & (TaskFlags.PF_EXITING | TaskFlags.PF_DUMPCORE | TaskFlags.PF_POSTCOREDUMP)) != 0) {
                eip = Unmodelled.KSTK_EIP;
                esp = Unmodelled.KSTK_ESP;
            }
        }
        int ttyPgrp = -1; // no scenario task has a controlling terminal (main called setsid())
        int ttyNr = 0;
        long[] ignCatch = {0, 0};
        int numThreads = 0;
        long rsslim = 0;
        int exitCode = task.exitCode;
        int ppid = 0, pgid = -1, sid = -1;
        SignalStruct sig = task.signal;
        if (task.sighand != null) { // lock_task_sighand(): fails only once the task is released
            numThreads = sig.nrThreads;
            ignCatch = ProcPidStatus.collectSigignSigcatch(task);
            rsslim = sig.rlim.cur[Rlimits.RLIMIT_RSS];
            if (whole && (sig.flags & (SignalStruct.SIGNAL_GROUP_EXIT | SignalStruct.SIGNAL_STOP_STOPPED)) != 0) {
                exitCode = sig.groupExitCode;
            }
            sid = sig.pids[PidType.PIDTYPE_SID].nrIn(ns);
            ppid = task.realParent.tgidNr(ns);
            pgid = sig.pids[PidType.PIDTYPE_PGID].nrIn(ns);
        }
        // wchan is now a flag: whether /proc/PID/wchan would show something (the task sleeps)
        long wchan = !whole || numThreads < 2 ? (task.state != TaskState.TASK_RUNNING ? 1 : 0) : 0;
        long[] ut = whole ? Cputime.threadGroupCputimeAdjusted(k, task) : Cputime.taskCputimeAdjusted(task);

        StringBuilder m = new StringBuilder(320);
        m.append(pid.nrIn(ns)).append(" (").append(task.comm).append(") ").append(state);
        sp(m, ppid);
        sp(m, pgid);
        sp(m, sid);
        sp(m, ttyNr);
        sp(m, ttyPgrp);
        m.append(' ').append(Integer.toUnsignedString(task.flags));
        sp(m, Unmodelled.MIN_FLT); // min_flt, cmin_flt, maj_flt, cmaj_flt
        sp(m, 0);
        sp(m, 0);
        sp(m, 0);
        sp(m, Cputime.nsecToClockT(ut[0]));
        sp(m, Cputime.nsecToClockT(ut[1]));
        sp(m, Cputime.nsecToClockT(sig.cutime));
        sp(m, Cputime.nsecToClockT(sig.cstime));
        sp(m, task.prio - 100); // task_prio(): prio - MAX_RT_PRIO
        sp(m, task.staticPrio - 120); // task_nice()
        sp(m, numThreads);
        sp(m, 0); // itrealvalue, always 0 since 2.6.17
        sp(m, Cputime.nsecToClockT(task.startTime)); // start_boottime in clock ticks
        sp(m, vsize);
        sp(m, mm != null ? Unmodelled.RSS : 0);
        m.append(' ').append(Long.toUnsignedString(rsslim));
        sp(m, mm != null ? Unmodelled.START_CODE : 0);
        sp(m, mm != null ? Unmodelled.END_CODE : 0);
        sp(m, mm != null ? Unmodelled.START_STACK : 0);
        sp(m, esp);
        sp(m, eip);
        // the obsolete decimal signal fields: the first 31 signals only
        sp(m, task.pending.signal & 0x7fffffffL);
        sp(m, task.blocked & 0x7fffffffL);
        sp(m, ignCatch[0] & 0x7fffffffL);
        sp(m, ignCatch[1] & 0x7fffffffL);
        sp(m, wchan);
        sp(m, 0); // nswap, cnswap
        sp(m, 0);
        sp(m, task.exitSignal);
        sp(m, task.cpu);
        sp(m, task.rtPriority);
        sp(m, task.policy);
        sp(m, 0); // delayacct_blkio_ticks
        sp(m, 0); // guest time, cguest time
        sp(m, 0);
        if (mm != null) {
            long argEnd = Unmodelled.ARG_START + ProcPidCmdline.read(task).length();
            sp(m, Unmodelled.START_DATA);
            sp(m, Unmodelled.END_DATA);
            sp(m, Unmodelled.START_BRK);
            sp(m, Unmodelled.ARG_START);
            sp(m, argEnd);
            sp(m, argEnd); // env_start, env_end: ksim's environment is empty
            sp(m, argEnd);
        } else {
            m.append(" 0 0 0 0 0 0 0");
        }
        sp(m, exitCode);
        return m.append('\n').toString();
    }

    /** get_task_mm(): a kernel thread's borrowed mm does not count. */
    static MmStruct mm(Task t) {
        return (t.flags & TaskFlags.PF_KTHREAD) != 0 ? null : t.mm;
    }

    private static void sp(StringBuilder m, long v) {
        m.append(' ').append(v);
    }
}
