package ksim.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ksim.kernel.Kernel;
import ksim.kernel.task.Task;
import ksim.scenario.Parser;
import ksim.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;

/** crash's task commands on a simulated kernel stopped mid-scenario. */
class CrashTest {
    private static Kernel at(String src, long ns) throws Exception {
        var sc = Parser.parse("t.ksim", src);
        ScenarioRunner.Outcome o = ScenarioRunner.boot(sc, ScenarioRunner.config(sc, ScenarioRunner.Options.NONE), l -> { });
        o.kernel().run(ns);
        return o.kernel();
    }

    private static final String SLEEPER = """
            main {
                fork child {
                    sleep(1s)
                }
                waitpid(child, 0)
            }
            """;

    private static Task byComm(Kernel k, String comm, int nth) {
        int i = 0;
        for (Task t : CrashPs.allTasks(k)) {
            if (t.comm.equals(comm) && i++ == nth) {
                return t;
            }
        }
        throw new AssertionError("no " + comm);
    }

    @Test
    void psListsIdleTasksKernelThreadsAndTheScenario() throws Exception {
        Kernel k = at(SLEEPER, 100_000_000L);
        String out = Crash.execute(k, "ps").output();
        String[] lines = out.split("\n");
        assertEquals(CrashPs.HEADER, lines[0]);
        assertTrue(lines[1].matches(">       0       0   0  ffff888100000000  RU   0\\.0        0        0  \\[swapper/0\\]"), lines[1]);
        assertTrue(out.contains("       2       0   0  "), "kthreadd is PID 2, child of swapper");
        assertTrue(out.contains("  IN   0.0    14204     1128  main\n"), out);
        assertTrue(out.contains("[migration/1]"), out);
        assertTrue(Crash.execute(k, "ps -u").output().lines().noneMatch(l -> l.contains("[")));
        assertTrue(Crash.execute(k, "ps -k").output().lines().skip(1).allMatch(l -> l.endsWith("]")));
    }

    @Test
    void btShowsWhereATaskSleeps() throws Exception {
        Kernel k = at(SLEEPER, 100_000_000L);
        Task child = byComm(k, "main", 1);
        String bt = Crash.execute(k, "bt " + child.threadPid.globalNr()).output();
        assertTrue(bt.startsWith("PID: " + child.threadPid.globalNr()), bt);
        assertTrue(bt.contains("] __schedule at ffffffff81"), bt);
        assertTrue(bt.contains("] do_nanosleep at "), bt);
        assertTrue(bt.contains("] entry_SYSCALL_64_after_hwframe at "), bt);
        Task parent = byComm(k, "main", 0);
        assertTrue(Crash.execute(k, "bt " + parent.threadPid.globalNr()).output().contains("] do_wait at "));
        assertTrue(Crash.execute(k, "bt 2").output().contains("] kthreadd at "));
    }

    @Test
    void taskDumpsTheTaskStructAndSelectedMembers() throws Exception {
        Kernel k = at(SLEEPER, 100_000_000L);
        Task child = byComm(k, "main", 1);
        int pid = child.threadPid.globalNr();
        String r = Crash.execute(k, "task -R flags,comm " + pid).output();
        assertEquals(TaskDump.header(child) + "\n  flags = " + child.flags + ",\n  comm = \"main\", '\\000' <repeats 11 times>,\n", r);
        String full = Crash.execute(k, "task " + pid).output();
        assertTrue(full.contains("struct task_struct {\n  thread_info = {\n"), full);
        assertTrue(full.contains("  __state = 1,\n"), full);
        assertTrue(full.contains("  sched_class = 0xffffffff"), full);
        assertTrue(full.endsWith("  }\n}\n"), full);
        assertFalse(Crash.execute(k, "task -R nosuch " + pid).ok());
        // one error, however many tasks were named (PID 0 is one idle task per CPU)
        assertEquals(new Crash.Result("task: invalid structure member name: nosuch\n", false),
                Crash.execute(k, "task -R comm,nosuch 1 " + pid + " 0"));
        assertFalse(Crash.execute(k, "bt 99999").ok());
        assertFalse(Crash.execute(k, "kmem -i").ok());
    }

    @Test
    void commPrintsAsGdbPrintsAChar16() {
        assertEquals("\"swapper/0\\000\\000\\000\\000\\000\\000\"", TaskDump.comm("swapper/0"));
        assertEquals("\"sh\", '\\000' <repeats 13 times>", TaskDump.comm("sh"));
    }
}
