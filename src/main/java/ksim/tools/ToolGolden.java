package ksim.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import ksim.scenario.ProcGolden;

/**
 * The inspect/NAME.ps goldens: what procps-ng's ps and psmisc's pstree printed over a
 * scenario's /proc on the real kernel ({@code ksim capture NAME.ksim --at 300ms --ps=-ef
 * --ps=axjf --pstree='-A -p'}, three captures in one file, each command a {@code ==> ps -ef <==}
 * section), and their comparison with what ksim.tools prints over ksim's /proc.
 *
 * <p>Output is compared line by line and, in a line, column by column (ps: the columns its
 * header names, the last one taking the rest of the line; pstree: the whole line is one
 * column). A column is equal byte for byte, with the blanks before it (so the layout is
 * exact too), except where it is compared by shape: every run of digits as one "9", the blanks
 * before it as one (right-justified "0" and "63" agree, "22:23" and "00:00" too, but not
 * "22:23" and "Jan01"). By shape are
 * <ul>
 * <li>{@link #HOST_COLUMNS}: what ps derives from the host's clocks rather than from the
 *     scenario: STIME/START (the host's boot time plus the task's start time; ksim's machine
 *     booted at a fixed time, docs/proc-notes.md), TIME (stat's utime + stime) and C/%CPU
 *     (those over the time since the start), whose stat fields {@link ProcGolden} compares by
 *     shape too;</li>
 * <li>a column whose value differed between the captures of the golden;</li>
 * <li>what the caller lists as a known difference.</li>
 * </ul>
 */
public final class ToolGolden {
    private ToolGolden() {}

    /** ps's columns that show the host's clocks: start time, CPU time, CPU share. */
    static final Set<String> HOST_COLUMNS = Set.of("STIME", "START", "TIME", "C", "%CPU");

    /** The name pstree's one column goes by (for known differences). */
    static final String LINE = "line";

    /** A column of one line: the blanks before it and its text (the last one: the rest of the line). */
    record Field(String gap, String text) {}

    /** The shape of a value: each run of digits as "9". */
    static String shape(String v) {
        return v.replaceAll("[0-9]+", "9");
    }

    /** The column names of a section: ps's header words, or pstree's one column. */
    static List<String> columns(String command, String text) {
        if (!command.startsWith("ps ")) {
            return List.of(LINE);
        }
        String header = text.lines().findFirst().orElse("");
        return List.of(header.strip().split("\\s+"));
    }

    /** {@code line} cut into {@code n} fields: n - 1 words, then the rest; fewer when the line has fewer words. */
    static List<Field> fields(String line, int n) {
        List<Field> out = new ArrayList<>();
        int at = 0;
        while (at < line.length() && out.size() < n) {
            int start = at;
            while (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
            if (at == line.length()) {
                break;
            }
            int end = out.size() == n - 1 ? line.length() : line.indexOf(' ', at);
            end = end < 0 ? line.length() : end;
            out.add(new Field(line.substring(start, at), line.substring(at, end)));
            at = end;
        }
        return out;
    }

    /** A line with the fields at {@code byShape} replaced by their shape, their blanks by one. */
    static String canonical(List<Field> fields, Set<Integer> byShape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (byShape.contains(i)) {
                sb.append(f.gap().isEmpty() ? "" : " ").append(shape(f.text()));
            } else {
                sb.append(f.gap()).append(f.text());
            }
        }
        return sb.toString();
    }

    /**
     * The differences between ksim's outputs ({@code sim}: command line to text) and the
     * golden's captures (values shown from the first). {@code known} (command, column) tells a
     * column ksim is known to get wrong: it is compared by shape.
     */
    public static List<String> differences(List<ProcGolden.Capture> real, Map<String, String> sim,
            BiPredicate<String, String> known) {
        List<String> out = new ArrayList<>();
        ProcGolden.Capture first = real.get(0);
        for (ProcGolden.Capture c : real) {
            if (!c.files().keySet().equals(first.files().keySet())) {
                out.add("the captures do not hold the same commands: " + c.files().keySet() + " and "
                        + first.files().keySet());
                return out;
            }
        }
        for (Map.Entry<String, String> e : first.files().entrySet()) {
            String command = e.getKey();
            String mine = sim.get(command);
            if (mine == null) {
                out.add(command + ": got nothing for it");
                continue;
            }
            out.addAll(section(command, real, mine, known));
        }
        return out;
    }

    private static List<String> section(String command, List<ProcGolden.Capture> real, String mine,
            BiPredicate<String, String> known) {
        List<String> out = new ArrayList<>();
        String text = real.get(0).files().get(command);
        List<String> names = columns(command, text);
        List<List<String>> captures = new ArrayList<>();
        for (ProcGolden.Capture c : real) {
            captures.add(c.files().get(command).lines().toList());
        }
        List<String> want = captures.get(0);
        for (List<String> c : captures) {
            if (c.size() != want.size()) {
                out.add(command + ": the captures have " + c.size() + " and " + want.size() + " lines");
                return out;
            }
        }
        List<String> got = mine.lines().toList();
        if (got.size() != want.size() || text.endsWith("\n") != mine.endsWith("\n")) {
            out.add(command + ": got " + got.size() + " lines, the golden " + want.size()
                    + "\n--- golden ---\n" + text + "--- got ---\n" + mine);
            return out;
        }
        for (int l = 0; l < want.size(); l++) {
            List<Field> w = fields(want.get(l), names.size());
            List<Field> g = fields(got.get(l), names.size());
            Set<Integer> byShape = new java.util.TreeSet<>();
            // ps's header line is the tool's own: exact
            boolean header = l == 0 && command.startsWith("ps ");
            for (int i = 0; !header && i < w.size(); i++) {
                String name = names.get(i);
                boolean varies = false;
                for (List<String> c : captures) {
                    List<Field> o = fields(c.get(l), names.size());
                    varies |= o.size() != w.size() || !o.get(i).text().equals(w.get(i).text());
                }
                if (HOST_COLUMNS.contains(name) || varies || known.test(command, name)) {
                    byShape.add(i);
                }
            }
            if (!canonical(w, byShape).equals(canonical(g, byShape))) {
                List<String> shaped = byShape.stream().map(names::get).toList();
                out.add(command + " line " + (l + 1) + (shaped.isEmpty() ? "" : " (by shape: " + shaped + ")")
                        + "\n  golden: " + want.get(l) + "\n  got:    " + got.get(l));
            }
        }
        return out;
    }
}
