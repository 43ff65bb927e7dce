package ksim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import ksim.scenario.Parser;
import ksim.scenario.ScenarioException;
import ksim.scenario.ScenarioRunner;
import picocli.CommandLine.Command;

/** {@code ksim demo}: a bundled scenario, shown and then run. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show a bundled scenario (examples/demo.ksim) and run it on the simulated kernel.")
final class DemoCommand implements Callable<Integer> {
    static final String RESOURCE = "/examples/demo.ksim";

    @Override
    public Integer call() throws IOException, ScenarioException {
        String src;
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                System.err.println("ksim: the demo scenario is missing from this build");
                return 2;
            }
            src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        System.out.println("=== examples/demo.ksim ===");
        System.out.print(src);
        System.out.println("=== its trace on the simulated kernel (ksim run examples/demo.ksim) ===");
        System.out.flush();
        ksim.scenario.Ast.Scenario sc = Parser.parse("examples/demo.ksim", src);
        int code = RunCommand.runScenario(sc, ScenarioRunner.Options.NONE);
        // the same machine 20 ms in: the worker spins, the sleeper sleeps
        ScenarioRunner.Inspection at = ScenarioRunner.inspect(sc, ScenarioRunner.Options.NONE, 20_000_000L, false);
        System.out.println("=== 20 ms in, as ps and pstree show it (ksim ps examples/demo.ksim --at 20ms axjf; ksim pstree ... -p) ===");
        System.out.print(ksim.tools.Ps.render(at.proc(), "axjf"));
        System.out.print(ksim.tools.Pstree.render(at.proc(), true, null));
        System.out.println("=== and where the sleeper is in the kernel (ksim crash examples/demo.ksim --at 20ms 'bt PID') ===");
        ksim.kernel.task.Task sleeper = null;
        for (ksim.kernel.task.Task t : at.kernel().initTasks) {
            if (t.label != null && t.label.equals("sleeper")) {
                sleeper = t;
            }
        }
        if (sleeper != null) {
            System.out.print(ksim.crash.Crash.execute(at.kernel(), "bt " + sleeper.threadPid.globalNr()).output());
        }
        System.out.flush();
        return code;
    }
}
