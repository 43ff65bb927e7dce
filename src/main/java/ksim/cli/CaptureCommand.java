package ksim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import ksim.scenario.Ast;
import ksim.scenario.Capture;
import ksim.scenario.ProcDump;
import ksim.scenario.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ksim capture FILE --at TIME PATH...}: {@code ksim cat} on the real kernel; with
 * {@code --ps}/{@code --pstree}, {@code ksim ps}/{@code ksim pstree} on the real kernel.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Run a scenario on this machine's real Linux kernel (as ksim record does) and",
            "print files of its /proc at TIME after main's block starts.",
            "The files are read from outside the scenario, through main's root",
            "(/proc/MAINPID/root/proc/...): the scenario's own /proc, with its PIDs, and no",
            "reader task added to it (so /proc/self does not resolve there).",
            "With --ps or --pstree, what ps and pstree read is copied from there instead,",
            "and this machine's procps ps and psmisc pstree run over the copy (as root, in",
            "PID and mount namespaces of their own; C locale, TZ=UTC, only root in the user",
            "database): the real counterpart of ksim ps and ksim pstree. One command prints",
            "its output; several print a '# ksim capture' line, then sections headed",
            "'==> ps -ef <==' (the --ps ones first).",
            "Exit status: 0 when every file was read (every tool ran), 1 when one could",
            "not be (a message on stderr), 2 on bad input or when capturing is impossible",
            "here."})
final class CaptureCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario (.ksim)")
    Path file;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH", description = "files of /proc (/proc/1/stat)")
    List<String> paths = List.of();

    @Option(names = "--at", required = true, paramLabel = "TIME", converter = AtTime.class,
            description = "when to read, after main's block starts (300ms, 2s)")
    long at;

    @Option(names = "--all", description = "every task's stat, status and sched (and its threads'), as sections")
    boolean all;

    @Option(names = "--ps", paramLabel = "FORMAT",
            description = "run ps with these options (-ef, axjf, '-e -f'); repeatable")
    List<String> ps = List.of();

    @Option(names = "--pstree", paramLabel = "ARGS",
            description = "run pstree with these options ('-A -p'); repeatable")
    List<String> pstree = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write there instead of stdout")
    Path output;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "give up when main has not started after this long (default ${DEFAULT-VALUE})")
    int timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Ast.Scenario sc = RunCommand.parseOrReport("capture", file);
        if (sc == null) {
            return 2;
        }
        if (!ps.isEmpty() || !pstree.isEmpty()) {
            if (all || !paths.isEmpty()) {
                System.err.println("ksim capture: --ps and --pstree cannot be combined with PATH or --all");
                return 2;
            }
            return CaptureTools.run(sc, at, ps, pstree, output, Duration.ofSeconds(Math.max(1, timeout)));
        }
        if (!all && paths.isEmpty()) {
            System.err.println("ksim capture: name the files to read (PATH...), or --all, --ps, --pstree");
            return 2;
        }
        Capture.Result<ProcDump.Out> r;
        try {
            r = Capture.capture(sc, at, v -> CatCommand.dump(v, all, paths), Duration.ofSeconds(Math.max(1, timeout)));
        } catch (Recorder.Unavailable e) {
            System.err.println("ksim capture: " + e.getMessage());
            return 2;
        } catch (Recorder.Failure e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        System.err.print(r.errors());
        if (!r.started()) {
            System.err.println("ksim capture: " + sc.file() + ": main did not start within " + timeout + " s");
            return 2;
        }
        return CatCommand.print(r.value(), "capture", all ? header(sc, at) : null, output);
    }

    /** The first line of an --all dump: how to make it again. */
    static String header(Ast.Scenario sc, long at) {
        return "# ksim capture " + sc.file() + " --at " + CatCommand.formatTime(at) + " --all";
    }
}
