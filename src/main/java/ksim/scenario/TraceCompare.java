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
        String n = ksim.getFileName().toString();
        return ksim.resolveSibling(n.substring(0, n.length() - ".ksim".length()) + ".trace");
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
        Map<String, List<String>> e = perTask(expected);
        Map<String, List<String>> a = perTask(actual);
        List<String> out = new ArrayList<>();
        TreeSet<String> tasks = new TreeSet<>(e.keySet());
        tasks.addAll(a.keySet());
        for (String t : tasks) {
            List<String> le = e.getOrDefault(t, List.of());
            List<String> la = a.getOrDefault(t, List.of());
            if (le.equals(la)) {
                continue;
            }
            int i = 0;
            while (i < le.size() && i < la.size() && le.get(i).equals(la.get(i))) {
                i++;
            }
            out.add("[" + t + "] line " + (i + 1) + " of the task: expected "
                    + (i < le.size() ? "'" + le.get(i) + "'" : "nothing more")
                    + ", got " + (i < la.size() ? "'" + la.get(i) + "'" : "nothing more"));
        }
        return out;
    }
}
