package ksim.tools;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import ksim.tools.PsColumn.Just;

/**
 * The columns the supported formats use: ps/output.c's format_array rows and pr_* functions
 * (procps-ng 4.0.2), each printing what the C function prints.
 */
final class PsColumns {
    private static final Map<String, PsColumn> BY_SPEC = new HashMap<>();
    /** Specs flagged CF_PIDMAX: widened to the PID length. */
    private static final java.util.Set<String> PIDMAX = java.util.Set.of("pid", "ppid", "pgid", "sid", "lwp", "tpgid");
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private PsColumns() {}

    private static void def(String spec, String head, int width, Just just, PsColumn.Printer pr) {
        BY_SPEC.put(spec, new PsColumn(spec, head, width, just, pr));
    }

    static {
        def("%cpu", "%CPU", 4, Just.RIGHT, PsColumns::prPcpu);
        def("pcpu", "%CPU", 4, Just.RIGHT, PsColumns::prPcpu);
        def("%mem", "%MEM", 4, Just.RIGHT, PsColumns::prPmem);
        def("pmem", "%MEM", 4, Just.RIGHT, PsColumns::prPmem);
        def("addr_1", "ADDR", 1, Just.LEFT, (c, p) -> "-");
        def("args", "COMMAND", 27, Just.UNLIMITED, PsColumns::prArgs);
        def("bsdtime", "TIME", 6, Just.RIGHT, PsColumns::prBsdtime);
        def("c", "C", 2, Just.RIGHT, PsColumns::prC);
        def("cmd", "CMD", 27, Just.UNLIMITED, PsColumns::prArgs);
        def("f", "F", 1, Just.RIGHT, (c, p) -> Long.toOctalString((p.flags >>> 6) & 7));
        def("flags", "F", 1, Just.RIGHT, (c, p) -> Long.toOctalString((p.flags >>> 6) & 7));
        def("lwp", "LWP", 5, Just.RIGHT, (c, p) -> Integer.toString(p.tid));
        def("ni", "NI", 3, Just.RIGHT, PsColumns::prNice);
        def("nlwp", "NLWP", 4, Just.RIGHT, (c, p) -> Integer.toString(p.nlwp));
        def("nice", "NI", 3, Just.RIGHT, PsColumns::prNice);
        def("opri", "PRI", 3, Just.RIGHT, (c, p) -> Integer.toString(60 + p.priority));
        def("pgid", "PGID", 5, Just.RIGHT, (c, p) -> Integer.toUnsignedString(p.pgrp));
        def("pid", "PID", 5, Just.RIGHT, (c, p) -> Integer.toString(p.tgid));
        def("ppid", "PPID", 5, Just.RIGHT, (c, p) -> Integer.toUnsignedString(p.ppid));
        def("priority", "PRI", 3, Just.RIGHT, (c, p) -> Integer.toString(p.priority));
        def("rss", "RSS", 5, Just.RIGHT, (c, p) -> Long.toUnsignedString(p.vmRss));
        def("s", "S", 1, Just.LEFT, (c, p) -> String.valueOf(p.state));
        def("sid", "SID", 5, Just.RIGHT, (c, p) -> Integer.toString(p.session));
        def("start_time", "START", 5, Just.RIGHT, PsColumns::prStime);
        def("stat", "STAT", 4, Just.LEFT, PsColumns::prStat);
        def("stime", "STIME", 5, Just.RIGHT, PsColumns::prStime);
        def("sz", "SZ", 5, Just.RIGHT, (c, p) -> Long.toUnsignedString(
                Long.divideUnsigned(p.vmSize, SysInfo.PAGE_SIZE / 1024)));
        def("time", "TIME", 8, Just.RIGHT, PsColumns::prTime);
        def("tname", "TTY", 8, Just.LEFT, (c, p) -> c.tty.name(p.tty, p.tid));
        def("tpgid", "TPGID", 5, Just.RIGHT, (c, p) -> Integer.toString(p.tpgid));
        def("ucmd", "CMD", 15, Just.UNLIMITED, PsColumns::prComm);
        def("uid", "UID", 5, Just.RIGHT, (c, p) -> Integer.toString(p.euid));
        def("uid_hack", "UID", 8, Just.USER, PsColumns::prEuser);
        def("user", "USER", 8, Just.USER, PsColumns::prEuser);
        def("vsz", "VSZ", 6, Just.RIGHT, (c, p) -> Long.toUnsignedString(p.vmSize));
        def("wchan", "WCHAN", 6, Just.WCHAN, PsColumns::prWchan);
    }

    /** sortformat.c do_one_spec(): the column, PIDMAX ones as wide as the PID length (or their header). */
    static PsColumn spec(String spec, int pidLength) {
        PsColumn c = BY_SPEC.get(spec);
        if (c == null) {
            throw new IllegalArgumentException("unknown ps column " + spec);
        }
        if (PIDMAX.contains(spec)) {
            return c.withWidth(Math.max(pidLength, c.head().length()));
        }
        return c;
    }

    /** output.c forest_helper() for forest_type 'b': 4 cells per level while there is room. */
    private static String forestHelper(PsContext c) {
        StringBuilder q = new StringBuilder();
        int rightward = Math.min(c.maxRightward, PsContext.OUTBUF_SIZE - 1);
        for (int i = 0; i < c.forestPrefix.length(); i++) {
            if (rightward < 4) {
                break;
            }
            switch (c.forestPrefix.charAt(i)) {
                case ' ' -> q.append("    ");
                case 'L', '+' -> q.append(" \\_ ");
                case '|' -> q.append(" |  ");
                default -> { }
            }
            rightward -= 4;
        }
        return q.toString();
    }

    /** pr_args(): the forest prefix, then the command line in the cells left. */
    static String prArgs(PsContext c, ProcTask p) {
        String fh = forestHelper(c);
        return fh + ProcEscape.psEscape(p.cmdline, c.maxRightward - fh.length());
    }

    /** pr_comm(): like pr_args with the command name, or the command line under -f. */
    static String prComm(PsContext c, ProcTask p) {
        String fh = forestHelper(c);
        return fh + ProcEscape.psEscape(c.unixF ? p.cmdline : p.cmd, c.maxRightward - fh.length());
    }

    private static long totalTics(ProcTask p) {
        return p.utime + p.stime;
    }

    /** pr_c(): integer %CPU over the process's life, at most 99, "%2u". */
    static String prC(PsContext c, ProcTask p) {
        long jiffies = (long) (c.sys.elapsed(p) * SysInfo.HERTZ);
        int pcpu = 0;
        if (jiffies != 0) {
            pcpu = (int) Long.divideUnsigned(totalTics(p) * 100, jiffies);
        }
        if (Integer.compareUnsigned(pcpu, 99) > 0) {
            pcpu = 99;
        }
        return pad(Integer.toUnsignedString(pcpu), 2);
    }

    /** pr_pcpu(): %CPU as ##.#, or an integer from 100 up. */
    static String prPcpu(PsContext c, ProcTask p) {
        long jiffies = (long) (c.sys.elapsed(p) * SysInfo.HERTZ);
        int pcpu = 0;
        if (jiffies != 0) {
            pcpu = (int) Long.divideUnsigned(totalTics(p) * 1000, jiffies);
        }
        if (Integer.compareUnsigned(pcpu, 999) > 0) {
            return Integer.toUnsignedString(Integer.divideUnsigned(pcpu, 10));
        }
        return Integer.toUnsignedString(Integer.divideUnsigned(pcpu, 10)) + "."
                + Integer.toUnsignedString(Integer.remainderUnsigned(pcpu, 10));
    }

    /** pr_pmem(): VmRSS per mille of MemTotal, at most 99.9, "%2u.%u". */
    static String prPmem(PsContext c, ProcTask p) {
        long total = c.sys.memTotalKb;
        long pmem = total == 0 ? 0 : Long.divideUnsigned(p.vmRss * 1000, total);
        if (Long.compareUnsigned(pmem, 999) > 0) {
            pmem = 999;
        }
        return pad(Long.toString(pmem / 10), 2) + "." + (pmem % 10);
    }

    /** pr_time(): CPU time as [DD-]HH:MM:SS. */
    static String prTime(PsContext c, ProcTask p) {
        double real = ((double) p.utime + SysInfo.unsignedToDouble(p.stime)) / SysInfo.HERTZ;
        long t = (long) real;
        long ss = t % 60;
        t /= 60;
        long mm = t % 60;
        t /= 60;
        long hh = t % 24;
        t /= 24;
        int dd = (int) t;
        String s = String.format("%02d:%02d:%02d", hh, mm, ss);
        return dd != 0 ? Integer.toUnsignedString(dd) + "-" + s : s;
    }

    /** pr_bsdtime(): CPU time as M:SS, "%3u:%02u". */
    static String prBsdtime(PsContext c, ProcTask p) {
        int u = (int) Long.divideUnsigned(totalTics(p), SysInfo.HERTZ);
        return pad(Integer.toUnsignedString(Integer.divideUnsigned(u, 60)), 3) + ":"
                + String.format("%02d", Integer.remainderUnsigned(u, 60));
    }

    /**
     * pr_stime(): the start time as "%H:%M" when it is today, "%b%d" when earlier this
     * year, else "%Y" (localtime in the zone given).
     */
    static String prStime(PsContext c, ProcTask p) {
        long t = (c.sys.bootTime & 0xffffffffL) + Long.divideUnsigned(p.startTime, SysInfo.HERTZ);
        ZonedDateTime ours = Instant.ofEpochSecond(c.now).atZone(c.zone);
        ZonedDateTime proc = Instant.ofEpochSecond(t).atZone(c.zone);
        if (ours.getYear() != proc.getYear()) {
            return Integer.toString(proc.getYear());
        }
        if (ours.getDayOfYear() != proc.getDayOfYear()) {
            return MONTHS[proc.getMonthValue() - 1] + String.format(Locale.ROOT, "%02d", proc.getDayOfMonth());
        }
        return String.format(Locale.ROOT, "%02d:%02d", proc.getHour(), proc.getMinute());
    }

    /** pr_nice(): the nice value for SCHED_OTHER and SCHED_BATCH (and unknown), else "-". */
    static String prNice(PsContext c, ProcTask p) {
        if (p.sched != 0 && p.sched != 3 && p.sched != -1) {
            return "-";
        }
        return Integer.toString(p.nice);
    }

    /** pr_stat(): the state letter, then < N L s l + (output.c). */
    static String prStat(PsContext c, ProcTask p) {
        StringBuilder b = new StringBuilder(5);
        b.append(p.state);
        if (p.nice < 0) {
            b.append('<');
        }
        if (p.nice > 0) {
            b.append('N');
        }
        if (p.vmLock != 0) {
            b.append('L');
        }
        if (p.session == p.tgid) {
            b.append('s');
        }
        if (p.nlwp > 1) {
            b.append('l');
        }
        if (p.pgrp == p.tpgid) {
            b.append('+');
        }
        return b.toString();
    }

    /** do_pr_name(): the user name, cut to the column with a '+' when too long. */
    static String prEuser(PsContext c, ProcTask p) {
        String name = ProcEscape.psEscape(c.user(p.euid), PsContext.OUTBUF_SIZE);
        if (name.length() <= c.maxRightward) {
            return name;
        }
        if (c.maxRightward >= 1 && name.charAt(c.maxRightward - 1) < 127) {
            return name.substring(0, c.maxRightward - 1) + "+";
        }
        return Integer.toUnsignedString(p.euid);
    }

    /** pr_wchan() over library/wchan.c lookup_wchan(): "?" unreadable, "-" for 0. */
    static String prWchan(PsContext c, ProcTask p) {
        String w = c.view.read("/proc/" + p.tid + "/wchan");
        String name;
        if (w == null || w.isEmpty()) {
            name = "?";
        } else {
            if (w.length() > 63) {
                w = w.substring(0, 63);
            }
            int nul = w.indexOf('\0');
            String s = nul >= 0 ? w.substring(0, nul) : w;
            if (s.equals("0")) {
                name = "-";
            } else {
                int i = 0;
                if (i < s.length() && s.charAt(i) == '.') {
                    i++;
                }
                while (i < s.length() && s.charAt(i) == '_') {
                    i++;
                }
                name = s.substring(i);
            }
        }
        return name.length() > c.maxRightward ? name.substring(0, c.maxRightward) : name;
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
