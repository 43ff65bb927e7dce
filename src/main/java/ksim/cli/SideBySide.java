package ksim.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import ksim.scenario.Approx;
import ksim.scenario.TraceCompare;

/**
 * {@code ksim diff}'s report: the spec's per-task comparison ({@link TraceCompare#perTask}),
 * with every differing task's lines shown side by side, expected on the left and ksim on
 * the right, aligned on their longest common subsequence.
 */
record SideBySide(List<String> tasks, Map<String, List<String>> expected, Map<String, List<String>> actual,
        List<String> differing) {

    /** A line on either side (null: none) and a mark: ' ' same, '!' changed, '<' or '>' on one side only. */
    record Row(char mark, String left, String right) {}

    static SideBySide of(String expectedTrace, String actualTrace, Map<String, Approx> approx) {
        Map<String, List<String>> e = TraceCompare.perTask(expectedTrace);
        Map<String, List<String>> a = TraceCompare.perTask(actualTrace);
        LinkedHashSet<String> all = new LinkedHashSet<>(e.keySet());
        all.addAll(a.keySet());
        List<String> tasks = List.copyOf(all);
        List<String> differing = tasks.stream()
                .filter(t -> !TraceCompare.same(e.getOrDefault(t, List.of()), a.getOrDefault(t, List.of()), approx))
                .toList();
        return new SideBySide(tasks, e, a, differing);
    }

    boolean agree() {
        return differing.isEmpty();
    }

    String render(String file, String expectedName) {
        StringBuilder b = new StringBuilder();
        if (agree()) {
            int lines = expected.values().stream().mapToInt(List::size).sum();
            return b.append(file).append(": ksim agrees with ").append(expectedName).append(" (")
                    .append(tasks.size()).append(tasks.size() == 1 ? " task, " : " tasks, ").append(lines)
                    .append(lines == 1 ? " line)\n" : " lines)\n").toString();
        }
        b.append(file).append(": ").append(differing.size()).append(" of ").append(tasks.size())
                .append(tasks.size() == 1 ? " task differs" : " tasks differ").append(" (left: ")
                .append(expectedName).append(", right: ksim)\n");
        for (String t : differing) {
            List<Row> rows = align(strip(t, expected.getOrDefault(t, List.of())),
                    strip(t, actual.getOrDefault(t, List.of())));
            int w = "expected".length();
            for (Row r : rows) {
                w = Math.max(w, r.left() == null ? 0 : r.left().length());
            }
            b.append("\n[").append(t).append("]\n");
            b.append("    ").append(pad("expected", w)).append(" | ksim\n");
            for (Row r : rows) {
                b.append("  ").append(r.mark()).append(' ').append(pad(r.left() == null ? "" : r.left(), w))
                        .append(" | ").append(r.right() == null ? "" : r.right()).append('\n');
            }
        }
        return b.toString();
    }

    private static List<String> strip(String task, List<String> lines) {
        String prefix = "[" + task + "] ";
        return lines.stream().map(l -> l.startsWith(prefix) ? l.substring(prefix.length()) : l).toList();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    /** Above this many cells the LCS table is not built (a 16 MiB golden could ask for terabytes). */
    static final long MAX_CELLS = 4_000_000;

    /**
     * Rows pairing equal lines along a longest common subsequence; unmatched runs side by side.
     * Lines the two sides start and end with in common are paired first; when what is left
     * between them is too long for the quadratic table, it is shown side by side line for line.
     */
    static List<Row> align(List<String> l, List<String> r) {
        int head = 0;
        while (head < l.size() && head < r.size() && l.get(head).equals(r.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < l.size() - head && tail < r.size() - head
                && l.get(l.size() - 1 - tail).equals(r.get(r.size() - 1 - tail))) {
            tail++;
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            rows.add(new Row(' ', l.get(i), r.get(i)));
        }
        List<String> midL = l.subList(head, l.size() - tail);
        List<String> midR = r.subList(head, r.size() - tail);
        if ((long) midL.size() * midR.size() > MAX_CELLS) {
            flush(rows, new ArrayList<>(midL), new ArrayList<>(midR));
        } else {
            rows.addAll(alignLcs(midL, midR));
        }
        for (int i = tail; i > 0; i--) {
            rows.add(new Row(' ', l.get(l.size() - i), r.get(r.size() - i)));
        }
        return rows;
    }

    private static List<Row> alignLcs(List<String> l, List<String> r) {
        int n = l.size();
        int m = r.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = l.get(i).equals(r.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> onlyL = new ArrayList<>();
        List<String> onlyR = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && l.get(i).equals(r.get(j))) {
                flush(rows, onlyL, onlyR);
                rows.add(new Row(' ', l.get(i++), r.get(j++)));
            } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
                onlyL.add(l.get(i++));
            } else {
                onlyR.add(r.get(j++));
            }
        }
        flush(rows, onlyL, onlyR);
        return rows;
    }

    private static void flush(List<Row> rows, List<String> onlyL, List<String> onlyR) {
        int k = Math.max(onlyL.size(), onlyR.size());
        for (int x = 0; x < k; x++) {
            String a = x < onlyL.size() ? onlyL.get(x) : null;
            String c = x < onlyR.size() ? onlyR.get(x) : null;
            rows.add(new Row(a != null && c != null ? '!' : a != null ? '<' : '>', a, c));
        }
        onlyL.clear();
        onlyR.clear();
    }
}
