package ksim.kernel.proc;

import ksim.abi.Sched;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.task.Task;

/**
 * kernel/sched/debug.c: proc_sched_show_task(), /proc/PID/sched, as 6.18 prints it without
 * schedstats (kernel.sched_schedstats off) and with NUMA balancing built in
 * (sched_show_numa()).
 */
final class ProcSchedShowTask {
    private ProcSchedShowTask() {}

    static String render(PidNamespace ns, Task p) {
        StringBuilder m = new StringBuilder(2200);
        m.append(p.comm).append(" (").append(p.pidNr(ns)).append(", #threads: ").append(p.signal.nrThreads)
                .append(")\n");
        m.append("-".repeat(67)).append('\n');
        pn(m, "se.exec_start", p.se.execStart);
        pn(m, "se.vruntime", p.se.vruntime);
        pn(m, "se.sum_exec_runtime", p.se.sumExecRuntime);
        ps(m, "se.nr_migrations", p.se.nrMigrations);
        ps(m, "nr_switches", p.nvcsw + p.nivcsw);
        ps(m, "nr_voluntary_switches", p.nvcsw);
        ps(m, "nr_involuntary_switches", p.nivcsw);
        ps(m, "se.load.weight", p.se.weight() << 10); // scale_load(): kept with 10 more bits on 64-bit
        // PELT is not modelled: a sleeping task's averages, updated when it last ran
        ps(m, "se.avg.load_sum", Unmodelled.AVG_LOAD_SUM);
        ps(m, "se.avg.runnable_sum", Unmodelled.AVG_RUNNABLE_SUM);
        ps(m, "se.avg.util_sum", Unmodelled.AVG_UTIL_SUM);
        ps(m, "se.avg.load_avg", Unmodelled.AVG_LOAD_AVG);
        ps(m, "se.avg.runnable_avg", Unmodelled.AVG_RUNNABLE_AVG);
        ps(m, "se.avg.util_avg", Unmodelled.AVG_UTIL_AVG);
        ps(m, "se.avg.last_update_time", p.se.execStart & ~1023L); // PELT's clock runs in 1024 ns steps
        ps(m, "se.avg.util_est", Unmodelled.AVG_UTIL_EST);
        ps(m, "policy", p.policy);
        ps(m, "prio", p.prio);
        if (p.policy == Sched.SCHED_NORMAL || p.policy == Sched.SCHED_BATCH) { // fair_policy()
            ps(m, "se.slice", p.se.slice);
        }
        ps(m, "clock-delta", Unmodelled.CLOCK_DELTA);
        // sched_show_numa()
        if (DoTaskStat.mm(p) != null) {
            ps(m, "mm->numa_scan_seq", 0);
        }
        ps(m, "numa_pages_migrated", 0);
        ps(m, "numa_preferred_nid", -1);
        ps(m, "total_numa_faults", 0);
        m.append("current_node=0, numa_group_id=0\n");
        m.append("numa_faults node=0 task_private=0 task_shared=0 group_private=0 group_shared=0\n");
        return m.toString();
    }

    /** __PS(): "%-45s:%21Ld". */
    private static void ps(StringBuilder m, String name, long v) {
        m.append(String.format("%-45s:%21d", name, v)).append('\n');
    }

    /** __PSN(): "%-45s:%14Ld.%06ld" of SPLIT_NS(), milliseconds and nanoseconds (a sign only on the first). */
    private static void pn(StringBuilder m, String name, long ns) {
        long high = ns < 0 ? -(-ns / 1_000_000) : ns / 1_000_000;
        long low = Math.abs(ns) % 1_000_000;
        m.append(String.format("%-45s:%14d.%06d", name, high, low)).append('\n');
    }
}
