package ksim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import ksim.scenario.Approx;
import ksim.scenario.Ast;
import ksim.scenario.InputFile;
import ksim.scenario.Recorder;
import ksim.scenario.RunEnd;
import ksim.scenario.ScenarioException;
import ksim.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ksim diff FILE [GOLDEN]}: the simulated kernel against the real one, task by task. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare the simulated kernel's trace of a scenario with the real kernel's.",
            "Runs the scenario on the simulated kernel and compares its trace, task by task",
            "as the spec defines, with GOLDEN (a trace recorded on the real kernel), or with",
            "a fresh recording (as ksim record makes) when no GOLDEN is given. Differing",
            "tasks are shown side by side. Traces of a run that did not run to its end (a",
            "deadlock, a limit, a recording stopped by --timeout) never agree.",
            "Exit status: 0 when they agree, 1 when they differ, 2 on bad input (or when",
            "recording is impossible here)."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario (.ksim)")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "GOLDEN", description = "its real-kernel trace (.trace)")
    Path golden;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "when recording: stop the scenario after this long (default ${DEFAULT-VALUE})")
    int timeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Ast.Scenario sc = RunCommand.parseOrReport("diff", file);
        if (sc == null) {
            return 2;
        }
        String expected;
        String expectedName;
        String expectedEnd = null; // why the expected side did not run to its end
        if (golden != null) {
            try {
                expected = InputFile.read(golden);
            } catch (ScenarioException e) {
                System.err.println(RunCommand.message("diff", e));
                return 2;
            }
            expectedName = golden.toString();
        } else {
            Recorder.Recording r = RecordCommand.record(sc, "diff", Math.max(1, timeout));
            if (r == null) {
                return 2;
            }
            if (r.exitCode() == 2) {
                return 2; // a scenario error, reported on stderr by the recording
            }
            expected = r.trace();
            expectedName = "the real kernel (recorded now)";
            if (r.timedOut()) {
                expectedName = "the real kernel (recorded now, stopped after " + timeout + " s)";
                expectedEnd = "the recording was stopped after " + timeout + " s (--timeout)";
            }
        }
        StringBuilder sim = new StringBuilder();
        ScenarioRunner.Outcome o = ScenarioRunner.run(sc, ScenarioRunner.Options.NONE, l -> sim.append(l).append('\n'));
        RunEnd end = o.end();
        if (end.kind() == RunEnd.Kind.ERROR) {
            System.err.println(end.message());
            return 2;
        }
        SideBySide report = SideBySide.of(expected, sim.toString(), Approx.of(sc));
        boolean ended = end.ranToItsEnd() && expectedEnd == null;
        System.out.print(ended || !report.agree() ? report.render(file.toString(), expectedName)
                : file + ": the traces agree as far as they go, but a run did not run to its end\n");
        if (expectedEnd != null) {
            System.out.println("  " + expectedEnd);
        }
        if (!end.ranToItsEnd()) {
            System.out.println("  ksim: " + end.message().lines().findFirst().orElse(""));
            System.err.println("ksim: " + end.message());
        }
        System.out.flush();
        return report.agree() && ended ? 0 : 1;
    }
}
