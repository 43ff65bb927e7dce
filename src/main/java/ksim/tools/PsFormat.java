package ksim.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * A ps command line's options turned into the columns to print, as ps/parser.c and
 * ps/sortformat.c do with the default ("unknown") personality: SysV -e -f -l -L -j and BSD
 * a x u j l f. Only selections of every process are supported (-e, or BSD a with x).
 */
final class PsFormat {
    final List<String> specs;
    /** -L: one row per thread. */
    final boolean threads;
    /** BSD f: the ASCII-art forest. */
    final boolean forest;
    /** -f: unix_f_option. */
    final boolean unixF;

    private PsFormat(List<String> specs, boolean threads, boolean forest, boolean unixF) {
        this.specs = specs;
        this.threads = threads;
        this.forest = forest;
        this.unixF = unixF;
    }

    /** The column specs, e.g. "-ef" or "axjf"; arguments may be separated by spaces ("-e -f"). */
    static PsFormat parse(String format) {
        boolean all = false;
        boolean bsdA = false;
        boolean bsdX = false;
        boolean uf = false;
        boolean ul = false;
        boolean uL = false;
        boolean fmJ = false;
        boolean bu = false;
        boolean bj = false;
        boolean bl = false;
        boolean forest = false;
        boolean preferBsd = false;
        for (String arg : format.trim().split("\\s+")) {
            if (arg.isEmpty()) {
                continue;
            }
            if (arg.startsWith("-")) {
                if (arg.length() < 2) {
                    throw new IllegalArgumentException("garbage option: " + arg);
                }
                for (char c : arg.substring(1).toCharArray()) {
                    switch (c) {
                        case 'e', 'A' -> all = true;
                        case 'f' -> uf = true;
                        case 'l' -> ul = true;
                        case 'L' -> uL = true;
                        case 'j' -> fmJ = true;
                        default -> throw new IllegalArgumentException("unsupported ps option -" + c);
                    }
                }
            } else {
                preferBsd = true;
                for (char c : arg.toCharArray()) {
                    switch (c) {
                        case 'a' -> bsdA = true;
                        case 'x' -> bsdX = true;
                        case 'u' -> bu = true;
                        case 'j' -> bj = true;
                        case 'l' -> bl = true;
                        case 'f' -> forest = true;
                        default -> throw new IllegalArgumentException("unsupported ps option " + c);
                    }
                }
            }
        }
        if (!all && !(bsdA && bsdX)) {
            throw new IllegalArgumentException("only listings of every process are supported (-e, or a with x): "
                    + format);
        }
        if (uL && forest) {
            throw new IllegalArgumentException("thread display conflicts with forest display");
        }
        int bsdFormats = (bu ? 1 : 0) + (bj ? 1 : 0) + (bl ? 1 : 0);
        if (bsdFormats > 1 || (bsdFormats == 1 && (uf || ul))) {
            throw new IllegalArgumentException("conflicting format options");
        }
        List<String> specs;
        if (bsdFormats == 1) {
            String macro = bu ? "user,pid,pcpu,pmem,vsz,rss,tname,stat,start_time,bsdtime,args"   // OL_u
                    : bj ? "ppid,pid,pgid,sid,tname,tpgid,stat,uid,bsdtime,args"                // OL_j
                    : "flags,uid,pid,ppid,priority,nice,vsz,rss,wchan,stat,tname,bsdtime,args"; // OL_l
            specs = new ArrayList<>(List.of(macro.split(",")));
            if (fmJ) {
                addAfter(specs, "pgid", "ppid", "pid");
                addAfter(specs, "sid", "pgid");
            }
            if (uL) {
                addAfter(specs, "lwp", "sid", "pgid", "ppid", "pid");
                addAfter(specs, "nlwp", "pcpu");
            }
        } else {
            specs = generateSysvList(preferBsd, uf, ul, uL, fmJ);
        }
        return new PsFormat(specs, uL, forest, uf);
    }

    /** sortformat.c fmt_add_after(): after the first of the given columns that is there. */
    private static void addAfter(List<String> specs, String spec, String... after) {
        for (String a : after) {
            int at = specs.indexOf(a);
            if (at >= 0) {
                specs.add(at + 1, spec);
                return;
            }
        }
    }

    /** sortformat.c generate_sysv_list(), built backwards as there. */
    private static List<String> generateSysvList(boolean preferBsd, boolean uf, boolean ul, boolean uL, boolean fmJ) {
        List<String> l = new ArrayList<>();
        if (preferBsd) {
            l.add(0, uf || ul ? "cmd" : "args");
            l.add(0, "bsdtime");
            if (!ul) {
                l.add(0, "stat");
            }
        } else {
            l.add(0, uf ? "cmd" : "ucmd");
            l.add(0, "time");
        }
        l.add(0, "tname");
        if (uf) {
            l.add(0, "stime");
        }
        if (ul) {
            l.add(0, "wchan");
            l.add(0, "sz");
            l.add(0, "addr_1");
            l.add(0, "ni");
            l.add(0, "opri");
        }
        if (uL && uf) {
            l.add(0, "nlwp");
        }
        if (uf || ul) {
            l.add(0, "c");
        }
        if (uL) {
            l.add(0, "lwp");
        }
        if (fmJ) {
            l.add(0, "sid");
            l.add(0, "pgid");
        }
        if (uf || ul) {
            l.add(0, "ppid");
        }
        l.add(0, "pid");
        if (uf) {
            l.add(0, "uid_hack");
        } else if (ul) {
            l.add(0, "uid");
        }
        if (ul) {
            l.add(0, "s");
            l.add(0, "f");
        }
        return l;
    }

    List<PsColumn> columns(int pidLength) {
        List<PsColumn> cols = new ArrayList<>();
        for (String s : specs) {
            cols.add(PsColumns.spec(s, pidLength));
        }
        return cols;
    }
}
