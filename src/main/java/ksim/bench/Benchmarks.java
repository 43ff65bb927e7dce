package ksim.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.function.LongSupplier;
import ksim.kernel.InitProgram;
import ksim.kernel.Kernel;
import ksim.kernel.KernelConfig;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.Pids;
import ksim.kernel.task.Program;
import ksim.scenario.Ast;
import ksim.scenario.Parser;
import ksim.scenario.RunEnd;
import ksim.scenario.ScenarioException;
import ksim.scenario.ScenarioRunner;

/**
 * ksim's headline numbers, measured in wall time on this machine. Each benchmark runs
 * warm-up rounds (so the JIT has compiled the hot paths), then measured rounds, and reports
 * the median round; where the machine allows, the same operation on the real kernel (the C
 * programs under bench/) is printed beside it. These numbers belong here, never in timed
 * unit tests.
 */
public final class Benchmarks {
    private Benchmarks() {}

    /** One measured quantity: the median and the spread of the rounds, per operation. */
    public record Result(String name, double medianNs, double minNs, double maxNs, String unit) {
        @Override
        public String toString() {
            return String.format("%-40s %12.1f %s   (min %.1f, max %.1f over rounds)", name, medianNs, unit, minNs,
                    maxNs);
        }
    }

    /** Rounds of {@code round} (which returns wall ns per operation); the median and spread. */
    static Result measure(String name, String unit, int warmups, int rounds, LongSupplier round, int ops) {
        double[] per = new double[rounds];
        for (int r = -warmups; r < rounds; r++) {
            long ns = round.getAsLong();
            if (r >= 0) {
                per[r] = (double) ns / ops;
            }
        }
        Arrays.sort(per);
        return new Result(name, per[rounds / 2], per[0], per[rounds - 1], unit);
    }

    /** Boots a machine whose first program is {@code p} and runs it to the end: wall ns. */
    private static long runToEnd(KernelConfig cfg, Program p, java.util.function.Consumer<Kernel> check) {
        Kernel k = new Kernel(cfg);
        k.boot(new InitProgram(p));
        long t0 = System.nanoTime();
        k.run();
        long t1 = System.nanoTime();
        check.accept(k);
        return t1 - t0;
    }

    /** Simulated fork + exit + wait4 cycles: wall nanoseconds per cycle. */
    public static Result forkExitWait(int cycles, int warmups, int rounds) {
        return measure("fork+exit+wait cycle", "ns wall", warmups, rounds, () -> runToEnd(new KernelConfig(),
                new ForkExitWaitLoop(cycles), k -> expect(k.totalForks >= cycles, "the fork loop did not run")), cycles);
    }

    /** Simulated vfork + exit + wait4 cycles. */
    public static Result vforkExitWait(int cycles, int warmups, int rounds) {
        return measure("vfork+exit+wait cycle", "ns wall", warmups, rounds, () -> runToEnd(new KernelConfig(),
                new ForkExitWaitLoop(cycles, ForkExitWaitLoop.VFORK),
                k -> expect(k.totalForks >= cycles, "the vfork loop did not run")), cycles);
    }

    /** Simulated pthread_create + pthread_join cycles (CLONE_THREAD, then a futex wait on the TID word). */
    public static Result threadCreateJoin(int cycles, int warmups, int rounds) {
        return measure("thread create+join cycle", "ns wall", warmups, rounds, () -> runToEnd(new KernelConfig(),
                new ThreadCreateJoinLoop(cycles), k -> expect(k.totalForks >= cycles, "the thread loop did not run")),
                cycles);
    }

    /**
     * Two processes ping-ponging a byte through pipes on one CPU: wall nanoseconds per
     * simulated context switch (the inverse of switches per wall second).
     */
    public static Result contextSwitch(int roundTrips, int warmups, int rounds) {
        long[] switches = new long[1];
        Result r = measure("context switch (pipe ping-pong, 1 CPU)", "ns wall", warmups, rounds, () -> {
            KernelConfig cfg = new KernelConfig();
            cfg.cpus = 1;
            return runToEnd(cfg, new PipePingPong(roundTrips), k -> {
                switches[0] = k.sched.switches.switches;
                expect(switches[0] >= 2L * roundTrips, "the ping-pong did not run");
            });
        }, 1);
        double per = r.medianNs() / switches[0];
        return new Result(r.name(), per, r.minNs() / switches[0], r.maxNs() / switches[0], r.unit());
    }

    /**
     * {@code n} live tasks sleeping in pause() — threads of one process, or processes — :
     * creation wall ns per task, and heap bytes per task.
     */
    public static Result[] manyTasks(int n, boolean threads) {
        KernelConfig cfg = new KernelConfig();
        cfg.pidMax = KernelConfig.PID_MAX_LIMIT;
        Runtime rt = Runtime.getRuntime();
        gc();
        long before = rt.totalMemory() - rt.freeMemory();
        Kernel k = new Kernel(cfg);
        k.maxThreads = n + 1000; // a machine with the RAM for them (threads-max)
        k.boot(new InitProgram(new SpawnLoop(n, threads ? ThreadCreateJoinLoop.THREAD_FLAGS : ForkExitWaitLoop.FORK, 0)));
        long t0 = System.nanoTime();
        k.run();
        long t1 = System.nanoTime();
        expect(k.nrThreads >= n, "only " + k.nrThreads + " tasks were created");
        gc();
        long after = rt.totalMemory() - rt.freeMemory();
        double perTask = (double) (after - before) / n;
        java.lang.ref.Reference.reachabilityFence(k);
        String what = String.format("%,d live %s", n, threads ? "threads" : "processes");
        return new Result[] {
            new Result(what + ": creation", (double) (t1 - t0) / n, 0, 0, "ns wall per task"),
            new Result(what + ": heap", perTask, 0, 0, "bytes per task")};
    }

    /** {@code repeat n { fork w { } waitpid(w, 0) }}: the fork+exit+wait cycle written as a scenario. */
    static String forkExitWaitScenario(int n) {
        return "main {\n    repeat " + n + " {\n        fork w { }\n        waitpid(w, 0)\n    }\n}\n";
    }

    /** {@code n} children that pause() for good, and main pausing too: the run ends with all of them alive. */
    static String liveTasksScenario(int n) {
        return "pid_max 4194304\nmain {\n    repeat " + n + " {\n        fork w { pause() }\n    }\n    pause()\n}\n";
    }

    /**
     * Parses {@code src} and runs it as {@code ksim run} does — its trace formatted and written
     * through the same writer, into a null sink — on a machine with room for {@code maxThreads}
     * tasks: the kernel, still holding whatever the scenario left alive. The run must end as
     * {@code want} says: run to its end, or (tasks left asleep for good on purpose) deadlocked.
     */
    private static Kernel runScenario(String src, int maxThreads, RunEnd.Kind want) {
        Ast.Scenario sc;
        try {
            sc = Parser.parse("bench.ksim", src);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e.getMessage());
        }
        KernelConfig cfg = ScenarioRunner.config(sc, ScenarioRunner.Options.NONE);
        cfg.maxThreads = maxThreads;
        PrintWriter out = ScenarioRunner.traceWriter(OutputStream.nullOutputStream());
        ScenarioRunner.Outcome o = ScenarioRunner.boot(sc, cfg, out::println);
        o.kernel().run();
        out.flush();
        expect(o.failures().isEmpty() && o.end().kind() == want,
                "the scenario failed: " + o.failures() + " " + o.end().kind() + " " + o.end().message());
        return o.kernel();
    }

    /** The scenario fork+exit+wait loop of {@code cycles} cycles, parse to last line: wall ns per cycle. */
    public static Result scenarioForkExitWait(int cycles, int warmups, int rounds) {
        String src = forkExitWaitScenario(cycles);
        return measure(String.format("scenario fork+exit+wait, N=%,d", cycles), "ns wall", warmups, rounds, () -> {
            long t0 = System.nanoTime();
            Kernel k = runScenario(src, new KernelConfig().maxThreads, RunEnd.Kind.FINISHED);
            long t1 = System.nanoTime();
            expect(k.totalForks >= cycles, "the scenario's fork loop did not run");
            return t1 - t0;
        }, cycles);
    }

    /** {@code n} live tasks made by a scenario: wall ns per task (parse to the last fork), heap bytes per task. */
    public static Result[] scenarioLiveTasks(int n) {
        Runtime rt = Runtime.getRuntime();
        gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        // every task ends in pause(): the run ends with all of them alive, which ksim run calls a deadlock
        Kernel k = runScenario(liveTasksScenario(n), n + 1000, RunEnd.Kind.DEADLOCK);
        long t1 = System.nanoTime();
        expect(k.nrThreads >= n, "only " + k.nrThreads + " tasks were created");
        gc();
        long after = rt.totalMemory() - rt.freeMemory();
        java.lang.ref.Reference.reachabilityFence(k);
        String what = String.format("scenario: %,d live processes", n);
        return new Result[] {
            new Result(what + ": creation", (double) (t1 - t0) / n, 0, 0, "ns wall per task"),
            new Result(what + ": heap", (double) (after - before) / n, 0, 0, "bytes per task")};
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    /** alloc_pid()/free_pid() through a full cycle of the IDR at pid_max 4194304: wall ns per PID. */
    public static Result pidWrap(int warmups, int rounds) {
        int pidMax = KernelConfig.PID_MAX_LIMIT;
        return measure("PID alloc+free through a wrap at 4194304", "ns wall", warmups, rounds, () -> {
            Kernel k = new Kernel(new KernelConfig());
            PidNamespace ns = k.initPidNs;
            long[] err = new long[1];
            long t0 = System.nanoTime();
            for (int i = 0; i < pidMax; i++) {
                Pid p = Pids.allocPid(ns, pidMax, err);
                expect(p != null, "alloc_pid failed");
                Pids.freePid(k, p);
            }
            return System.nanoTime() - t0;
        }, pidMax);
    }

    /** 10,000 CPU hogs on 64 CPUs at HZ 1000: wall time to simulate one second. */
    public static Result manyRunnable(int tasks, int cpus, int warmups, int rounds) {
        return measure(String.format("%,d runnable on %d CPUs, 1 s at HZ 1000", tasks, cpus), "ms wall", warmups, rounds,
                () -> {
                    KernelConfig cfg = new KernelConfig();
                    cfg.cpus = cpus;
                    cfg.hz = 1000;
                    cfg.costs = cfg.costs.copy();
                    cfg.costs.forkNs = 1_000; // set-up only: the tasks exist within 10 ms
                    Kernel k = new Kernel(cfg);
                    k.maxThreads = tasks + 1000;
                    k.boot(new InitProgram(new SpawnLoop(tasks, ForkExitWaitLoop.FORK, 1_000_000_000_000L).rtCreator()));
                    k.run(50_000_000L);
                    expect(k.nrThreads >= tasks, "the hogs were not created");
                    long t0 = System.nanoTime();
                    k.run(k.now() + 1_000_000_000L);
                    return (System.nanoTime() - t0) / 1_000_000L;
                }, 1);
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /** "real kernel: 165000.0 ns (ksim 140x faster)" or why there is no real number. */
    private static String beside(RealKernel real, String prog, long arg, double simNs) {
        Double ns = real.run(prog, arg);
        if (ns == null) {
            return "real kernel: n/a (" + real.why() + ")";
        }
        return String.format("real kernel: %.1f ns  (ksim %.0fx faster)", ns, ns / simNs);
    }

    /** The benchmarks, each run in a JVM of its own (as JMH forks): one's JIT profile must not slow another. */
    private static final String[] NAMES = {"fork", "vfork", "thread", "switch", "threads", "processes", "pids", "runnable",
        "scenario-fork", "scenario-live", "startup"};

    public static void runAll(PrintStream out, boolean quick) {
        out.println("ksim bench — wall time on this machine (" + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; each benchmark in a fresh JVM)");
        out.flush();
        RealKernel real = RealKernel.find();
        for (String name : NAMES) {
            String line = forked(name, quick);
            out.println(line);
            String[] realArgs = switch (name) {
                case "fork" -> new String[] {"fork_exit_wait", quick ? "1000" : "5000"};
                case "vfork" -> new String[] {"vfork_exit_wait", quick ? "2000" : "10000"};
                case "thread" -> new String[] {"thread_create_join", quick ? "2000" : "10000"};
                case "switch" -> new String[] {"pipe_pingpong", quick ? "20000" : "100000"};
                default -> null;
            };
            if (realArgs != null) {
                double sim = medianOf(line);
                out.println("    " + (name.equals("switch") ? String.format("%.0f simulated switches per wall second; ",
                        1e9 / sim) : "") + beside(real, realArgs[0], Long.parseLong(realArgs[1]), sim));
            }
            out.flush();
        }
    }

    /** The median a result line printed ("name   935.3 ns wall   (...)"). */
    private static double medianOf(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s(\\d+\\.\\d)\\s").matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Runs one benchmark in a new JVM (this one's java and class path) and returns what it printed. */
    private static String forked(String name, boolean quick) {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        try {
            Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Benchmarks.class.getName(),
                    name, quick ? "quick" : "full").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : name + ": the benchmark failed: " + out;
        } catch (java.io.IOException e) {
            return name + ": cannot start a JVM (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return name + ": interrupted";
        }
    }

    /** One benchmark, in this JVM: what {@link #runAll} forks. */
    public static void main(String[] args) {
        boolean quick = args.length > 1 && args[1].equals("quick");
        int w = quick ? 2 : 5;
        int r = quick ? 3 : 7;
        int cycles = quick ? 20_000 : 200_000;
        switch (args[0]) {
            case "fork" -> System.out.println(forkExitWait(cycles, w, r));
            case "vfork" -> System.out.println(vforkExitWait(cycles, w, r));
            case "thread" -> System.out.println(threadCreateJoin(cycles, w, r));
            case "switch" -> System.out.println(contextSwitch(quick ? 50_000 : 500_000, w, r));
            case "threads", "processes" -> {
                Result[] m = manyTasks(quick ? 100_000 : 1_000_000, args[0].equals("threads"));
                System.out.println(m[0] + "\n" + m[1]);
            }
            case "pids" -> System.out.println(pidWrap(quick ? 0 : 1, quick ? 1 : 3));
            case "runnable" -> System.out.println(manyRunnable(10_000, 64, quick ? 0 : 1, quick ? 1 : 3));
            case "scenario-fork" -> { // N and 4N: the cost per cycle does not grow with N
                int n = quick ? 5_000 : 25_000;
                // the JIT settles after about a million cycles (rounds of 25,000 vary 10x before)
                int warm = (quick ? 200_000 : 1_000_000) / n;
                System.out.println(scenarioForkExitWait(n, warm, r) + "\n" + scenarioForkExitWait(4 * n, w, r));
            }
            case "scenario-live" -> { // a smaller run first, so that neither measured one pays for the JIT
                int n = quick ? 25_000 : 250_000;
                scenarioLiveTasks(n / 4);
                Result[] a = scenarioLiveTasks(n);
                Result[] b = scenarioLiveTasks(4 * n);
                System.out.println(a[0] + "\n" + a[1] + "\n" + b[0] + "\n" + b[1]);
            }
            case "startup" -> System.out.println(StartUp.measure(quick ? 1 : 2, quick ? 3 : 11));
            default -> throw new IllegalArgumentException("no benchmark " + args[0]);
        }
    }
}
