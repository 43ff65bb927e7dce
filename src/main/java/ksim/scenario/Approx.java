package ksim.scenario;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code expect CALL ~ VALUE [within P%]}: a numeric result that must come close to VALUE
 * rather than equal it — CPU shares measured on a real kernel are never exact. The result
 * may be off by P percent of VALUE (2 by default) or, for results in milliseconds, by 20 ms
 * (two USER_HZ ticks), whichever is more. The same tolerance applies when a trace is
 * compared with its golden: the two results of such a statement agree when they are that
 * close to each other that both could be within tolerance of one value.
 */
public record Approx(long value, String unit, int percent) {
    static final int DEFAULT_PERCENT = 2;
    static final long MS_SLACK = 20;
    private static final Pattern FORM = Pattern.compile("(-?\\d+)( ms)?(?:\\s+within\\s+(\\d+)%)?");
    private static final Pattern RESULT = Pattern.compile("(-?\\d+)( ms)?");

    /** Parses VALUE [within P%]; null when the text has another form (or a number too large for it). */
    static Approx parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            int pct = m.group(3) == null ? DEFAULT_PERCENT : Integer.parseInt(m.group(3));
            return new Approx(Long.parseLong(m.group(1)), m.group(2) == null ? "" : "ms", pct);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** How far a result may be from {@code around}. */
    long tolerance(long around) {
        long rel = Math.abs(around) * percent / 100;
        return unit.equals("ms") ? Math.max(rel, MS_SLACK) : rel;
    }

    /** The number in a result of this unit ("1922 ms", "7"), or null. */
    Long number(String result) {
        Matcher m = RESULT.matcher(result.strip());
        if (!m.matches() || (m.group(2) == null) != unit.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null; // a golden trace's number too large for any result
        }
    }

    /** Whether a trace result satisfies the expectation. */
    boolean accepts(String result) {
        Long got = number(result);
        return got != null && Math.abs(got - value) <= tolerance(value);
    }

    /**
     * Whether two results of the statement (golden first) agree: they could both be within
     * tolerance of one value, so they are at most the sum of their tolerances apart.
     */
    boolean agree(String golden, String actual) {
        Long g = number(golden);
        Long a = number(actual);
        return g != null && a != null && Math.abs(g - a) <= tolerance(g) + tolerance(a);
    }

    @Override
    public String toString() {
        return "~ " + value + (unit.isEmpty() ? "" : " " + unit) + (percent == DEFAULT_PERCENT ? "" : " within " + percent + "%");
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
