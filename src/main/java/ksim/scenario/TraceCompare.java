package ksim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The spec's comparison of traces: two traces agree when, for every task, the sequence of
 * its own lines is the same; lines of different tasks may interleave differently.
 */
public final class TraceCompare {
    private TraceCompare() {}

    /** Where a scenario's golden trace lives: NAME.trace beside NAME.ksim. */
    public static java.nio.file.Path goldenOf(java.nio.file.Path ksim) {
        return sibling(ksim, ".trace");
    }

    /** NAME{@code ext} beside NAME.ksim (its golden trace, /proc capture or ps capture). */
    public static java.nio.file.Path sibling(java.nio.file.Path ksim, String ext) {
        String n = ksim.getFileName().toString();
        return ksim.resolveSibling(n.substring(0, n.length() - ".ksim".length()) + ext);
    }

    /** Lines grouped by task ({@code [TASK]} prefix), in order of first appearance. */
    public static Map<String, List<String>> perTask(String trace) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String line : trace.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int end = line.startsWith("[") ? line.indexOf(']') : -1;
            String task = end > 0 ? line.substring(1, end) : "";
            m.computeIfAbsent(task, t -> new ArrayList<>()).add(line);
        }
        return m;
    }

    /** Empty when the traces agree; otherwise, per differing task, its first differing line on each side. */
    public static List<String> differences(String expected, String actual) {
        return differences(expected, actual, Map.of());
    }

    /**
     * As {@link #differences(String, String)}, with the scenario's approximate statements
     * ({@link Approx#of}): their lines agree when their numbers are within the tolerance.
     */
    public static List<String> differences(String expected, String actual, Map<String, Approx> approx) {
        Map<String, List<String>> e = perTask(expected);
        Map<String, List<String>> a = perTask(actual);
        List<String> out = new ArrayList<>();
        TreeSet<String> tasks = new TreeSet<>(e.keySet());
        tasks.addAll(a.keySet());
        for (String t : tasks) {
            List<String> le = e.getOrDefault(t, List.of());
            List<String> la = a.getOrDefault(t, List.of());
            int i = 0;
            while (i < le.size() && i < la.size() && same(le.get(i), la.get(i), approx)) {
                i++;
            }
            if (i == le.size() && i == la.size()) {
                continue;
            }
            out.add("[" + t + "] line " + (i + 1) + " of the task: expected "
                    + (i < le.size() ? "'" + le.get(i) + "'" : "nothing more")
                    + ", got " + (i < la.size() ? "'" + la.get(i) + "'" : "nothing more"));
        }
        return out;
    }

    /** Two tasks' sequences agree line by line. */
    public static boolean same(List<String> expected, List<String> actual, Map<String, Approx> approx) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!same(expected.get(i), actual.get(i), approx)) {
                return false;
            }
        }
        return true;
    }

    /** Two lines agree: equal, or the same approximate statement with close enough results. */
    static boolean same(String expected, String actual, Map<String, Approx> approx) {
        if (expected.equals(actual)) {
            return true;
        }
        int e = expected.indexOf("] ");
        int eq = expected.lastIndexOf(" = ");
        if (approx.isEmpty() || e < 0 || eq < e) {
            return false;
        }
        Approx a = approx.get(expected.substring(e + 2, eq));
        String prefix = expected.substring(0, eq + 3);
        return a != null && actual.startsWith(prefix)
                && a.agree(expected.substring(eq + 3), actual.substring(prefix.length()));
    }
}
