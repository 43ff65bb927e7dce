package ksim.scenario;

import java.util.List;
import java.util.function.Consumer;
import ksim.kernel.InitProgram;
import ksim.kernel.Kernel;
import ksim.kernel.KernelConfig;

/** Runs a parsed scenario on a freshly booted simulated kernel. */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    /** Command-line overrides of the scenario's header; null means "as the header says"; modules to load at boot. */
    public record Options(Long seed, Integer cpus, List<String> modules) {
        public static final Options NONE = new Options(null, null);

        public Options(Long seed, Integer cpus) {
            this(seed, cpus, List.of());
        }
    }

    /** How the run ended: the kernel (for inspection) and the failed expectations. */
    public record Outcome(Kernel kernel, List<String> failures) {
        /** The spec's exit status: 0 when the scenario ran to its end, 1 when an expect failed. */
        public int exitCode() {
            return failures.isEmpty() ? 0 : 1;
        }
    }

    /** The simulated machine a scenario asks for, with {@code opt} applied on top. */
    public static KernelConfig config(Ast.Scenario sc, Options opt) {
        KernelConfig c = new KernelConfig();
        Ast.Header h = sc.header();
        if (h.cpus() != null) {
            c.cpus = h.cpus();
        }
        if (h.hz() != null) {
            c.hz = h.hz();
        }
        if (h.seed() != null) {
            c.seed = h.seed();
        }
        if (h.pidMax() != null) {
            c.pidMax = h.pidMax();
        }
        if (h.sched() != null) {
            c.sched = h.sched().equals("cfs") ? KernelConfig.SchedMode.CFS : KernelConfig.SchedMode.EEVDF;
        }
        if (opt.seed() != null) {
            c.seed = opt.seed();
        }
        if (opt.cpus() != null) {
            c.cpus = opt.cpus();
        }
        c.modules = new java.util.ArrayList<>(opt.modules());
        return c;
    }

    /** Boots a kernel for {@code sc}; the caller runs it (possibly step by step). */
    public static Outcome boot(Ast.Scenario sc, KernelConfig config, Consumer<String> trace) {
        return boot(sc, config, trace, null);
    }

    /**
     * As {@link #boot(Ast.Scenario, KernelConfig, Consumer)}, with the kernel traced from boot
     * into {@code tracer} (as with trace_event= on the kernel command line) unless it is null.
     */
    public static Outcome boot(Ast.Scenario sc, KernelConfig config, Consumer<String> trace,
            ksim.kernel.trace.Tracer tracer) {
        Kernel k = new Kernel(config);
        if (tracer != null) {
            k.trace = new ksim.kernel.trace.Tracepoints(k, tracer);
        }
        RunContext ctx = new RunContext(sc.file(), trace);
        k.boot(new InitProgram(Interpreter.forMain(ctx, sc.main())));
        return new Outcome(k, ctx.failures);
    }

    /** Boots and runs {@code sc} until nothing is left to happen, streaming trace lines to {@code trace}. */
    public static Outcome run(Ast.Scenario sc, Options opt, Consumer<String> trace) {
        return run(sc, opt, trace, null);
    }

    /** As {@link #run(Ast.Scenario, Options, Consumer)}, traced into {@code tracer} when it is not null. */
    public static Outcome run(Ast.Scenario sc, Options opt, Consumer<String> trace, ksim.kernel.trace.Tracer tracer) {
        Outcome o = boot(sc, config(sc, opt), trace, tracer);
        o.kernel().run();
        return o;
    }
}
