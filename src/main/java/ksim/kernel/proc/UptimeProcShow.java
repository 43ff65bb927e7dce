package ksim.kernel.proc;

import ksim.kernel.Kernel;
import ksim.kernel.sched.RunQueue;

/** fs/proc/uptime.c: uptime_proc_show(): seconds since boot and idle seconds summed over CPUs, to 1/100 s. */
final class UptimeProcShow {
    private UptimeProcShow() {}

    static String render(Kernel k) {
        long now = k.now();
        long idle = 0;
        for (RunQueue rq : k.sched.rqs) {
            idle += now - k.sched.busyNs(rq);
        }
        return secs(now) + " " + secs(idle) + "\n";
    }

    /** "%lu.%02lu": whole seconds and hundredths, truncated. */
    private static String secs(long ns) {
        return ns / 1_000_000_000L + "." + String.format("%02d", ns % 1_000_000_000L / 10_000_000L);
    }
}
