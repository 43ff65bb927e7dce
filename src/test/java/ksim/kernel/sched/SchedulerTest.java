package ksim.kernel.sched;

import ksim.abi.Sched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ksim.kernel.Kernel;
import ksim.kernel.KernelConfig;
import ksim.scenario.Runs;
import org.junit.jupiter.api.Test;

/** The scheduler's arithmetic and mechanisms, beyond what the conformance scenarios show. */
class SchedulerTest {
    /** __calc_delta() with the kernel's fixed point: 1 ms at nice 19 (weight 15, wmult 286331153). */
    @Test
    void calcDeltaFairUsesTheKernelsFixedPoint() {
        SchedEntity se = new SchedEntity(null);
        se.weight = Weights.PRIO_TO_WEIGHT[39];
        se.invWeight = Weights.PRIO_TO_WMULT[39];
        // fact = 1024 * 286331153, shifted right 7 times to fit 32 bits; (1e6 * fact) >> 25
        assertEquals(68_266_666L, Weights.calcDeltaFair(1_000_000L, se));
        assertEquals(1_000_000L, Weights.calcDeltaFair(1_000_000L, new SchedEntity(null)));
        // sched_slice() share of a 6 ms period at weight 1024 among 1024 + 110 + 15: inv_weight =
        // 0xffffffff / 1149 = 3737969, fact = 1024 * 3737969 fits 32 bits, (6e6 * fact) >> 32
        assertEquals(5_347_257L, Weights.calcDelta(6_000_000L, 1024, Weights.invWeight(1024 + 110 + 15)));
    }

    /**
     * The class registry: Linux's order, __setscheduler_class() (rt by priority, so a boosted
     * SCHED_NORMAL priority is rt's; fair by policy), valid_policy(), and the configured fair variant.
     */
    @Test
    void classesComeInLinuxsOrderAndPoliciesSelectThem() {
        KernelConfig cfg = new KernelConfig();
        SchedClasses c = new SchedClasses(cfg);
        List<String> names = new ArrayList<>();
        for (SchedClass sc : c.order) {
            names.add(sc.name);
        }
        assertEquals(List.of("stop", "rt", "fair", "idle"), names);
        assertTrue(c.stop.above(c.rt) && c.rt.above(c.fair) && c.fair.above(c.idle) && !c.fair.above(c.rt));
        assertSame(c.rt, c.setschedulerClass(Sched.SCHED_FIFO, 0));
        assertSame(c.rt, c.setschedulerClass(Sched.SCHED_RR, 98));
        assertSame(c.rt, c.setschedulerClass(Sched.SCHED_NORMAL, 50));
        for (int policy : new int[] {Sched.SCHED_NORMAL, Sched.SCHED_BATCH, Sched.SCHED_IDLE}) {
            assertSame(c.fair, c.setschedulerClass(policy, 120));
            assertTrue(c.validPolicy(policy));
        }
        assertFalse(c.validPolicy(Sched.SCHED_DEADLINE));
        assertFalse(c.validPolicy(4));
        assertTrue(c.fair instanceof EevdfSchedClass);
        cfg.sched = KernelConfig.SchedMode.CFS;
        assertTrue(new SchedClasses(cfg).fair instanceof CfsSchedClass);
    }

    /** Every nice level's weight is ~1.25 times the next one's, and wmult is 2^32 / weight. */
    @Test
    void weightTablesAreConsistent() {
        for (int i = 0; i < 40; i++) {
            long w = Weights.PRIO_TO_WEIGHT[i];
            assertTrue(Math.abs(Weights.PRIO_TO_WMULT[i] - (1L << 32) / w) <= 1, "wmult of nice " + (i - 20));
            if (i > 0) {
                double r = (double) Weights.PRIO_TO_WEIGHT[i - 1] / w;
                assertTrue(r >= 1.19 && r <= 1.3, "ratio at nice " + (i - 20) + ": " + r);
            }
        }
    }

    /** calc_load(): one runnable task for one LOAD_FREQ from zero gives 0.08, and 60 s of it about 1 - 1/e. */
    @Test
    void loadAverageDecaysLikeTheKernels() {
        long one = LoadAvg.calcLoad(0, LoadAvg.EXP_1, LoadAvg.FIXED_1);
        assertEquals(164, one);
        assertEquals("0.08", LoadAvg.format(one));
        long l = 0;
        for (int i = 0; i < 12; i++) {
            l = LoadAvg.calcLoad(l, LoadAvg.EXP_1, LoadAvg.FIXED_1);
        }
        assertEquals("0.63", LoadAvg.format(l));
    }

    /** A hog for 60 s on the simulated machine: the 1-minute average rises as calc_load() says. */
    @Test
    void loadAverageFollowsRunnableTasks() throws Exception {
        Runs.Run r = Runs.run("load.ksim", "main {\n    spin(61s)\n}\n");
        Kernel k = r.outcome().kernel();
        long[] avg = k.sched.loadAvg.read(k.sched, 61_000_000_000L);
        assertEquals("0.63", LoadAvg.format(avg[0]));
    }

    /** The same shares come out of the CFS class as out of EEVDF. */
    @Test
    void cfsGivesTheWeightTablesSharesToo() throws Exception {
        String src = Files.readString(Path.of("conformance/sched/nice-shares.ksim")).replace("cpus 1\n", "cpus 1\nsched cfs\n");
        Runs.Run r = Runs.run("nice-shares-cfs.ksim", src);
        assertEquals(0, r.outcome().exitCode(), r.trace());
    }

    /** Each new task's first switch-in goes through ret_from_fork; each task's first user code traps once for the FPU. */
    @Test
    void switchesCountFirstRunsAndFpuUse() {
        Runs.Run r = Runs.run("sw.ksim", """
                cpus 1
                main {
                    fork a {
                        spin(10ms)
                    }
                    fork b {
                        spin(10ms)
                    }
                    spin(10ms)
                    wait()
                    wait()
                }
                """);
        ContextSwitch sw = r.outcome().kernel().sched.switches;
        assertEquals(4, sw.retFromFork); // init's main, a, b — and init itself, forked from the idle task
        assertEquals(3, sw.fpuFirstUseTraps); // main, a and b ran user code
        assertTrue(sw.fpuRestores > 0 && sw.fpuSaves > 0, "hogs sharing a CPU save and reload FPU state");
        assertTrue(sw.lazyTlbSwitches > 0, "switching to the idle task keeps the mm loaded");
    }

    /** RT throttling leaves its mark in the kernel log, once, as printk_deferred_once() does. */
    @Test
    void rtThrottlingIsLoggedOnce() throws Exception {
        Runs.Run r = Runs.run(ksim.scenario.Parser.parseFile(Path.of("conformance/sched/fifo-throttle.ksim")), null);
        List<String> log = r.outcome().kernel().log;
        assertEquals(1, log.stream().filter(l -> l.endsWith("] sched: RT throttling activated")).count(), log.toString());
    }
}
