package ksim.kernel.proc;

import ksim.kernel.Kernel;
import ksim.kernel.sched.Cputime;
import ksim.kernel.sched.RunQueue;

/**
 * fs/proc/stat.c: show_stat(), /proc/stat. Each CPU's busy time goes in the user column
 * (ksim accounts busy and idle time per CPU, not the user/system/nice split of cpustat);
 * interrupts and softirqs are not modelled and count 0.
 */
final class ShowStat {
    private ShowStat() {}

    static String render(Kernel k) {
        long now = k.now();
        long busy = 0, idle = 0;
        StringBuilder cpus = new StringBuilder();
        for (RunQueue rq : k.sched.rqs) {
            long b = k.sched.busyNs(rq);
            busy += b;
            idle += now - b;
            cpus.append("cpu").append(rq.cpu);
            columns(cpus, b, now - b);
        }
        StringBuilder m = new StringBuilder(2400);
        m.append("cpu ");
        columns(m, busy, idle);
        m.append(cpus);
        m.append("intr 0");
        for (int i = 0; i < Unmodelled.NR_IRQS; i++) {
            m.append(" 0");
        }
        long ctxt = 0;
        for (RunQueue rq : k.sched.rqs) {
            ctxt += rq.nrSwitches; // nr_context_switches()
        }
        m.append("\nctxt ").append(ctxt);
        m.append("\nbtime ").append(Unmodelled.BTIME);
        m.append("\nprocesses ").append(k.totalForks);
        m.append("\nprocs_running ").append(LoadavgProcShow.nrRunning(k));
        m.append("\nprocs_blocked 0\n"); // nr_iowait(): nothing sleeps in io_schedule()
        m.append("softirq 0");
        for (int i = 0; i < Unmodelled.NR_SOFTIRQS; i++) {
            m.append(" 0");
        }
        return m.append('\n').toString();
    }

    /** user nice system idle iowait irq softirq steal guest guest_nice, in USER_HZ ticks. */
    private static void columns(StringBuilder m, long busyNs, long idleNs) {
        m.append(' ').append(Cputime.nsecToClockT(busyNs)).append(" 0 0 ").append(Cputime.nsecToClockT(idleNs))
                .append(" 0 0 0 0 0 0\n");
    }
}
