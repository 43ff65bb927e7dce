package ksim.scenario;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import ksim.kernel.InitProgram;
import ksim.kernel.Kernel;
import ksim.kernel.KernelConfig;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.proc.ProcFs;
import ksim.kernel.proc.ProcView;

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
        RunContext ctx = new RunContext(sc, trace);
        ctx.kernel = k;
        k.boot(new InitProgram(Interpreter.forMain(ctx, sc.main())));
        return new Outcome(k, ctx.failures);
    }

    /**
     * A scenario stopped at a moment for inspection: the kernel, and /proc as a reader in the
     * scenario's PID namespace (or, for the host, the initial one) sees it. {@code mainStarted}
     * is false when main never reached its block (the view is then the host's).
     */
    public record Inspection(Kernel kernel, ProcView proc, PidNamespace ns, boolean mainStarted,
            List<String> trace, List<String> failures) {}

    /**
     * Boots {@code sc} and runs it until {@code atNs} after main's block starts: the moment
     * main's exec of itself returns to user mode, just before its first statement (where the
     * real-kernel capture harness starts its clock too). The trace printed until then is kept.
     * {@code host}: the view of the initial PID namespace (every task, kernel threads included)
     * instead of the scenario's.
     */
    public static Inspection inspect(Ast.Scenario sc, Options opt, long atNs, boolean host) {
        List<String> trace = new ArrayList<>();
        Kernel k = new Kernel(config(sc, opt));
        RunContext ctx = new RunContext(sc, trace::add);
        ctx.kernel = k;
        k.boot(new InitProgram(Interpreter.forMain(ctx, sc.main())));
        // one instant at a time until main starts, so that the clock starts exactly there
        while (ctx.main == null && !k.events.isEmpty()) {
            k.run(k.events.peekTime());
        }
        boolean started = ctx.main != null;
        if (started) {
            k.run(ctx.mainStartNs + atNs);
        }
        PidNamespace ns = host || !started ? k.initPidNs : ctx.main.activePidNs();
        return new Inspection(k, new ProcFs(k, ns), ns, started, trace, ctx.failures);
    }

    /**
     * The trace as {@code ksim run} prints it: a line each, UTF-8, through a 64 KiB buffer into
     * {@code out} (flush it at the end).
     */
    public static PrintWriter traceWriter(OutputStream out) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
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
