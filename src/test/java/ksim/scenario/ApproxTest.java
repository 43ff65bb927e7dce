package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** expect CALL ~ VALUE: parsing, the tolerance rule, and how traces with measured results compare. */
class ApproxTest {
    @Test
    void parsesValueAndPercent() {
        assertEquals(new Approx("1922 ms", 2), Approx.parse("1922 ms"));
        assertEquals(new Approx("2000 ms", 30), Approx.parse("2000 ms within 30%"));
        assertEquals(new Approx("-3", 2), Approx.parse("-3"));
        assertEquals(new Approx("{utime+stime 0 ms, nvcsw 4}", 5),
                Approx.parse("{utime+stime 0 ms, nvcsw 4} within 5%"));
        assertNull(Approx.parse("1922ms")); // a number glued to a word is text: no number to compare
        assertNull(Approx.parse("about"));
        assertNull(Approx.parse("w.1"));
    }

    @Test
    void toleranceIsThePercentOrTwentyMilliseconds() {
        Approx a = Approx.parse("1922 ms");
        assertTrue(a.accepts("1884 ms")); // 2% of 1922 is 38
        assertFalse(a.accepts("1883 ms"));
        assertFalse(a.accepts("1922")); // another unit
        Approx small = Approx.parse("28 ms");
        assertTrue(small.accepts("10 ms")); // 20 ms slack for small values
        assertFalse(small.accepts("0 ms"));
        assertTrue(Approx.parse("100").accepts("102"));
        assertFalse(Approx.parse("100").accepts("103"));
    }

    @Test
    void everyNumberOfAResultIsComparedAndTheRestMustBeEqual() {
        Approx a = Approx.parse("{utime+stime 0 ms, cutime+cstime 1000 ms}");
        assertTrue(a.accepts("{utime+stime 10 ms, cutime+cstime 990 ms}"));
        assertFalse(a.accepts("{utime+stime 30 ms, cutime+cstime 1000 ms}"));
        assertFalse(a.accepts("{utime+stime 0 ms, cutime+cstime 1030 ms}"));
        assertFalse(a.accepts("{utime 0 ms, cutime+cstime 1000 ms}"));
        assertFalse(a.accepts("{utime+stime 0 ms}"));
        assertFalse(a.accepts("-1 EINVAL"));
        Approx n = Approx.parse("{utime+stime 200 ms, nvcsw 4}");
        assertTrue(n.accepts("{utime+stime 210 ms, nvcsw 4}"));
        assertFalse(n.accepts("{utime+stime 200 ms, nvcsw 5}")); // 2% of 4 is 0: a count is exact
        assertFalse(Approx.parse("{SIGRTMIN+1} 1").accepts("{SIGRTMIN+2} 1")); // a number inside a word is text
    }

    @Test
    void measuredLinesAgreeWithinBothTolerances() throws Exception {
        Ast.Scenario sc = Parser.parse("t.ksim", "main {\n    expect cputime(main) ~ 1000 ms\n}\n");
        Map<String, Approx> approx = Approx.of(sc);
        assertEquals(List.of(), TraceCompare.differences("[main] cputime(main) = 990 ms\n",
                "[main] cputime(main) = 1020 ms\n", approx));
        assertEquals(1, TraceCompare.differences("[main] cputime(main) = 900 ms\n",
                "[main] cputime(main) = 1020 ms\n", approx).size());
        assertEquals(1, TraceCompare.differences("[main] cputime(main) = 990 ms\n",
                "[main] cputime(main) = 990 ms\n[main] getpid() = main\n", approx).size());
        Map<String, Approx> times = Approx.of(Parser.parse("t.ksim",
                "main {\n    expect times() ~ {utime+stime 0 ms, cutime+cstime 1000 ms}\n}\n"));
        assertEquals(List.of(), TraceCompare.differences("[main] times() = {utime+stime 0 ms, cutime+cstime 990 ms}\n",
                "[main] times() = {utime+stime 30 ms, cutime+cstime 1030 ms}\n", times));
        assertEquals(1, TraceCompare.differences("[main] times() = {utime+stime 0 ms, cutime+cstime 990 ms}\n",
                "[main] times() = {utime+stime 50 ms, cutime+cstime 990 ms}\n", times).size());
    }
}
