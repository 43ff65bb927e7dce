package ksim.cli;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ksim cat} and {@code ksim capture}: what they print, cat's messages, exit statuses. */
class CatCliTest {
    private static KsimCli.Result ksim(String... args) {
        return KsimCli.run(args);
    }

    @Test
    void catPrintsTheFilesOneAfterTheOther() {
        KsimCli.Result r = ksim("cat", "inspect/sleeping.ksim", "--at", "300ms", "/proc/1/comm", "/proc/3/stat",
                "/proc/1/cmdline");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("main\n3 (main) Z 1 1 1 0 -1 4227148 "), r.out());
        assertTrue(r.out().endsWith(" 768\nmain\0"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aMissingFileIsReportedAsCatDoesAndTheOthersStillPrint() {
        KsimCli.Result r = ksim("cat", "inspect/sleeping.ksim", "--at", "300ms", "/proc/99/stat", "/proc/1/comm",
                "/proc/1/task");
        assertEquals(1, r.code());
        assertEquals("main\n", r.out());
        assertEquals("ksim cat: /proc/99/stat: No such file or directory\nksim cat: /proc/1/task: Is a directory\n",
                r.err());
    }

    @Test
    void theHostSeesInitAndTheScenarioUnderOtherNumbers() {
        KsimCli.Result r = ksim("cat", "inspect/sleeping.ksim", "--at", "300ms", "--host", "/proc/1/comm",
                "/proc/2/comm");
        assertEquals("init\nkthreadd\n", r.out());
    }

    @Test
    void allPrintsEveryTaskAsSectionsHeadedByTheCommand() {
        KsimCli.Result r = ksim("cat", "inspect/threads.ksim", "--at", "300ms", "--all");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("# ksim capture inspect/threads.ksim --at 300ms --all\n==> /proc/1/stat <==\n"),
                r.out());
        assertTrue(r.out().contains("\n==> /proc/4/task/5/sched <==\nmain (5, #threads: 2)\n"), r.out());
    }

    @Test
    void badInputExitsTwo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.ksim");
        Files.writeString(f, "main {\n    waitpid(x, 0)\n}\n");
        KsimCli.Result r = ksim("cat", f.toString(), "--at", "1ms", "/proc/1/stat");
        assertEquals(2, r.code());
        assertEquals(f + ":2:13: unknown task 'x' (declare it with fork, vfork, thread or clone)\n", r.err());
        r = ksim("cat", "inspect/sleeping.ksim", "--at", "soon", "/proc/1/stat");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("ksim: Invalid value for option '--at': 'soon' is not a time"), r.err());
        assertEquals(2, ksim("cat", "inspect/sleeping.ksim", "/proc/1/stat").code(), "--at is required");
        r = ksim("cat", "inspect/sleeping.ksim", "--at", "1ms");
        assertEquals(2, r.code());
        assertEquals("ksim cat: name the files to print (PATH...), or --all\n", r.err());
        assertEquals(2, ksim("capture", "inspect/sleeping.ksim", "--at", "1ms").code());
    }

    /**
     * The same files read on the real kernel, where it can run here (root, unshare, a C
     * compiler): the scenario's own /proc, with its PIDs; no /proc/self, the reader being outside.
     */
    @Tag("host")
    @Test
    void captureReadsTheRealKernelsFilesTheSameWay() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*")), "capturing needs root");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare"))
                && (Files.isExecutable(Path.of("/usr/bin/cc")) || Files.isExecutable(Path.of("/usr/bin/gcc"))),
                "capturing needs unshare and a C compiler");
        KsimCli.Result r = ksim("capture", "inspect/sleeping.ksim", "--at", "100ms", "/proc/1/comm", "/proc/99/stat",
                "/proc/3/stat", "/proc/self/stat");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith("main\n3 (main) Z 1 1 1 0 -1 4227148 "), r.out());
        assertEquals("ksim capture: /proc/99/stat: No such file or directory\n"
                + "ksim capture: /proc/self/stat: No such file or directory\n", r.err());
    }

    @Test
    void timesAreWrittenInTheirLargestWholeUnit() {
        assertEquals("300ms", CatCommand.formatTime(300_000_000L));
        assertEquals("2s", CatCommand.formatTime(2_000_000_000L));
        assertEquals("1500us", CatCommand.formatTime(1_500_000L));
        assertEquals("7ns", CatCommand.formatTime(7));
        assertEquals("0ms", CatCommand.formatTime(0));
        assertEquals(1_500_000L, AtTime.parse("1500us"));
        assertEquals(null, AtTime.parse("1.5ms"));
    }
}
