package ksim.tools;

import ksim.kernel.proc.ProcView;

/**
 * The system-wide numbers ps reads besides /proc/PID: clock ticks per second and the page
 * size (sysconf), /proc/uptime (library/uptime.c procps_uptime), the boot time from
 * /proc/stat's btime (library/stat.c), MemTotal from /proc/meminfo (library/meminfo.c) and
 * the PID column width from /proc/sys/kernel/pid_max (library/sysinfo.c procps_pid_length).
 */
final class SysInfo {
    /** sysconf(_SC_CLK_TCK) on Linux (USER_HZ). */
    static final long HERTZ = 100;
    /** getpagesize() on x86-64. */
    static final long PAGE_SIZE = 4096;

    final double uptimeSecs;
    final boolean haveUptime;
    final long bootTime;
    final boolean haveBootTime;
    final long memTotalKb;
    final int pidLength;

    private SysInfo(double uptimeSecs, boolean haveUptime, long bootTime, boolean haveBootTime, long memTotalKb,
            int pidLength) {
        this.uptimeSecs = uptimeSecs;
        this.haveUptime = haveUptime;
        this.bootTime = bootTime;
        this.haveBootTime = haveBootTime;
        this.memTotalKb = memTotalKb;
        this.pidLength = pidLength;
    }

    static SysInfo read(ProcView view) {
        double up = 0;
        boolean haveUp = false;
        String uptime = view.read("/proc/uptime");
        if (uptime != null) {
            String[] f = uptime.trim().split("\\s+");
            if (f.length >= 1 && !f[0].isEmpty()) {
                try {
                    up = Double.parseDouble(f[0]);
                    haveUp = true;
                } catch (NumberFormatException e) {
                    up = 0;
                }
            }
        }
        long btime = 0;
        boolean haveBtime = false;
        String stat = view.read("/proc/stat");
        if (stat != null) {
            int at = stat.indexOf("btime ");
            if (at >= 0) {
                btime = new ProcTask.Scan(stat, at + 6).num();
                haveBtime = true;
            }
        }
        long mem = 0;
        String meminfo = view.read("/proc/meminfo");
        if (meminfo != null) {
            for (String line : meminfo.split("\n")) {
                if (line.startsWith("MemTotal:")) {
                    mem = new ProcTask.Scan(line, 9).num();
                }
            }
        }
        int pidLength = 5;
        String pidMax = view.read("/proc/sys/kernel/pid_max");
        if (pidMax != null && !pidMax.isEmpty()) {
            int nl = pidMax.indexOf('\n');
            String first = nl >= 0 ? pidMax.substring(0, nl + 1) : pidMax;
            pidLength = first.length();
            if (first.endsWith("\n")) {
                pidLength--;
            }
        }
        return new SysInfo(up, haveUp, btime, haveBtime, mem, pidLength);
    }

    /**
     * pids.c procps_pids_reap(): boot_tics = up_secs * hertz (an unsigned long long; 0 when
     * /proc/uptime does not parse).
     */
    long bootTics() {
        return (long) (uptimeSecs * HERTZ);
    }

    /** pids.c TIME_ELAPSED: (double)(boot_tics - start_time) / hertz when positive, else 0. */
    double elapsed(ProcTask p) {
        double t = unsignedToDouble(bootTics() - p.startTime);
        return t > 0 ? t / HERTZ : 0;
    }

    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        return ((v >>> 1) | (v & 1)) * 2.0;
    }
}
