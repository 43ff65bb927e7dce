package ksim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import ksim.scenario.ProcGolden;
import org.junit.jupiter.api.Test;

/** The inspect/NAME.ps comparison rules ({@link ToolGolden}) on small made-up outputs. */
class ToolGoldenTest {
    static final String HEAD = "# ksim capture x.ksim --at 300ms --ps=-ef --pstree='-A -p'\n";
    static final String EF = "UID        PID  PPID  C STIME TTY          TIME CMD\n"
            + "root         1     0  0 22:23 ?        00:00:00 main\n"
            + "root         2     1 %s %s ?        00:00:00 main\n";
    static final String TREE = "main(1)---main(2)\n";

    static String capture(String c, String stime) {
        return HEAD + "==> ps -ef <==\n" + EF.formatted(c, stime) + "==> pstree -A -p <==\n" + TREE;
    }

    static List<String> diff(String golden, String ef, String tree) {
        List<ProcGolden.Capture> real = ProcGolden.parse(golden);
        return ToolGolden.differences(real, Map.of("ps -ef", ef, "pstree -A -p", tree),
                (cmd, col) -> cmd.equals("ps -ef") && col.equals("CMD"));
    }

    @Test
    void theHostsClocksAreComparedByShape() {
        String golden = capture("63", "22:23");
        String ours = EF.formatted(" 0", "00:00").replace("22:23", "00:00").replace("00:00:00", "00:00:01");
        assertEquals(List.of(), diff(golden, ours, TREE));
    }

    @Test
    void aStartTimeOfAnotherFormIsADifference() {
        List<String> d = diff(capture(" 0", "22:23"), EF.formatted(" 0", "Jan01"), TREE);
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("ps -ef line 3 (by shape: [C, STIME, TIME, CMD])"), d.get(0));
    }

    @Test
    void everyOtherColumnAndItsLayoutIsExact() {
        String golden = capture(" 0", "22:23");
        assertEquals(1, diff(golden, EF.formatted(" 0", "22:23").replace("root         2", "root         3"),
                TREE).size());
        assertEquals(1, diff(golden, EF.formatted(" 0", "22:23").replace("root         2", "root        2 "),
                TREE).size());
        assertEquals(1, diff(golden, EF.formatted(" 0", "22:23"), "main(1)---main(3)\n").size());
        assertEquals(1, diff(golden, EF.formatted(" 0", "22:23").replace("UID ", "USER"), TREE).size());
    }

    @Test
    void aColumnThatVariedBetweenCapturesIsComparedByShape() {
        String golden = capture(" 0", "22:23") + capture(" 0", "22:23").replace("main(2)", "main(7)");
        assertEquals(List.of(), diff(golden, EF.formatted(" 0", "22:23"), "main(1)---main(5)\n"));
        assertEquals(1, diff(golden, EF.formatted(" 0", "22:23"), "main(1)---mian(5)\n").size());
    }

    @Test
    void aKnownColumnIsComparedByShape() {
        // diff() knows ps -ef's CMD
        String golden = capture(" 0", "22:23").replace("00:00:00 main\n==>", "00:00:00 main2\n==>");
        String ours = EF.formatted(" 0", "22:23").strip(); // its last line is PID 2's
        assertEquals(List.of(), diff(golden, ours + "7\n", TREE));
        assertEquals(1, diff(golden, ours + "x\n", TREE).size());
    }

    @Test
    void missingAndExtraLinesAreDifferences() {
        String golden = capture(" 0", "22:23");
        assertEquals(1, diff(golden, EF.formatted(" 0", "22:23") + "root 3 1 0 22:23 ? 00:00:00 main\n", TREE)
                .size());
        assertEquals(1, diff(golden, EF.formatted(" 0", "22:23"), "").size());
    }

    @Test
    void fieldsAreWordsThenTheRestOfTheLine() {
        List<ToolGolden.Field> f = ToolGolden.fields("    4     5 ?  S   \\_ main x", 5);
        assertEquals(List.of(new ToolGolden.Field("    ", "4"), new ToolGolden.Field("     ", "5"),
                new ToolGolden.Field(" ", "?"), new ToolGolden.Field("  ", "S"),
                new ToolGolden.Field("   ", "\\_ main x")), f);
        assertEquals(List.of("PPID", "PID", "COMMAND"), ToolGolden.columns("ps axjf", " PPID   PID COMMAND\n x"));
        assertEquals(List.of(ToolGolden.LINE), ToolGolden.columns("pstree -A -p", "main(1)\n"));
    }
}
