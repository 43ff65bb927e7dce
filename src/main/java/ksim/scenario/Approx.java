package ksim.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code expect CALL ~ VALUE [within P%]}: a result whose numbers must come close to VALUE's
 * rather than equal them — CPU times measured on a real kernel are never exact. VALUE is a
 * result with numbers in it ({@code 1922 ms}, {@code {utime+stime 0 ms, cutime+cstime 1000 ms}}):
 * the result must have the same text around its numbers, and each number may be off by P
 * percent of VALUE's (2 by default) or, for a number in milliseconds ({@code N ms}), by 20 ms
 * (two USER_HZ ticks), whichever is more. The same tolerance applies when a trace is compared
 * with its golden: the two results of such a statement agree when each pair of numbers is so
 * close that both could be within tolerance of one value. A number is a run of digits, with
 * its minus sign, that is not part of a word ({@code w.1}, {@code SIGRTMIN+1} are text).
 */
public record Approx(String value, int percent) {
    static final int DEFAULT_PERCENT = 2;
    static final long MS_SLACK = 20;
    private static final Pattern FORM = Pattern.compile("(.+?)(?:\\s+within\\s+(\\d+)%)?");
    private static final Pattern WITHIN = Pattern.compile("\\bwithin\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.+-])-?\\d+(?!\\w)");

    /** Parses VALUE [within P%]; null when VALUE has no number (or one too large for a result) or a bad 'within'. */
    static Approx parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        Parts parts = m.matches() && !WITHIN.matcher(m.group(1)).find() ? Parts.of(m.group(1)) : null;
        if (parts == null || parts.numbers().length == 0) {
            return null;
        }
        try {
            return new Approx(m.group(1), m.group(2) == null ? DEFAULT_PERCENT : Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A result cut at its numbers: the texts around them (one more than the numbers), and the numbers. */
    private record Parts(List<String> texts, long[] numbers) {
        /** Null when a number is too large for a result. */
        static Parts of(String text) {
            String s = text.strip();
            List<String> texts = new ArrayList<>();
            List<Long> numbers = new ArrayList<>();
            Matcher m = NUMBER.matcher(s);
            int at = 0;
            while (m.find()) {
                texts.add(s.substring(at, m.start()));
                try {
                    numbers.add(Long.parseLong(m.group()));
                } catch (NumberFormatException e) {
                    return null;
                }
                at = m.end();
            }
            texts.add(s.substring(at));
            return new Parts(texts, numbers.stream().mapToLong(Long::longValue).toArray());
        }

        /** Whether number {@code i} is in milliseconds. */
        boolean ms(int i) {
            return texts.get(i + 1).startsWith(" ms");
        }
    }

    /** How far a number may be from {@code around}. */
    long tolerance(long around, boolean ms) {
        long rel = Math.abs(around) * percent / 100;
        return ms ? Math.max(rel, MS_SLACK) : rel;
    }

    /** Whether a trace result satisfies the expectation. */
    boolean accepts(String result) {
        return close(value, result, false);
    }

    /**
     * Whether two results of the statement (golden first) agree: each pair of numbers could be
     * within tolerance of one value, so at most the sum of their tolerances apart.
     */
    boolean agree(String golden, String actual) {
        return close(golden, actual, true);
    }

    /** The same text around their numbers, each pair within the first's tolerance (plus the second's, for {@code both}). */
    private boolean close(String first, String second, boolean both) {
        Parts f = Parts.of(first);
        Parts s = Parts.of(second);
        if (f == null || s == null || !f.texts().equals(s.texts())) {
            return false;
        }
        for (int i = 0; i < f.numbers().length; i++) {
            long fn = f.numbers()[i];
            long sn = s.numbers()[i];
            if (Math.abs(fn - sn) > tolerance(fn, f.ms(i)) + (both ? tolerance(sn, f.ms(i)) : 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "~ " + value + (percent == DEFAULT_PERCENT ? "" : " within " + percent + "%");
    }

    /** The approximate statements of a scenario by trace TEXT (the widest tolerance when a TEXT has several). */
    public static Map<String, Approx> of(Ast.Scenario sc) {
        Map<String, Approx> m = new HashMap<>();
        collect(sc.main(), m);
        return m;
    }

    private static void collect(Ast.Block b, Map<String, Approx> m) {
        for (Ast.Stmt s : b.stmts()) {
            switch (s) {
                case Ast.Expect x when x.approx() != null ->
                        m.merge(x.call().text(), x.approx(), (a, c) -> a.percent >= c.percent ? a : c);
                case Ast.Spawn sp -> collect(sp.body(), m);
                case Ast.Exec e -> collect(e.body(), m);
                case Ast.Repeat r -> collect(r.body(), m);
                default -> { }
            }
        }
    }
}
