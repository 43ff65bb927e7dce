package ksim.tools;

import ksim.kernel.proc.ProcView;

/**
 * One process or thread as procps reads it: the fields of libproc2's proc_t that ps and
 * pstree use, filled the way library/readproc.c does it (simple_readproc / simple_readtask:
 * stat2proc, then status2proc, then fill_cmdline_cvt). Strings are byte strings: one char per
 * byte, as {@link ksim.kernel.proc.RealProcView} reads files (ISO-8859-1).
 */
final class ProcTask {
    int tid;
    int tgid;
    /** stat's comm, escaped (readproc.c stat2proc: escape_str into a 64-byte buffer). */
    String cmd = "";
    /** cmdline with NULs as spaces, or "[comm]" (+ " <defunct>"), or "?" (fill_cmdline_cvt). */
    String cmdline = "?";
    char state;
    int ppid;
    int pgrp;
    int session;
    int tty;
    int tpgid;
    long flags;
    long utime;
    long stime;
    long cutime;
    long cstime;
    int priority;
    int nice;
    int nlwp;
    long startTime;
    long vsize;
    int processor;
    int rtprio = -1;
    int sched = -1;
    int ruid;
    int euid;
    long vmSize;
    long vmRss;
    long vmLock;
    /** The directory this was read from: /proc/PID or /proc/PID/task/TID. */
    String path;

    /**
     * simple_readproc() (path = /proc/PID) or simple_readtask() (path = /proc/PID/task/TID):
     * null when the stat file is gone, as readproc skips a task that vanished.
     */
    static ProcTask read(ProcView view, String path, int tgid, int tid) {
        String stat = view.read(path + "/stat");
        if (stat == null) {
            return null;
        }
        ProcTask t = new ProcTask();
        t.path = path;
        t.tgid = tgid;
        t.tid = tid;
        if (!t.stat2proc(stat)) {
            return null;
        }
        String status = view.read(path + "/status");
        if (status != null) {
            t.status2proc(status);
        }
        t.cmdline = fillCmdlineCvt(view.read(path + "/cmdline"), t);
        return t;
    }

    /** readproc.c stat2proc(): comm between the first '(' and the last ')', then the numbers. */
    boolean stat2proc(String s) {
        nlwp = 0;
        int open = s.indexOf('(');
        if (open < 0) {
            return false;
        }
        int close = s.lastIndexOf(')');
        if (close < open || close + 1 >= s.length()) {
            return false;
        }
        String raw = s.substring(open + 1, close);
        if (raw.length() > 63) {
            raw = raw.substring(0, 63);
        }
        cmd = ProcEscape.libEscape(raw, 64);
        Scan sc = new Scan(s, close + 2);
        state = sc.ch();
        ppid = (int) sc.num();
        pgrp = (int) sc.num();
        session = (int) sc.num();
        tty = (int) sc.num();
        tpgid = (int) sc.num();
        flags = sc.num();
        sc.num(); // min_flt
        sc.num(); // cmin_flt
        sc.num(); // maj_flt
        sc.num(); // cmaj_flt
        utime = sc.num();
        stime = sc.num();
        cutime = sc.num();
        cstime = sc.num();
        priority = (int) sc.num();
        nice = (int) sc.num();
        nlwp = (int) sc.num();
        sc.num(); // alarm
        startTime = sc.num();
        vsize = sc.num();
        for (int i = 0; i < 7; i++) {
            sc.num(); // rss, rsslim, start_code, end_code, start_stack, esp, eip
        }
        for (int i = 0; i < 4; i++) {
            sc.word(); // pending, blocked, sigign, sigcatch
        }
        sc.num(); // wchan placeholder
        sc.num();
        sc.num();
        sc.num(); // exit_signal
        if (sc.more()) {
            processor = (int) sc.num();
        }
        if (sc.more()) {
            rtprio = (int) sc.num();
        }
        if (sc.more()) {
            sched = (int) sc.num();
        }
        if (nlwp == 0) {
            nlwp = 1;
        }
        return true;
    }

    /** readproc.c status2proc(): the lines ps uses; Threads also sets tgid and tid. */
    void status2proc(String s) {
        long threads = 0;
        long tgidLine = 0;
        long pidLine = 0;
        for (String line : s.split("\n", -1)) {
            if (line.length() < 4) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0 || colon + 1 >= line.length() || line.charAt(colon + 1) != '\t') {
                break;
            }
            String key = line.substring(0, colon);
            Scan sc = new Scan(line, colon + 2);
            switch (key) {
                case "State" -> state = line.charAt(colon + 2);
                case "Tgid" -> tgidLine = sc.num();
                case "Pid" -> pidLine = sc.num();
                case "PPid" -> ppid = (int) sc.num();
                case "Threads" -> threads = sc.num();
                case "Uid" -> {
                    ruid = (int) sc.num();
                    euid = (int) sc.num();
                }
                case "VmLck" -> vmLock = sc.num();
                case "VmRSS" -> vmRss = sc.num();
                case "VmSize" -> vmSize = sc.num();
                default -> { }
            }
        }
        if (threads != 0) {
            nlwp = (int) threads;
            tgid = (int) tgidLine;
            tid = (int) pidLine;
        } else {
            nlwp = 1;
            tgid = (int) pidLine;
            tid = (int) pidLine;
        }
    }

    /**
     * readproc.c fill_cmdline_cvt(): read_unvectored() turns the NULs and newlines between
     * arguments into spaces; an empty cmdline becomes escape_command()'s "[comm]", with
     * " <defunct>" for a zombie.
     */
    static String fillCmdlineCvt(String raw, ProcTask p) {
        String out;
        if (raw != null && !raw.isEmpty()) {
            // read_unvectored() read something, even if only NULs: that text, possibly empty
            out = ProcEscape.libEscape(readUnvectored(raw), ProcEscape.MAX_BUFSZ);
        } else {
            out = "[" + ProcEscape.libEscape(p.cmd, ProcEscape.MAX_BUFSZ - 2) + "]"
                    + (p.state == 'Z' ? " <defunct>" : "");
        }
        return out.isEmpty() ? "?" : out;
    }

    /** readproc.c read_unvectored() with sep ' ': the text up to its first NUL once converted. */
    static String readUnvectored(String raw) {
        int n = Math.min(raw.length(), ProcEscape.MAX_BUFSZ - 1);
        if (n == 0) {
            return "";
        }
        char[] dst = raw.substring(0, n).toCharArray();
        int i = n;
        while (i > 0 && dst[i - 1] == '\0') {
            --i;
        }
        while (i-- > 0) {
            if (dst[i] == '\n' || dst[i] == '\0') {
                dst[i] = ' ';
            }
        }
        if (dst[n - 1] == ' ') {
            dst[n - 1] = '\0';
        }
        int end = 0;
        while (end < n && dst[end] != '\0') {
            end++;
        }
        return new String(dst, 0, end);
    }

    /** A tiny sscanf: whitespace-separated fields, numbers read as strtol would (0 on junk). */
    static final class Scan {
        private final String s;
        private int i;

        Scan(String s, int from) {
            this.s = s;
            this.i = Math.min(from, s.length());
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean more() {
            skipSpace();
            return i < s.length();
        }

        char ch() {
            if (i < s.length()) {
                return s.charAt(i++);
            }
            return '\0';
        }

        String word() {
            skipSpace();
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        long num() {
            skipSpace();
            int start = i;
            boolean neg = false;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                neg = s.charAt(i) == '-';
                i++;
            }
            long v = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return 0;
            }
            // skip the rest of a malformed field so the next one lines up
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return neg ? -v : v;
        }
    }
}
