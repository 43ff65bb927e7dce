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

    /**
     * Command-line overrides of the scenario's header; null means "as the header says"; modules
     * to load at boot; the run's limits.
     */
    public record Options(Long seed, Integer cpus, List<String> modules, RunLimits limits) {
        public static final Options NONE = new Options(null, null);

        public Options(Long seed, Integer cpus) {
            this(seed, cpus, List.of());
        }

        public Options(Long seed, Integer cpus, List<String> modules) {
            this(seed, cpus, modules, RunLimits.DEFAULT);
        }
    }

    /** A run: the kernel (for inspection), the failed expectations, and how it ended. */
    public static final class Outcome {
        private final Ast.Scenario sc;
        private final RunContext ctx;
        private final RunLimits limits;
        private RunEnd end;

        Outcome(Ast.Scenario sc, RunContext ctx, RunLimits limits) {
            this.sc = sc;
            this.ctx = ctx;
            this.limits = limits;
        }

        public Kernel kernel() {
            return ctx.kernel;
        }

        /** The expects that failed, in the order they ran ({@code FILE:LINE:COL: expect failed: …}). */
        public List<String> failures() {
            return ctx.failures;
        }

        /** How the run ended (decided the first time it is asked, once the kernel has stopped). */
        public RunEnd end() {
            if (end == null) {
                end = RunEnd.of(sc, ctx, limits);
            }
            return end;
        }

        /** The spec's exit status, extended: see {@link RunEnd#exitCode}. */
        public int exitCode() {
            return end().exitCode(!failures().isEmpty());
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
        return boot(sc, config, trace, null, RunLimits.DEFAULT);
    }

    /**
     * As {@link #boot(Ast.Scenario, KernelConfig, Consumer)}, with the kernel traced from boot
     * into {@code tracer} (as with trace_event= on the kernel command line) unless it is null.
     */
    public static Outcome boot(Ast.Scenario sc, KernelConfig config, Consumer<String> trace,
            ksim.kernel.trace.Tracer tracer, RunLimits limits) {
        Kernel k = new Kernel(config);
        if (tracer != null) {
            k.trace = new ksim.kernel.trace.Tracepoints(k, tracer);
        }
        RunContext ctx = new RunContext(sc, trace);
        ctx.kernel = k;
        k.boot(new InitProgram(Interpreter.forMain(ctx, sc.main())));
        return new Outcome(sc, ctx, limits);
    }

    /**
     * A scenario stopped at a moment for inspection: the kernel, and /proc as a reader in the
     * scenario's PID namespace (or, for the host, the initial one) sees it. {@code mainStarted}
     * is false when main never reached its block (the view is then the host's).
     */
    public record Inspection(Kernel kernel, ProcView proc, PidNamespace ns, boolean mainStarted,
            List<String> trace, List<String> failures, String error) {}

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
            k.run(ksim.kernel.time.Ktime.addSafe(ctx.mainStartNs, atNs));
        }
        PidNamespace ns = host || !started ? k.initPidNs : ctx.main.activePidNs();
        return new Inspection(k, new ProcFs(k, ns), ns, started, trace, ctx.failures, ctx.error);
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

    /**
     * As {@link #run(Ast.Scenario, Options, Consumer)}, traced into {@code tracer} when it is not
     * null. The run stops at its limits ({@code opt.limits()}); {@link Outcome#end()} says how it
     * ended.
     */
    public static Outcome run(Ast.Scenario sc, Options opt, Consumer<String> trace, ksim.kernel.trace.Tracer tracer) {
        RunLimits limits = opt.limits();
        Outcome o = boot(sc, config(sc, opt), trace, tracer, limits);
        Watchdog w = Watchdog.install(o.kernel(), sc.file(), limits);
        o.kernel().runWithin(limits.maxTimeNs());
        if (w != null) {
            w.finish();
        }
        return o;
    }
}
