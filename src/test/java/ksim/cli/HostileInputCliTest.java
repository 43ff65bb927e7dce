package ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that cannot be read or parsed, and output that cannot be written: every command says
 * so in one line, the same line for the same file, and exits non-zero — no Java exception, no
 * lost output taken for success.
 */
class HostileInputCliTest {
    /** Every command that reads a scenario, with what it needs besides FILE (none of them gets to run anything). */
    private static List<List<String>> everyCommand(Path f) {
        String s = f.toString();
        return List.of(List.of("run", s), List.of("record", s), List.of("record", "--emit-c", s), List.of("diff", s),
                List.of("diff", s, "examples/orphan.trace"), List.of("cat", s, "--at", "1ms", "/proc/1/stat"),
                List.of("ps", s, "--at", "1ms"), List.of("pstree", s, "--at", "1ms"), List.of("crash", s, "--at", "1ms", "ps"),
                List.of("capture", s, "--at", "1ms", "/proc/1/stat"));
    }

    /** Each command exits 2 with nothing on stdout and {@code line} (%s: the command's name) on stderr. */
    private static void everyCommandSays(Path f, String line) {
        for (List<String> args : everyCommand(f)) {
            KsimCli.Result r = KsimCli.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.err());
            assertEquals("", r.out(), args.toString());
            assertEquals(line.formatted(args.get(0)) + "\n", r.err(), args.toString());
        }
    }

    @Test
    void aFileThatCannotBeReadIsOneLineFromEveryCommand(@TempDir Path dir) {
        Path none = dir.resolve("none.ksim");
        everyCommandSays(none, "ksim %s: cannot read " + none + ": No such file or directory");
        everyCommandSays(dir, "ksim %s: cannot read " + dir + ": Is a directory");
        Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/zero")), "no /dev/zero here");
        for (String cmd : new String[] {"run", "record"}) { // each reads 16 MiB: two stand for the rest
            KsimCli.Result r = KsimCli.run(cmd, "/dev/zero");
            assertEquals(2, r.code());
            assertEquals("ksim " + cmd + ": cannot read /dev/zero: File too large (ksim reads at most 16 MiB)\n", r.err());
        }
    }

    @Test
    void aBadFileIsTheSameFileLineColFromEveryCommand(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("latin1.ksim");
        Files.write(latin1, "main {\n    getpid() # café\n}\n".getBytes(StandardCharsets.ISO_8859_1));
        everyCommandSays(latin1, latin1 + ":2:19: invalid UTF-8");
        Path deep = dir.resolve("deep.ksim");
        Files.writeString(deep, "main {\n" + "repeat 1 {\n".repeat(3000) + "}\n".repeat(3001));
        everyCommandSays(deep, deep + ":201:10: blocks nest more than 200 deep");
        Path twice = dir.resolve("twice.ksim");
        Files.writeString(twice, "cpus 2\ncpus 2\nmain {\n}\n");
        everyCommandSays(twice, twice + ":2:1: 'cpus' is given twice (first on line 1)");
    }

    @Test
    void aGoldenTraceIsReadAsCarefully(@TempDir Path dir) throws Exception {
        KsimCli.Result r = KsimCli.run("diff", "examples/orphan.ksim", dir.resolve("none.trace").toString());
        assertEquals(2, r.code());
        assertEquals("ksim diff: cannot read " + dir.resolve("none.trace") + ": No such file or directory\n", r.err());
        Path bad = dir.resolve("bad.trace");
        Files.write(bad, new byte[] {'[', 'm', (byte) 0xff, ']'});
        r = KsimCli.run("diff", "examples/orphan.ksim", bad.toString());
        assertEquals(2, r.code());
        assertEquals(bad + ":1:3: invalid UTF-8\n", r.err());
        Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/zero")), "no /dev/zero here");
        r = KsimCli.run("diff", "examples/orphan.ksim", "/dev/zero");
        assertEquals("ksim diff: cannot read /dev/zero: File too large (ksim reads at most 16 MiB)\n", r.err());
    }

    @Test
    void conformanceReportsABadScenarioOrGoldenAndGoesOn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("deep.ksim"), "main {\n" + "repeat 1 {\n".repeat(5000));
        Files.writeString(dir.resolve("deep.trace"), "");
        Files.writeString(dir.resolve("golden.ksim"), "main {\n}\n");
        Files.write(dir.resolve("golden.trace"), new byte[] {'\n', (byte) 0xc3});
        Files.copy(Path.of("examples/orphan.ksim"), dir.resolve("ok.ksim"));
        Files.copy(Path.of("examples/orphan.trace"), dir.resolve("ok.trace"));
        KsimCli.Result r = KsimCli.run("conformance", dir.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("FAIL " + dir.resolve("deep.ksim") + ": " + dir.resolve("deep.ksim") + ":201:10: blocks nest more than"
                + " 200 deep\nFAIL " + dir.resolve("golden.ksim") + ": " + dir.resolve("golden.trace")
                + ":2:1: invalid UTF-8\nPASS " + dir.resolve("ok.ksim") + "\n", r.out().substring(0, r.out().indexOf("\n\n") + 1));
        assertTrue(r.out().endsWith("1 passed, 2 failed\n"), r.out());
        assertEquals("", r.err());
    }

    /** What each printing command prints when standard output is a full disk: one line, exit 2. */
    @Test
    void outputThatCannotBeWrittenIsAnError(@TempDir Path dir) throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
        Files.copy(Path.of("examples/orphan.ksim"), dir.resolve("orphan.ksim"));
        Files.copy(Path.of("examples/orphan.trace"), dir.resolve("orphan.trace"));
        String at = "inspect/sleeping.ksim";
        List<List<String>> commands = List.of(List.of("run", "examples/orphan.ksim"),
                List.of("record", "--emit-c", "examples/orphan.ksim"),
                List.of("diff", "examples/orphan.ksim", "examples/orphan.trace"), List.of("conformance", dir.toString()),
                List.of("cat", at, "--at", "300ms", "/proc/1/comm"), List.of("ps", at, "--at", "300ms"),
                List.of("pstree", at, "--at", "300ms"), List.of("crash", at, "--at", "300ms", "ps"), List.of("demo"),
                List.of("run", "--help"), List.of("--version"));
        for (List<String> args : commands) {
            KsimCli.Result r;
            try (OutputStream out = new FileOutputStream(full.toFile())) {
                r = KsimCli.runTo(out, args.toArray(String[]::new));
            }
            String cmd = args.get(0).startsWith("-") ? "ksim" : "ksim " + args.get(0);
            assertEquals(2, r.code(), args + ": " + r.err());
            assertEquals(cmd + ": cannot write standard output: No space left on device\n", r.err(), args.toString());
        }
    }

    /** A stream failing as a closed descriptor or a pipe without reader does; it counts the writes tried. */
    private static final class Failing extends OutputStream {
        final String reason;
        int writes;

        Failing(String reason) {
            this.reason = reason;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writes++;
            throw new IOException(reason);
        }
    }

    @Test
    void aClosedStdoutIsReportedAndAReaderThatLeftEndsQuietly() {
        KsimCli.Result r = KsimCli.runTo(new Failing("Bad file descriptor"), "run", "examples/orphan.ksim");
        assertEquals(2, r.code());
        assertEquals("ksim run: cannot write standard output: Bad file descriptor\n", r.err());
        // ksim run F | head -1: as cat killed by SIGPIPE, status 141 and nothing said
        r = KsimCli.runTo(new Failing("Broken pipe"), "run", "examples/orphan.ksim");
        assertEquals(141, r.code());
        assertEquals("", r.err());
    }

    @Test
    void aLongRunStopsOnceItsTraceCannotBeWritten(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("long.ksim"), "main {\n    repeat 200000 {\n        getpid()\n    }\n}\n");
        Failing out = new Failing("No space left on device");
        KsimCli.Result r = KsimCli.runTo(out, "run", f.toString());
        assertEquals(2, r.code());
        assertEquals("ksim run: cannot write standard output: No space left on device\n", r.err());
        // 200,000 lines would be some 600 writes of 8 KiB; it gave up after the first 1024 lines
        assertTrue(out.writes < 20, out.writes + " writes tried");
    }
}
