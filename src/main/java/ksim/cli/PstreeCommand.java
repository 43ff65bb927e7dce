package ksim.cli;

import java.util.concurrent.Callable;
import ksim.scenario.ScenarioRunner;
import ksim.tools.Pstree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ksim pstree FILE --at TIME [-A] [-p] [PID]}: psmisc's pstree (ASCII) over the simulated /proc. */
@Command(name = "pstree", mixinStandardHelpOptions = true,
        description = {"Run a scenario until TIME after main's block starts, then print the process",
            "tree as psmisc's pstree -A does, from the scenario's PID namespace or (--host)",
            "the whole system; -p shows PIDs, PID roots the tree there. ksim capture",
            "--pstree shows the real pstree at the same moment.",
            "Exit status: 0, 1 when PID does not exist or the scenario ended before TIME,",
            "2 for a bad FILE."})
final class PstreeCommand implements Callable<Integer> {
    @Mixin
    ScenarioAt where;

    @Option(names = "-A", description = "ASCII line drawing, as psmisc's -A (the only drawing ksim does)")
    boolean ascii;

    @Option(names = "-p", description = "show PIDs (and do not merge identical subtrees)")
    boolean pids;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PID", description = "the root of the tree (default 1)")
    Integer root;

    @Override
    public Integer call() {
        ScenarioRunner.Inspection in = where.inspect();
        if (in == null) {
            return 2;
        }
        if (where.endedBefore(in)) {
            return 1;
        }
        String out = Pstree.render(in.proc(), pids, root);
        System.out.print(out);
        System.out.flush();
        return out.isEmpty() && root != null ? 1 : 0;
    }
}
