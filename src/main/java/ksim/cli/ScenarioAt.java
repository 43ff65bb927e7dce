package ksim.cli;

import java.nio.file.Path;
import ksim.scenario.Ast;
import ksim.scenario.ScenarioRunner;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The options every "look inside at a moment" command shares (ps, pstree, crash): the
 * scenario, the moment (--at, after main's block starts, as for ksim cat), the point of view
 * (--host), and the machine overrides.
 */
final class ScenarioAt {
    /** The command these options belong to (ps, pstree, crash, cat), for its messages. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario (.ksim)")
    Path file;

    @Option(names = "--at", required = true, paramLabel = "TIME", converter = AtTime.class,
            description = "when to look, after main's block starts (300ms, 2s)")
    long at;

    @Option(names = "--host", description = "look from the initial PID namespace (the whole system, kernel threads"
            + " included) instead of the scenario's")
    boolean host;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the simulated machine (overrides the header)")
    Long seed;

    @Option(names = "--cpus", paramLabel = "N", description = "number of simulated CPUs (overrides the header)")
    Integer cpus;

    /** The scenario run to the moment, or null after a message on stderr (exit 2). */
    ScenarioRunner.Inspection inspect() {
        Ast.Scenario sc = RunCommand.parseOrReport(command.name(), file);
        return sc == null ? null : inspect(sc);
    }

    /** {@code sc}, already parsed, run to the moment; null after a message on stderr (exit 2). */
    ScenarioRunner.Inspection inspect(Ast.Scenario sc) {
        if (cpus != null && (cpus < 1 || cpus > 4096)) {
            System.err.println("ksim: --cpus must be between 1 and 4096");
            return null;
        }
        ScenarioRunner.Inspection in = ScenarioRunner.inspect(sc, new ScenarioRunner.Options(seed, cpus), at, host);
        if (in.error() != null) { // a statement before the moment named a task that did not exist
            System.err.println(in.error());
            return null;
        }
        return in;
    }

    /**
     * Whether the scenario was over at the moment: no task of its PID namespace left (its
     * /proc would list none), which the command then says in one line on stderr (exit 1)
     * instead of printing an empty listing. With --host there is always a system to look at.
     */
    boolean endedBefore(ScenarioRunner.Inspection in) {
        if (host || !in.mainStarted() || in.ns().pidAllocated > 0) {
            return false;
        }
        System.err.println("ksim " + command.name() + ": " + file + " ended before " + CatCommand.formatTime(at)
                + " (no task of it is left; --host shows the rest of the system)");
        return true;
    }
}
