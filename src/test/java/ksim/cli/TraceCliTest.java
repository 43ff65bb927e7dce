package ksim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ksim run --ftrace / --perfetto / --gantt: the files, and one-line errors for bad paths. */
class TraceCliTest {
    @Test
    void theThreeOutputsAreWrittenAndStdoutIsStillTheTrace(@TempDir Path dir) throws Exception {
        Path ft = dir.resolve("t.txt"), pf = dir.resolve("t.json"), svg = dir.resolve("t.svg"), png = dir.resolve("t.png");
        KsimCli.Result r = KsimCli.run("run", "examples/orphan.ksim", "--ftrace", ft.toString(), "--perfetto",
                pf.toString(), "--gantt", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(Path.of("examples/orphan.trace")), r.out());
        assertEquals("", r.err());
        assertTrue(Files.readString(ft).startsWith("# tracer: nop\n#\n# entries-in-buffer/entries-written: "));
        assertTrue(Files.readString(pf).startsWith("{\"displayTimeUnit\":\"ns\""));
        assertTrue(Files.readString(svg).contains("<svg"));
        assertEquals(0, KsimCli.run("run", "examples/orphan.ksim", "--gantt", png.toString()).code());
        byte[] magic = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
    }

    @Test
    void anUnwritableOutputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        for (String opt : new String[] {"--ftrace", "--perfetto", "--gantt"}) {
            Path missing = dir.resolve("no/such/dir/out.svg");
            KsimCli.Result r = KsimCli.run("run", "examples/orphan.ksim", opt, missing.toString());
            assertEquals(2, r.code(), opt);
            assertEquals("ksim run: cannot write " + missing + ": no such file or directory\n", r.err(), opt);
            assertEquals("", r.out(), opt + ": nothing runs");
            r = KsimCli.run("run", "examples/orphan.ksim", opt, dir.toString());
            assertEquals(2, r.code(), opt);
            assertEquals("ksim run: cannot write " + dir + ": is a directory\n", r.err(), opt);
        }
    }

    @Test
    void theOptionsAreInTheHelp() {
        String help = KsimCli.run("run", "--help").out();
        assertTrue(help.contains("--ftrace=OUT") && help.contains("--perfetto=OUT.json") && help.contains("--gantt=OUT.svg"),
                help);
    }
}
