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
        return RunCommand.runScenario(Parser.parse("examples/demo.ksim", src), ScenarioRunner.Options.NONE);
    }
}
