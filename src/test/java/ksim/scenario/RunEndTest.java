package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a run ends: to its end, in a deadlock, at a limit, or at a scenario error (RunEnd). */
class RunEndTest {
    private record Ran(String trace, ScenarioRunner.Outcome outcome) {
        RunEnd end() {
            return outcome.end();
        }
    }

    private static Ran run(String src, RunLimits limits) throws ScenarioException {
        StringBuilder trace = new StringBuilder();
        ScenarioRunner.Outcome o = ScenarioRunner.run(Parser.parse("t.ksim", src),
                new ScenarioRunner.Options(null, null, List.of(), limits), l -> trace.append(l).append('\n'));
        return new Ran(trace.toString(), o);
    }

    private static Ran run(String src) throws ScenarioException {
        return run(src, RunLimits.DEFAULT);
    }

    private static RunLimits maxTime(long ns) {
        return new RunLimits(ns, 0, null);
    }

    @Test
    void aReadNoOneWillAnswerIsADeadlockAndItsExpectsAreNotReached() throws Exception {
        Ran r = run("main {\n    pipe(p)\n    expect read(p, 1) = 1\n    expect getpid() = 99\n}\n");
        assertEquals("[main] pipe(p) = 0\n", r.trace());
        assertEquals(RunEnd.Kind.DEADLOCK, r.end().kind());
        assertEquals(1, r.outcome().exitCode());
        String m = r.end().message();
        assertTrue(m.startsWith("t.ksim: deadlock at 0.0000002 s: no task of the scenario can run again"), m);
        assertTrue(m.contains("\n  [main] PID 1 (global "), m);
        assertTrue(m.contains("): read(p, 1) at t.ksim:3:12, S (sleeping) since "), m);
        assertTrue(m.endsWith(": __schedule <- schedule <- pipe_read <- vfs_read <- ksys_read <- __x64_sys_read"
                + " <- do_syscall_64 <- entry_SYSCALL_64_after_hwframe"), m);
        assertEquals(List.of("t.ksim:3:5: expect not reached: read(p, 1) = 1",
                "t.ksim:4:5: expect not reached: getpid() = 99"), r.end().unreached());
    }

    @Test
    void everyStuckTaskIsListedAStoppedOneToo() throws Exception {
        Ran r = run("main {\n    fork c {\n        pause()\n    }\n    sleep(10ms)\n    kill(c, SIGSTOP)\n    waitpid(c, 0)\n}\n");
        assertEquals(RunEnd.Kind.DEADLOCK, r.end().kind(), r.trace());
        String m = r.end().message();
        assertTrue(m.contains("[main] PID 1 (global ") && m.contains("waitpid(c, 0) at t.ksim:7:5, S (sleeping)"), m);
        assertTrue(m.contains("[c] PID 2 (global ") && m.contains("pause() at t.ksim:3:9, T (stopped)")
                && m.contains("do_signal_stop"), m);
        assertTrue(r.end().unreached().isEmpty(), "no expect in it");
    }

    @Test
    void tasksAsleepWithTheirTimerDueAreNotDeadlocked() throws Exception {
        // kernel threads asleep for good and init's pause() once main is gone are normal too
        Ran r = run("main {\n    fork a {\n        sleep(1000s)\n    }\n    expect waitpid(a, 0) = a exited(0)\n}\n");
        assertEquals(RunEnd.Kind.FINISHED, r.end().kind(), r.end().message());
        assertEquals(0, r.outcome().exitCode());
        assertTrue(r.end().ranToItsEnd());
    }

    @Test
    void aRunStillGoingAtMaxTimeIsStopped() throws Exception {
        Ran r = run("main {\n    spin(4611686018s)\n    expect getpid() = main\n}\n", maxTime(2_000_000_000L));
        assertEquals(RunEnd.Kind.MAX_TIME, r.end().kind());
        assertEquals("t.ksim was still running at 2 s of simulated time (--max-time) and was stopped;"
                + " the trace holds what it printed until then", r.end().message());
        assertTrue(r.outcome().kernel().now() <= 2_000_000_000L);
        assertEquals(List.of("t.ksim:3:5: expect not reached: getpid() = main"), r.end().unreached());
        assertEquals(1, r.outcome().exitCode());
        assertEquals("", r.trace());
    }

    @Test
    void theDefaultMaxTimeIsAnHour() throws Exception {
        Ran r = run("main {\n    sleep(3599s)\n    sleep(2s)\n}\n");
        assertEquals("[main] sleep(3599s) = 0\n", r.trace());
        assertEquals(RunEnd.Kind.MAX_TIME, r.end().kind());
    }

    @Test
    void aRunStillGoingAtItsWallClockTimeoutIsStopped() throws Exception {
        // 1 ns: the watchdog's first look (after Kernel.WATCH_PERIOD events) stops the run
        Ran r = run("main {\n    spin(1000000s)\n}\n", new RunLimits(RunLimits.MAX_MAX_TIME_NS, 1, null));
        assertEquals(RunEnd.Kind.TIMEOUT, r.end().kind());
        assertTrue(r.end().message().startsWith("t.ksim was still running after 0.000000001 s of wall-clock time"
                + " (--timeout), at "), r.end().message());
        assertEquals(1, r.outcome().exitCode());
    }

    @Test
    void progressIsReportedWhileARunGoesOnAndClearedAtItsEnd() throws Exception {
        List<String> shown = new java.util.ArrayList<>();
        RunLimits limits = new RunLimits(600_000_000_000L, 0, shown::add);
        Ast.Scenario sc = Parser.parse("t.ksim", "main {\n    spin(1000s)\n}\n");
        ScenarioRunner.Outcome o = ScenarioRunner.boot(sc, ScenarioRunner.config(sc, ScenarioRunner.Options.NONE),
                l -> { }, null, limits);
        Watchdog w = new Watchdog(o.kernel(), "t.ksim", limits, 0); // reports from its first look on
        o.kernel().watchdog = w;
        o.kernel().runWithin(limits.maxTimeNs());
        w.finish();
        assertTrue(shown.size() >= 2, shown.toString());
        assertTrue(shown.get(0).matches("ksim: t\\.ksim: \\d+ s of 600 s simulated \\(--max-time\\), \\d+ s elapsed"),
                shown.get(0));
        assertEquals("", shown.get(shown.size() - 1), "cleared at the end");
        assertEquals(RunEnd.Kind.MAX_TIME, o.end().kind());
    }

    @Test
    void withoutLimitsOrProgressNoWatchdogIsInstalled() throws Exception {
        Ran r = run("main {\n    getpid()\n}\n");
        assertEquals(null, r.outcome().kernel().watchdog);
    }

    @Test
    void requestsThatTakeNoTimeStillMeetTheTimeout() throws Exception {
        // no simulated time passes: the watchdog is met through the requests themselves
        Ran r = run("main {\n    repeat 9223372036854775807 {\n        spin(0ns)\n    }\n}\n",
                new RunLimits(RunLimits.DEFAULT_MAX_TIME_NS, 1, null));
        assertEquals(RunEnd.Kind.TIMEOUT, r.end().kind());
        assertEquals(0, r.outcome().kernel().now() >> 40, "no simulated time to speak of");
    }

    @Test
    void aLoopThatDoesNothingTakesNoTime() throws Exception {
        Ran r = run("main {\n    repeat 9223372036854775807 {\n        repeat 1000 {\n        }\n    }\n    getpid()\n}\n");
        assertEquals("[main] getpid() = main\n", r.trace());
        assertEquals(RunEnd.Kind.FINISHED, r.end().kind());
    }

    @Test
    void aSpinAsLongAsTheClockIsChargedAsItRuns() throws Exception {
        // spin(KTIME_MAX) used to end at once, its end wrapped into the past: cputime 0 ms
        Ran r = run("main {\n    fork a {\n        spin(9223372036854775807ns)\n    }\n    sleep(1s)\n"
                + "    expect cputime(a) ~ 1000 ms\n    kill(a, SIGKILL)\n    waitpid(a, 0)\n}\n");
        assertEquals(RunEnd.Kind.FINISHED, r.end().kind(), r.trace());
        assertTrue(r.outcome().failures().isEmpty(), r.trace());
    }

    @Test
    void sleepsOfCenturiesSaturateAtKtimeMaxAndNeverWrap() throws Exception {
        // b's second expiry, 3e8 s + 9e9 s after boot, passes KTIME_MAX: it saturates instead of
        // wrapping to the past (b used to wake at once, long before a); neither timer comes
        // before the clock's end (2^62 ns)
        Ran r = run("main {\n    fork a {\n        sleep(9000000000s)\n        getpid()\n    }\n"
                + "    fork b {\n        sleep(300000000s)\n        sleep(9000000000s)\n        getpid()\n    }\n"
                + "    waitpid(a, 0)\n    waitpid(b, 0)\n}\n", maxTime(RunLimits.MAX_MAX_TIME_NS));
        assertEquals("[main] fork a = a\n[main] fork b = b\n[b] sleep(300000000s) = 0\n", r.trace());
        assertEquals(RunEnd.Kind.MAX_TIME, r.end().kind());
        assertTrue(r.outcome().kernel().now() < ksim.kernel.Kernel.END_OF_TIME);
    }

    @Test
    void aNameNoTaskHasHadStopsTheRunAtItsPosition() throws Exception {
        Ran r = run("main {\n    fork b {\n        kill(x, SIGKILL)\n        getpid()\n    }\n"
                + "    waitpid(b, 0)\n    fork x {\n    }\n}\n");
        assertEquals("[main] fork b = b\n", r.trace());
        assertEquals(RunEnd.Kind.ERROR, r.end().kind());
        assertEquals("t.ksim:3:14: no task named 'x' has been created yet", r.end().message());
        assertEquals(2, r.outcome().exitCode());
    }

    @Test
    void aFailedSpawnBindsNoName() throws Exception {
        // main is its namespace's init: CLONE_PARENT fails with EINVAL, and c never exists
        Ran r = run("main {\n    clone c CLONE_PARENT|SIGCHLD {\n    }\n    waitpid(-c, WNOHANG)\n}\n");
        assertEquals("[main] clone c CLONE_PARENT|SIGCHLD = -1 EINVAL\n", r.trace());
        assertEquals("t.ksim:4:13: no task named 'c' has been created yet", r.end().message());
    }

    @Test
    void namesOfTasksThatExistStillResolve() throws Exception {
        Ran r = run("main {\n    repeat 2 {\n        fork w {\n            pause()\n        }\n    }\n"
                + "    expect kill(w.2, SIGKILL) = 0\n    expect waitpid(w.2, 0) = w.2 killed(SIGKILL)\n"
                + "    kill(w.1, SIGKILL)\n    expect waitpid(-1, 0) = w.1 killed(SIGKILL)\n}\n");
        assertEquals(RunEnd.Kind.FINISHED, r.end().kind(), r.end().message());
        assertTrue(r.outcome().failures().isEmpty(), r.outcome().failures() + "\n" + r.trace());
        assertFalse(r.trace().contains("ESRCH"), r.trace());
    }
}
