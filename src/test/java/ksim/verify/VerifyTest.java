package ksim.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ksim verify's logic, with checks whose real-kernel answers are scripted: no kernel is run. */
class VerifyTest {
    /** An attempt that saw {@code answer}: it agrees when the answer is "golden"; "quirk-Q" is host quirk Q's answer. */
    static Attempt saw(String answer) {
        return new Attempt(answer.equals("golden") ? List.of() : List.of("got " + answer), answer, Object::equals,
                answer.startsWith("quirk-") ? answer.substring(6) : null);
    }

    /** A check whose attempts see the given answers in turn. */
    static final class Scripted implements Check {
        final String name;
        final Deque<String> answers;
        final boolean measured;
        final String skip;
        int attempts;

        Scripted(String name, boolean measured, String skip, String... answers) {
            this.name = name;
            this.measured = measured;
            this.skip = skip;
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public Path scenario() {
            return Path.of(name + ".ksim");
        }

        @Override
        public String kind() {
            return "trace";
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean measured() {
            return measured;
        }

        @Override
        public String skip() {
            return skip;
        }

        @Override
        public Attempt attempt() {
            attempts++;
            return saw(answers.isEmpty() ? "nothing more scripted" : answers.poll());
        }
    }

    static final Verify.Options THREE = new Verify.Options(1, 3, Duration.ofSeconds(1), Duration.ZERO);

    @Test
    void aGoldenTheKernelAgreesWithPassesAtTheFirstAgreement() throws Exception {
        Scripted c = new Scripted("a", false, null, "late", "golden", "other");
        Verdict v = Verify.verdict(c, THREE, new java.util.concurrent.locks.ReentrantLock());
        assertEquals(Verdict.Kind.PASSED, v.kind());
        assertEquals(2, v.attempts());
        assertEquals(2, c.attempts);
    }

    @Test
    void theSameOtherAnswerEveryTimeFails() throws Exception {
        Verdict v = Verify.verdict(new Scripted("a", false, null, "x", "x", "x"), THREE,
                new java.util.concurrent.locks.ReentrantLock());
        assertEquals(new Verdict(Verdict.Kind.FAILED, 3, List.of("got x")), v);
    }

    @Test
    void differentAnswersAreUnstable() throws Exception {
        Verdict v = Verify.verdict(new Scripted("a", false, null, "x", "y", "x"), THREE,
                new java.util.concurrent.locks.ReentrantLock());
        assertEquals(new Verdict(Verdict.Kind.UNSTABLE, 3, List.of("got x")), v);
    }

    @Test
    void theAnswerOfAKnownHostQuirkTwiceIsThatQuirk() throws Exception {
        Scripted c = new Scripted("a", false, null, "quirk-hup-only-stopped", "quirk-hup-only-stopped", "golden");
        assertEquals(new Verdict(Verdict.Kind.QUIRK, 2, List.of("hup-only-stopped")),
                Verify.verdict(c, THREE, new java.util.concurrent.locks.ReentrantLock()));
        assertEquals(2, c.attempts);
        assertEquals(Verdict.Kind.UNSTABLE, Verify.verdict(new Scripted("b", false, null, "quirk-q", "x", "x"), THREE,
                new java.util.concurrent.locks.ReentrantLock()).kind());
    }

    @Test
    void aCheckThatCannotRunHereIsSkippedWithoutAnAttempt() throws Exception {
        Scripted c = new Scripted("a", false, "needs 4 CPUs, this machine gives ksim 2", "golden");
        assertEquals(Verdict.skipped("needs 4 CPUs, this machine gives ksim 2"),
                Verify.verdict(c, THREE, new java.util.concurrent.locks.ReentrantLock()));
        assertEquals(0, c.attempts);
    }

    @Test
    void theReportHasALinePerCheckInOrderAndTheTotals() throws Exception {
        List<Check> checks = List.of(
                new Scripted("b.trace", false, null, "golden"),
                new Scripted("a.trace", true, null, "x", "x"),
                new Scripted("c.trace", false, null, "x", "y"),
                new Scripted("d.trace", false, "no C compiler"),
                new Scripted("e.trace", true, null, "z", "golden"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Verify.Result> results = Verify.run(checks,
                new Verify.Options(3, 2, Duration.ofSeconds(1), Duration.ZERO), new PrintStream(bytes, true,
                        StandardCharsets.UTF_8));
        assertEquals("""
                PASS b.trace
                FAIL a.trace (the same answer in 2 tries)
                    got x
                UNSTABLE c.trace (different answers in 2 tries)
                    got x
                SKIP d.trace: no C compiler
                PASS e.trace (after 2 tries)

                trace     2 passed, 1 failed, 1 unstable, 1 skipped
                2 passed, 1 failed, 1 unstable, 1 skipped
                """, bytes.toString(StandardCharsets.UTF_8));
        assertEquals(1, Verify.count(results).get(Verdict.Kind.FAILED));
    }

    @Test
    void discoverFindsEachScenariosGoldensAndTheRecordersOwnChecks() throws Exception {
        List<Check> checks = Verify.discover(List.of(Path.of("inspect/sleeping.ksim"), Path.of("examples/orphan.ksim")),
                Duration.ofSeconds(5), true);
        assertEquals(List.of("examples/orphan.trace", "inspect/sleeping.proc",
                "inspect/sleeping.ps", "recorder: a failed expect names its line"),
                checks.stream().map(Check::name).toList());
    }

    @Test
    void aGoldenThatCannotBeReadFailsInOneLineBeforeAnythingIsRecorded(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path ksim = java.nio.file.Files.writeString(dir.resolve("x.ksim"), "main {\n    getpid()\n}\n");
        java.nio.file.Files.write(dir.resolve("x.trace"), new byte[] {'[', (byte) 0xff});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Verify.run(List.of(new TraceCheck(ksim, Duration.ofSeconds(1))), THREE,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("FAIL " + dir.resolve("x.trace") + " (the same answer in 1 try)\n    " + dir.resolve("x.trace")
                + ":1:2: invalid UTF-8\n", bytes.toString(StandardCharsets.UTF_8).lines().limit(2)
                .map(l -> l + "\n").reduce("", String::concat));
    }
}
