package ksim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import ksim.scenario.Ast;
import ksim.scenario.Parser;
import ksim.scenario.RunEnd;
import ksim.scenario.RunLimits;
import ksim.scenario.ScenarioException;
import ksim.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ksim run FILE}: the scenario's trace on standard output, and nothing else. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario on the simulated kernel and print its trace.",
            "Exit status: 0 when the scenario ran to its end, 1 when an expect failed or was",
            "not reached, or the run did not end (a deadlock: tasks left that nothing can",
            "wake; or --max-time or --timeout stopped it; what happened on stderr), 2 when",
            "the file cannot be read or parsed, or a statement names a task that does not",
            "exist yet (FILE:LINE:COL: message on stderr)."})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the scenario (.ksim)")
    Path file;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the simulated machine (overrides the header)")
    Long seed;

    @Option(names = "--cpus", paramLabel = "N", description = "number of simulated CPUs (overrides the header)")
    Integer cpus;

    @Option(names = "--module", paramLabel = "NAME",
            description = "load a built-in example module at boot (zombie_monitor); may be repeated")
    java.util.List<String> modules = new java.util.ArrayList<>();

    @Option(names = "--max-time", paramLabel = "DURATION", converter = TimeLimit.class,
            description = "stop the run at this much simulated time since boot (500ms, 30s, 2h; default 1h)")
    Long maxTime;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = TimeLimit.class,
            description = "stop the run after this much wall-clock time (30s, 10m; default: none)")
    Long timeout;

    @Option(names = "--dmesg", description = "after the run, print the kernel log (printk lines with timestamps) on stderr")
    boolean dmesg;

    @Option(names = "--ftrace", paramLabel = "OUT",
            description = "write the run's sched, task and signal trace events to OUT as the kernel's trace file"
                + " shows them (nop tracer, record-tgid)")
    Path ftrace;

    @Option(names = "--perfetto", paramLabel = "OUT.json",
            description = "write the run as Chrome trace JSON for ui.perfetto.dev: CPU and thread lanes, wake-up flows, counters")
    Path perfetto;

    @Option(names = "--gantt", paramLabel = "OUT.svg",
            description = "draw the per-CPU timeline with a legend, as SVG (or PNG when OUT ends in .png)")
    Path gantt;

    @Override
    public Integer call() {
        Ast.Scenario sc = RunCommand.parseOrReport("run", file);
        if (sc == null) {
            return 2;
        }
        for (String m : modules) {
            if (!ksim.kernel.kthread.Modules.NAMES.contains(m)) {
                System.err.println("ksim run: no module named '" + m + "' (modules: "
                        + String.join(", ", ksim.kernel.kthread.Modules.NAMES) + ")");
                return 2;
            }
        }
        if (maxTime != null && maxTime > RunLimits.MAX_MAX_TIME_NS) {
            System.err.println("ksim run: --max-time must be at most " + RunLimits.MAX_MAX_TIME_NS
                    + "ns (2^62 ns, about 146 years: where the simulated clock ends)");
            return 2;
        }
        RunLimits limits = new RunLimits(maxTime != null ? maxTime : RunLimits.DEFAULT_MAX_TIME_NS,
                timeout != null ? timeout : 0, stderrIsTerminal() ? RunCommand::progress : null);
        ScenarioRunner.Options opt = new ScenarioRunner.Options(seed, cpus, modules, limits);
        if (ftrace == null && perfetto == null && gantt == null) {
            return runScenario(sc, opt, dmesg);
        }
        return TracedRun.run(sc, opt, dmesg, file, ftrace, perfetto, gantt);
    }

    /**
     * The parsed scenario, or null after one line on stderr (exit 2): {@code FILE:LINE:COL: message},
     * or {@code ksim CMD: cannot read FILE: reason}.
     */
    static Ast.Scenario parseOrReport(String cmd, Path file) {
        try {
            return Parser.parseFile(file);
        } catch (ScenarioException e) {
            System.err.println(message(cmd, e));
            return null;
        }
    }

    /** An unreadable or bad file as the command line reports it: a position if it has one, else the command's name. */
    static String message(String cmd, ScenarioException e) {
        return e.positioned() ? e.getMessage() : "ksim " + cmd + ": " + e.getMessage();
    }

    /** Runs {@code sc}, streaming its trace to stdout; expect failures go to stderr. */
    static int runScenario(Ast.Scenario sc, ScenarioRunner.Options opt) {
        return runScenario(sc, opt, false);
    }

    /** As {@link #runScenario(Ast.Scenario, ScenarioRunner.Options)}; {@code dmesg} prints the kernel log on stderr at the end. */
    static int runScenario(Ast.Scenario sc, ScenarioRunner.Options opt, boolean dmesg) {
        return runScenario(sc, opt, dmesg, null);
    }

    /** As {@link #runScenario(Ast.Scenario, ScenarioRunner.Options, boolean)}, traced into {@code tracer} unless it is null. */
    static int runScenario(Ast.Scenario sc, ScenarioRunner.Options opt, boolean dmesg, ksim.kernel.trace.Tracer tracer) {
        if (!cpusValid(opt)) {
            return 2;
        }
        PrintWriter out = ScenarioRunner.traceWriter(System.out);
        int[] lines = {0};
        ScenarioRunner.Outcome o = ScenarioRunner.run(sc, opt, line -> {
            out.println(line);
            if (++lines[0] % 1024 == 0) { // a long run whose trace cannot be written stops
                out.flush();
                Stdout.check();
            }
        }, tracer);
        out.flush();
        report(o);
        if (dmesg) {
            o.kernel().log.forEach(System.err::println);
        }
        return o.exitCode();
    }

    /**
     * On stderr: the expects that failed, then, for a run that did not end, what stopped it
     * and the expects it did not reach.
     */
    static void report(ScenarioRunner.Outcome o) {
        for (String f : o.failures()) {
            System.err.println(f);
        }
        RunEnd end = o.end();
        if (end.message() != null) {
            System.err.println(end.kind() == RunEnd.Kind.ERROR ? end.message() : "ksim: " + end.message());
        }
        for (String f : end.unreached()) {
            System.err.println(f);
        }
    }

    /** Whether standard error is a terminal (a person watching), where a long run shows its progress. */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false; // no /proc: never guess, so that what is printed stays the same
        }
    }

    /** A progress report, over the previous one on the terminal's last line ("" clears it). */
    private static void progress(String line) {
        System.err.print("\r" + line + "\033[K");
        System.err.flush();
    }

    /** --cpus in range, or a message on stderr. */
    static boolean cpusValid(ScenarioRunner.Options opt) {
        if (opt.cpus() != null && (opt.cpus() < 1 || opt.cpus() > 4096)) {
            System.err.println("ksim: --cpus must be between 1 and 4096");
            return false;
        }
        return true;
    }
}
