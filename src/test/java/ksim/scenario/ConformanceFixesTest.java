package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Small scenarios pinning down behaviours the simulated kernel once got wrong against the real
 * kernel (each has a full golden under conformance/ too; these say which line matters).
 */
class ConformanceFixesTest {
    private static String trace(String src) {
        Runs.Run r = Runs.run("t.ksim", src);
        return r.trace();
    }

    private static void has(String trace, String line) {
        assertTrue(trace.contains(line + "\n"), "expected the line\n  " + line + "\nin\n" + trace);
    }

    /** glibc's signal() and sigaction() refuse its own signals 32 and 33; its sigprocmask() drops them. */
    @Test
    void glibcKeepsItsOwnSignals() {
        String t = trace("""
                main {
                    signal(32, catch)
                    sigaction(33, SIG_IGN, 0)
                    signal(34, catch)
                    sigprocmask(SIG_BLOCK, {32, 33, SIGUSR1})
                }
                """);
        has(t, "[main] signal(32, catch) = -1 EINVAL");
        has(t, "[main] sigaction(33, SIG_IGN, 0) = -1 EINVAL");
        has(t, "[main] signal(34, catch) = 0");
        has(t, "[main] sigprocmask(SIG_BLOCK, {32, 33, SIGUSR1}) = 0");
    }
}
