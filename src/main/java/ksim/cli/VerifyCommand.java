package ksim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import ksim.scenario.Recorder;
import ksim.verify.Verdict;
import ksim.verify.Verify;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ksim verify}: every golden checked again against this machine's real kernel. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check every golden against this machine's real Linux kernel: re-record each",
            "golden trace and re-capture each /proc and ps golden (default: examples conformance",
            "inspect), and check the recorder itself. A golden that disagrees is tried again,",
            "with a growing pause; it FAILs when the real kernel gave the same other answer every",
            "time, and is UNSTABLE when the real kernel's answers differed among themselves",
            "(a busy machine, or a race in the scenario). Ends with",
            "'N passed, M failed, K unstable'. Needs Linux on x86-64, root, unshare and a C",
            "compiler; without them it prints 'skipped: REASON' and exits 0.",
            "Exit status: 0 when nothing failed (unstable is not a failure), 1 when a golden",
            "failed, 2 on bad arguments."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "scenarios or directories to check (default: examples conformance inspect)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "checks to run at once (default ${DEFAULT-VALUE}; those that measure CPU time always run alone)")
    int jobs;

    @Option(names = "--tries", paramLabel = "N", defaultValue = "3",
            description = "attempts before a golden counts as failed or unstable (default ${DEFAULT-VALUE})")
    int tries;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "stop one attempt after this long (default ${DEFAULT-VALUE})")
    int timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (jobs < 1 || tries < 1 || timeout < 1) {
            System.err.println("ksim verify: --jobs, --tries and --timeout must be at least 1");
            return 2;
        }
        if (paths.isEmpty()) {
            paths = List.of(Path.of("examples"), Path.of("conformance"), Path.of("inspect"));
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                System.err.println("ksim verify: " + p + ": No such file or directory");
                return 2;
            }
        }
        String why = Recorder.cannotRecordGoldens();
        if (why != null) {
            System.out.println("ksim verify: skipped: " + why);
            return 0;
        }
        long start = System.nanoTime();
        List<Verify.Result> results = Verify.run(Verify.discover(paths, Duration.ofSeconds(timeout), true),
                new Verify.Options(jobs, tries, Duration.ofSeconds(timeout), Duration.ofSeconds(1)), System.out);
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.println("in " + (s / 60) + " min " + (s % 60) + " s, on Linux "
                + System.getProperty("os.version") + " with " + Runtime.getRuntime().availableProcessors() + " CPUs");
        return Verify.count(results).get(Verdict.Kind.FAILED) == 0 ? 0 : 1;
    }
}
