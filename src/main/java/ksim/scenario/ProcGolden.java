package ksim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The inspect/ goldens: /proc files of a scenario captured on the real kernel with
 * {@code ksim capture FILE --at TIME --all}, several times in one file, and their comparison
 * with what ksim renders at the same moment.
 *
 * <p>Fields are compared field by field: exactly where ksim models what they show, and by
 * shape (same kind of value: a number where there is a number, the same unit, the same place
 * in the same line) where the value belongs to the host rather than to the scenario: times
 * since boot, CPU times, memory sizes and addresses, PELT averages, SigQ's machine-wide count,
 * main's context switches and migrations.
 * A field whose value differed between the captures of one golden is host-dependent too, for
 * that file. Everything else must be equal byte for byte, and every file must have the same
 * fields in the same order.
 */
public final class ProcGolden {
    private ProcGolden() {}

    /** One capture: the command that made it and its files, in order. */
    public record Capture(String header, Map<String, String> files) {}

    /** The captures of a golden file: each starts with a "# ksim capture" line, then sections. */
    public static List<Capture> parse(String text) {
        List<Capture> out = new ArrayList<>();
        Map<String, String> files = null;
        String path = null;
        StringBuilder body = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("# ksim capture ")) {
                if (path != null) {
                    files.put(path, body.toString());
                    path = null;
                }
                files = new LinkedHashMap<>();
                out.add(new Capture(line, files));
            } else if (line.startsWith("==> ") && line.endsWith(" <==") && files != null) {
                if (path != null) {
                    files.put(path, body.toString());
                }
                path = line.substring(4, line.length() - 4);
                body = new StringBuilder();
            } else if (path != null) {
                body.append(line).append('\n');
            }
        }
        if (path != null) {
            // the text's final newline ends the last file; split() left an empty last line for it
            String b = body.toString();
            files.put(path, b.endsWith("\n\n") || b.equals("\n") ? b.substring(0, b.length() - 1) : b);
        }
        return out;
    }

    /** The TIME of a capture's header ("--at 300ms"), or null. */
    public static String at(Capture c) {
        String[] w = c.header().split(" ");
        for (int i = 0; i + 1 < w.length; i++) {
            if (w[i].equals("--at")) {
                return w[i + 1];
            }
        }
        return null;
    }

    /**
     * A time as {@code --at} takes it, a duration of the scenario language ({@code 300ms},
     * {@code 2s}, {@code 500us}, {@code 1000ns}): nanoseconds, or null when it is not one.
     */
    public static Long parseTime(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,19})(ns|us|ms|s)").matcher(s);
        if (!m.matches()) {
            return null;
        }
        long scale = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), scale);
        } catch (ArithmeticException | NumberFormatException e) { // more than 64 bits
            return null;
        }
    }

    /** A field: its file's path, its name (stat: its number; status and sched: the line's name) and value. */
    record Field(String path, String name, String value) {}

    /** stat's fields that belong to the host: faults, CPU times, start time, memory and addresses. */
    static final Set<String> STAT_HOST = Set.of("10", "11", "12", "13", "14", "15", "16", "17", "22", "23", "24",
            "26", "27", "28", "45", "46", "47", "48", "49", "50", "51");
    /** status lines that belong to the host: memory. */
    static final Set<String> STATUS_HOST = Set.of("VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM", "VmRSS", "RssAnon",
            "RssFile", "RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap", "HugetlbPages");
    /** sched lines that belong to the host: its clocks, the real vruntime and runtime, PELT, the clock's read time. */
    static final Set<String> SCHED_HOST = Set.of("se.exec_start", "se.vruntime", "se.sum_exec_runtime",
            "se.avg.load_sum", "se.avg.runnable_sum", "se.avg.util_sum", "se.avg.load_avg", "se.avg.runnable_avg",
            "se.avg.util_avg", "se.avg.last_update_time", "se.avg.util_est", "clock-delta");

    /**
     * main's scheduling counters belong to the host too: on the real kernel they include the C
     * runtime's start-up (unshare's child exec'ing the program, which execs itself again and
     * pins itself to the scenario's CPUs, moving between them), which ksim does not run, and
     * whatever else ran on its CPU meanwhile.
     */
    static final Set<String> MAIN_HOST = Set.of("se.nr_migrations", "nr_switches", "nr_voluntary_switches",
            "nr_involuntary_switches", "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches");

    /** The fields of one file, by its kind (the last component of its path). */
    static List<Field> fields(String path, String text) {
        List<Field> out = new ArrayList<>();
        String kind = path.substring(path.lastIndexOf('/') + 1);
        switch (kind) {
            case "stat" -> {
                int l = text.indexOf(" (");
                int r = text.lastIndexOf(") ");
                if (l < 0 || r < l) {
                    out.add(new Field(path, "line", text));
                    break;
                }
                out.add(new Field(path, "1", text.substring(0, l)));
                out.add(new Field(path, "2", text.substring(l + 2, r)));
                String[] f = text.substring(r + 2).split(" ", -1);
                for (int i = 0; i < f.length; i++) {
                    out.add(new Field(path, Integer.toString(i + 3), f[i]));
                }
            }
            case "status", "sched" -> {
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i];
                    int c = line.indexOf(':');
                    String name = kind.equals("sched") && i == 0 ? "header"
                            : c > 0 ? line.substring(0, c).trim() : "line " + (i + 1);
                    out.add(new Field(path, name, line));
                }
            }
            default -> out.add(new Field(path, "text", text));
        }
        return out;
    }

    /** Whether a field belongs to the host, whatever the scenario does. */
    static boolean host(Field f) {
        String kind = f.path().substring(f.path().lastIndexOf('/') + 1);
        if (f.path().startsWith("/proc/1/") && MAIN_HOST.contains(f.name())) {
            return true;
        }
        return switch (kind) {
            case "stat" -> STAT_HOST.contains(f.name());
            case "status" -> STATUS_HOST.contains(f.name());
            case "sched" -> SCHED_HOST.contains(f.name());
            default -> false;
        };
    }

    /**
     * The shape of a value: every number, signed or not, as "9", runs of spaces as one ("  1176 kB"
     * and "   96 kB", "-1.040945" and "0.364182" have the same shape).
     */
    static String shape(String v) {
        return v.replaceAll("-?[0-9]+", "9").replaceAll(" +", " ").strip();
    }

    /**
     * status's SigQ line, "SigQ:\tN/LIMIT": the limit is the task's RLIMIT_SIGPENDING, exact; N
     * counts the signals queued to the user's tasks on the whole machine (root's, here), shape.
     */
    private static boolean sigqAgrees(String real, String sim) {
        int a = real.indexOf('/');
        int b = sim.indexOf('/');
        return a > 0 && b > 0 && real.substring(a).equals(sim.substring(b))
                && shape(real.substring(0, a)).equals(shape(sim.substring(0, b)));
    }

    /**
     * The differences between ksim's files and the captures (the first capture is the one
     * values are shown from). {@code known} tells a field ksim is known to get wrong (listed in
     * docs/proc-notes.md): it is then compared by shape only.
     */
    public static List<String> differences(List<Capture> real, Map<String, String> sim,
            BiPredicate<String, String> known) {
        List<String> out = new ArrayList<>();
        Capture first = real.get(0);
        for (Capture c : real) {
            if (!c.files().keySet().equals(first.files().keySet())) {
                out.add("the captures do not list the same files: " + c.files().keySet() + " and "
                        + first.files().keySet());
                return out;
            }
        }
        if (!sim.keySet().equals(first.files().keySet())) {
            out.add("got files " + sim.keySet() + ", the golden " + first.files().keySet());
        }
        for (Map.Entry<String, String> e : first.files().entrySet()) {
            String path = e.getKey();
            String mine = sim.get(path);
            if (mine == null) {
                continue;
            }
            List<Field> want = fields(path, e.getValue());
            List<Field> got = fields(path, mine);
            List<List<Field>> others = new ArrayList<>();
            for (Capture c : real) {
                others.add(fields(path, c.files().get(path)));
            }
            if (want.size() != got.size()) {
                out.add(path + ": got " + got.size() + " fields, the golden has " + want.size()
                        + "\n  golden: " + e.getValue().strip() + "\n  got:    " + mine.strip());
                continue;
            }
            for (int i = 0; i < want.size(); i++) {
                Field w = want.get(i);
                Field g = got.get(i);
                if (!w.name().equals(g.name())) {
                    out.add(path + ": field " + (i + 1) + " is " + g.name() + ", the golden has " + w.name());
                    continue;
                }
                boolean varies = false;
                for (List<Field> o : others) {
                    varies |= o.size() != want.size() || !o.get(i).value().equals(w.value());
                }
                boolean byShape = varies || host(w) || known.test(path, w.name());
                boolean agree;
                if (w.name().equals("SigQ") && path.endsWith("/status")) {
                    agree = sigqAgrees(w.value(), g.value()) || (!byShape && w.value().equals(g.value()));
                } else {
                    agree = byShape ? shape(w.value()).equals(shape(g.value())) : w.value().equals(g.value());
                }
                if (!agree) {
                    out.add(path + " " + w.name() + (byShape ? " (shape)" : "") + ": golden '" + w.value()
                            + "', got '" + g.value() + "'");
                }
            }
        }
        return out;
    }
}
