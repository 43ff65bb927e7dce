package ksim.bench;

import java.io.PrintStream;
import java.util.Arrays;
import ksim.kernel.InitProgram;
import ksim.kernel.Kernel;
import ksim.kernel.KernelConfig;

/**
 * ksim's headline numbers, measured in wall time on this machine. Each benchmark runs
 * warm-up rounds (so the JIT has compiled the hot paths), then measured rounds, and reports
 * the median round. These numbers belong here, never in timed unit tests.
 */
public final class Benchmarks {
    private Benchmarks() {}

    /** One measured quantity: the median and the spread of the rounds, per operation. */
    public record Result(String name, double medianNs, double minNs, double maxNs, String unit) {
        @Override
        public String toString() {
            return String.format("%-34s %10.1f %s   (min %.1f, max %.1f over rounds)", name, medianNs, unit, minNs, maxNs);
        }
    }

    /** Simulated fork + exit + wait4 cycles: wall nanoseconds per cycle. */
    public static Result forkExitWait(int cyclesPerRound, int warmups, int rounds) {
        double[] perCycle = new double[rounds];
        for (int r = -warmups; r < rounds; r++) {
            Kernel k = new Kernel(new KernelConfig());
            k.boot(new InitProgram(new ForkExitWaitLoop(cyclesPerRound)));
            long t0 = System.nanoTime();
            k.run();
            long t1 = System.nanoTime();
            if (k.totalForks < cyclesPerRound) {
                throw new IllegalStateException("the loop did not run: " + k.totalForks + " forks");
            }
            if (r >= 0) {
                perCycle[r] = (double) (t1 - t0) / cyclesPerRound;
            }
        }
        Arrays.sort(perCycle);
        return new Result("fork+exit+wait cycle (simulated)", perCycle[rounds / 2], perCycle[0],
                perCycle[rounds - 1], "ns wall");
    }

    /**
     * Two processes ping-ponging a byte through pipes on one CPU: wall nanoseconds per
     * simulated context switch (the inverse of switches per wall second).
     */
    public static Result contextSwitch(int roundTrips, int warmups, int rounds) {
        double[] perSwitch = new double[rounds];
        for (int r = -warmups; r < rounds; r++) {
            KernelConfig cfg = new KernelConfig();
            cfg.cpus = 1;
            Kernel k = new Kernel(cfg);
            k.boot(new InitProgram(new PipePingPong(roundTrips)));
            long t0 = System.nanoTime();
            k.run();
            long t1 = System.nanoTime();
            long switches = k.sched.switches.switches;
            if (switches < 2L * roundTrips) {
                throw new IllegalStateException("the ping-pong did not run: " + switches + " switches");
            }
            if (r >= 0) {
                perSwitch[r] = (double) (t1 - t0) / switches;
            }
        }
        Arrays.sort(perSwitch);
        return new Result("context switch (pipe ping-pong, 1 CPU)", perSwitch[rounds / 2], perSwitch[0],
                perSwitch[rounds - 1], "ns wall");
    }

    public static void runAll(PrintStream out, boolean quick) {
        out.println("ksim bench — wall time on this machine (" + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version() + ")");
        out.flush();
        int cycles = quick ? 20_000 : 200_000;
        out.println(forkExitWait(cycles, quick ? 2 : 5, quick ? 3 : 7));
        out.flush();
        Result cs = contextSwitch(quick ? 50_000 : 500_000, quick ? 2 : 5, quick ? 3 : 7);
        out.println(cs);
        out.printf("%-34s %10.0f switches per wall second%n", "", 1e9 / cs.medianNs());
    }
}
