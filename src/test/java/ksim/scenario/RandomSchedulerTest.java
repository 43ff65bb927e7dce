package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import ksim.kernel.Kernel;
import org.junit.jupiter.api.Test;

/**
 * Generated scheduling workloads — spins, sleeps, nice values, every policy, affinities,
 * yields, forks and exits, on 1 to 4 CPUs, under EEVDF and CFS, at HZ 100, 250 and 1000 —
 * run with the invariant checker after every event (see SchedInvariants: every runnable task
 * queued exactly once, min_vruntime monotonic, no CPU idle while another has a task it could
 * take, busy time equal to charged run time). Each must reap everything and be deterministic.
 */
class RandomSchedulerTest {
    private static final int PROGRAMS = 1000;

    @Test
    void generatedWorkloadsKeepTheSchedulerConsistent() {
        for (int seed = 0; seed < PROGRAMS; seed++) {
            String src = new Generator(new Random(seed)).scenario();
            String file = "random-sched-" + seed + ".ksim";
            Runs.Run r;
            try {
                r = Runs.run(file, src);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nscenario:\n" + src, e);
            }
            Kernel k = r.outcome().kernel();
            assertEquals(k.bootThreads, k.nrThreads, file + ": only init and the kernel threads may be left\n" + src + "\n" + r.trace());
            assertTrue(k.init().children.isEmpty(), file + ": init has reaped main");
            if (seed % 40 == 0) {
                assertEquals(r.trace(), Runs.run(file, src).trace(), file + " is not deterministic");
            }
        }
    }

    /** Random scheduling workloads. */
    static final class Generator {
        private final Random rnd;
        private final StringBuilder sb = new StringBuilder();
        private int cpus;
        private int names;

        Generator(Random rnd) {
            this.rnd = rnd;
        }

        String scenario() {
            cpus = 1 + rnd.nextInt(4);
            sb.append("cpus ").append(cpus).append('\n');
            sb.append("hz ").append(new int[] {100, 250, 1000}[rnd.nextInt(3)]).append('\n');
            sb.append("sched ").append(rnd.nextBoolean() ? "eevdf" : "cfs").append('\n');
            sb.append("seed ").append(rnd.nextInt(1000)).append('\n');
            sb.append("main {\n");
            int children = 1 + rnd.nextInt(6);
            for (int i = 0; i < children; i++) {
                task(1, 2);
            }
            if (rnd.nextBoolean()) {
                ops(1);
            }
            for (int i = 0; i < children; i++) {
                sb.append("    wait()\n");
            }
            sb.append("}\n");
            return sb.toString();
        }

        private void task(int depth, int budget) {
            String name = "t" + names++;
            indent(depth);
            sb.append("fork ").append(name).append(" {\n");
            ops(depth + 1);
            int kids = budget > 0 ? rnd.nextInt(3) : 0;
            for (int i = 0; i < kids; i++) {
                task(depth + 1, budget - 1);
            }
            for (int i = 0; i < kids; i++) {
                indent(depth + 1);
                sb.append(rnd.nextInt(4) == 0 ? "sleep(1ms)\n" : "wait()\n");
            }
            indent(depth);
            sb.append("}\n");
        }

        private void ops(int depth) {
            int n = 1 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                indent(depth);
                switch (rnd.nextInt(9)) {
                    case 0, 1 -> sb.append("spin(").append(1 + rnd.nextInt(40)).append("ms)\n");
                    case 2 -> sb.append("sleep(").append(rnd.nextInt(30)).append("ms)\n");
                    case 3 -> sb.append("nice(").append(rnd.nextInt(30) - 10).append(")\n");
                    case 4 -> {
                        String[] pol = {"SCHED_OTHER", "SCHED_BATCH", "SCHED_IDLE", "SCHED_FIFO", "SCHED_RR"};
                        int p = rnd.nextInt(pol.length);
                        sb.append("sched_setscheduler(0, ").append(pol[p]).append(", ")
                                .append(p >= 3 ? 1 + rnd.nextInt(99) : 0).append(")\n");
                    }
                    case 5 -> {
                        StringBuilder set = new StringBuilder();
                        for (int c = 0; c < cpus; c++) {
                            if (rnd.nextBoolean() || (c == cpus - 1 && set.isEmpty())) {
                                set.append(set.isEmpty() ? "" : ", ").append(c);
                            }
                        }
                        sb.append("sched_setaffinity(0, {").append(set).append("})\n");
                    }
                    case 6 -> sb.append("sched_yield()\n");
                    case 7 -> sb.append("spin(").append(50 + rnd.nextInt(500)).append("us)\n");
                    default -> sb.append("getpriority(PRIO_PROCESS, 0)\n");
                }
            }
        }

        private void indent(int depth) {
            sb.append("    ".repeat(depth));
        }
    }
}
