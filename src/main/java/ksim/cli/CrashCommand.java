package ksim.cli;

import java.util.concurrent.Callable;
import ksim.crash.Crash;
import ksim.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ksim crash FILE --at TIME 'COMMAND'}: the crash utility's task commands on the simulated kernel. */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = {"Run a scenario until TIME after main's block starts, then answer a crash(8)",
            "command about its tasks: ps [-k|-u], task [-R member,...] PID, bt PID, log.",
            "PIDs are the initial namespace's, as crash shows them (see ksim crash ... 'ps').",
            "Exit status: 0, 1 when the command fails (as crash reports it), 2 for a bad FILE."})
final class CrashCommand implements Callable<Integer> {
    @Mixin
    ScenarioAt where;

    @Parameters(index = "1", paramLabel = "COMMAND", description = "one crash command, quoted: 'bt 30'")
    String command;

    @Override
    public Integer call() {
        ScenarioRunner.Inspection in = where.inspect();
        if (in == null) {
            return 2;
        }
        Crash.Result r = Crash.execute(in.kernel(), command);
        (r.ok() ? System.out : System.err).print(r.output());
        System.out.flush();
        return r.ok() ? 0 : 1;
    }
}
