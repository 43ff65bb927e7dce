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

    public static void runAll(PrintStream out, boolean quick) {
        out.println("ksim bench — wall time on this machine (" + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version() + ")");
        out.flush();
        int cycles = quick ? 20_000 : 200_000;
        out.println(forkExitWait(cycles, quick ? 2 : 5, quick ? 3 : 7));
    }
}
