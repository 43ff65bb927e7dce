package ksim.cli;

import java.util.List;
import java.util.concurrent.Callable;
import ksim.scenario.ScenarioRunner;
import ksim.tools.Ps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ksim ps FILE --at TIME [-ef | -eLf | aux | axjf | -el]}: procps's ps over the simulated /proc. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"Run a scenario until TIME after main's block starts, then print what procps's",
            "ps prints for FORMAT (-ef, -eLf, aux, axjf, -el; default -ef) from the",
            "scenario's PID namespace (as in a container: main is PID 1), or with --host",
            "the whole system. ksim capture --ps shows the real ps at the same moment.",
            "Exit status: 0, 1 when the scenario ended before TIME, 2 for a bad FILE or an",
            "unsupported FORMAT."})
final class PsCommand implements Callable<Integer> {
    @Mixin
    ScenarioAt where;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FORMAT", description = "ps options, e.g. -ef, aux, axjf")
    List<String> format = List.of();

    @Override
    public Integer call() {
        ScenarioRunner.Inspection in = where.inspect();
        if (in == null) {
            return 2;
        }
        if (where.endedBefore(in)) {
            return 1;
        }
        String fmt = format.isEmpty() ? "-ef" : String.join(" ", format);
        try {
            System.out.print(Ps.render(in.proc(), fmt));
        } catch (IllegalArgumentException e) {
            System.err.println("ksim ps: " + e.getMessage());
            return 2;
        }
        System.out.flush();
        return 0;
    }
}
