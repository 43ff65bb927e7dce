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
        Path sub = Files.createDirectory(dir.resolve("d.svg"));
        for (String opt : new String[] {"--ftrace", "--perfetto", "--gantt"}) {
            Path missing = dir.resolve("no/such/dir/out.svg");
            KsimCli.Result r = KsimCli.run("run", "examples/orphan.ksim", opt, missing.toString());
            assertEquals(2, r.code(), opt);
            assertEquals("ksim run: cannot write " + missing + ": No such file or directory\n", r.err(), opt);
            assertEquals("", r.out(), opt + ": nothing runs");
            r = KsimCli.run("run", "examples/orphan.ksim", opt, sub.toString());
            assertEquals(2, r.code(), opt);
            assertEquals("ksim run: cannot write " + sub + ": Is a directory\n", r.err(), opt);
        }
    }

    @Test
    void outputsThatWouldOverwriteEachOtherOrTheScenarioAreRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path scenario = Files.copy(Path.of("examples/orphan.ksim"), dir.resolve("orphan.ksim"));
        String before = Files.readString(scenario);
        Path out = dir.resolve("out");
        KsimCli.Result r = KsimCli.run("run", scenario.toString(), "--ftrace", out.toString(), "--perfetto",
                dir.resolve("sub/../out").toString());
        assertEquals(2, r.code());
        assertEquals("", r.out(), "nothing runs");
        assertEquals("ksim run: --ftrace and --perfetto both name " + out + "; each output needs its own file\n", r.err());
        assertTrue(Files.notExists(out), "nothing is opened");
        Path link = Files.createSymbolicLink(dir.resolve("link.svg"), scenario);
        r = KsimCli.run("run", scenario.toString(), "--gantt", link.toString());
        assertEquals(2, r.code());
        assertEquals("ksim run: --gantt " + link + " is the scenario itself; it would be overwritten\n", r.err());
        r = KsimCli.run("run", scenario.toString(), "--ftrace", scenario.toString());
        assertEquals("ksim run: --ftrace " + scenario + " is the scenario itself; it would be overwritten\n", r.err());
        assertEquals(before, Files.readString(scenario));
        // a device is no file to overwrite: both outputs may go to /dev/null
        assertEquals(0, KsimCli.run("run", scenario.toString(), "--ftrace", "/dev/null", "--perfetto", "/dev/null").code());
    }

    @Test
    void theGanttPictureIsSvgOrPng(@TempDir Path dir) {
        KsimCli.Result r = KsimCli.run("run", "examples/orphan.ksim", "--gantt", dir.resolve("t.bmp").toString());
        assertEquals(2, r.code());
        assertEquals("ksim run: --gantt " + dir.resolve("t.bmp") + ": the picture is SVG or PNG; name it OUT.svg or OUT.png\n",
                r.err());
        assertEquals(0, KsimCli.run("run", "examples/orphan.ksim", "--gantt", dir.resolve("T.SVG").toString()).code());
    }

    @Test
    void aFullDiskFoundOnlyByWritingIsStillOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full here");
        // opening cannot tell that a disk is full: the run happens, then the write fails
        Path full = Files.createSymbolicLink(dir.resolve("full.svg"), Path.of("/dev/full"));
        for (String opt : new String[] {"--ftrace", "--perfetto", "--gantt"}) {
            KsimCli.Result r = KsimCli.run("run", "examples/orphan.ksim", opt, full.toString());
            assertEquals(2, r.code(), opt);
            assertEquals(Files.readString(Path.of("examples/orphan.trace")), r.out(), opt);
            assertEquals("ksim run: cannot write " + full + ": No space left on device\n", r.err(), opt);
        }
    }

    @Test
    void theOptionsAreInTheHelp() {
        String help = KsimCli.run("run", "--help").out();
        assertTrue(help.contains("--ftrace=OUT") && help.contains("--perfetto=OUT.json") && help.contains("--gantt=OUT.svg"),
                help);
    }
}
