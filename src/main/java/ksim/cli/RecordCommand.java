package ksim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import ksim.scenario.Ast;
import ksim.scenario.InputFile;
import ksim.scenario.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ksim record FILE}: the scenario's trace on the real Linux kernel (the real-Linux recorder). */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Run a scenario on this machine's real Linux kernel and print its trace.",
            "The scenario becomes a C program, compiled with the system's C compiler and",
            "run as PID 1 of a new PID namespace with its own /proc (unshare; inside a",
            "user namespace when not root).",
            "Exit status: 0 when the scenario ran to its end, 1 when an expect failed (or",
            "--timeout stopped it), 2 when the file cannot be read or parsed, or when",
            "recording is impossible here (not Linux on x86-64, no C compiler, no namespaces)."})
final class RecordCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the scenario (.ksim)")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.trace",
            description = "write the trace there instead of stdout")
    Path output;

    @Option(names = "--emit-c", description = "print the generated C program instead of running it")
    boolean emitC;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "stop the scenario after this long (default ${DEFAULT-VALUE})")
    int timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Ast.Scenario sc = RunCommand.parseOrReport("record", file);
        if (sc == null) {
            return 2;
        }
        if (emitC) {
            System.out.print(Recorder.program(sc));
            System.out.flush();
            return 0;
        }
        if (timeout < 1) {
            System.err.println("ksim record: --timeout must be at least 1 second");
            return 2;
        }
        Recorder.Recording r = record(sc, "record", timeout);
        if (r == null) {
            return 2;
        }
        if (output != null) {
            try {
                Files.writeString(output, r.trace(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("ksim record: cannot write " + output + ": " + InputFile.reason(e));
                return 2;
            }
        } else {
            System.out.print(r.trace());
            System.out.flush();
        }
        return r.exitCode();
    }

    /** Records {@code sc}, passing its stderr on; null (after one line on stderr) when impossible here. */
    static Recorder.Recording record(Ast.Scenario sc, String cmd, int timeout)
            throws IOException, InterruptedException {
        Recorder.Recording r;
        try {
            r = Recorder.record(sc, Duration.ofSeconds(timeout));
        } catch (Recorder.Unavailable e) {
            System.err.println("ksim " + cmd + ": " + e.getMessage());
            return null;
        } catch (Recorder.Failure e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        System.err.print(r.errors());
        if (!r.bounded()) {
            System.err.println("ksim " + cmd + ": note: no writable cgroup here (root and cgroup v2 or v1 pids are needed),"
                    + " so nothing bounded how many tasks the scenario could make; its PID namespace was still killed"
                    + " at the end");
        }
        if (r.timedOut()) {
            System.err.println("ksim " + cmd + ": " + sc.file() + " was still running after " + timeout
                    + " s and was stopped; the trace holds what it printed until then");
        }
        return r;
    }
}
