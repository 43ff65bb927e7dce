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

    /** commit_creds(): a setuid() that changes the uids clears pdeath_signal and dumpability; one that changes nothing does not. */
    @Test
    void setuidIsACredentialChange() {
        String t = trace("""
                main {
                    fork u {
                        prctl(PR_SET_PDEATHSIG, SIGUSR1)
                        setuid(0)
                        prctl(PR_GET_PDEATHSIG, 0)
                        prctl(PR_GET_DUMPABLE, 0)
                        setuid(1000)
                        prctl(PR_GET_PDEATHSIG, 0)
                        prctl(PR_GET_DUMPABLE, 0)
                    }
                    waitpid(u, 0)
                }
                """);
        String u = String.join("\n", t.lines().filter(l -> l.startsWith("[u] prctl(PR_GET")).toList());
        org.junit.jupiter.api.Assertions.assertEquals("""
                [u] prctl(PR_GET_PDEATHSIG, 0) = 10
                [u] prctl(PR_GET_DUMPABLE, 0) = 1
                [u] prctl(PR_GET_PDEATHSIG, 0) = 0
                [u] prctl(PR_GET_DUMPABLE, 0) = 0""", u);
    }

    /** PR_*_DUMPABLE belongs to the mm, PR_*_KEEPCAPS to the cred, PR_*_NO_NEW_PRIVS and PR_*_TIMERSLACK to the thread. */
    @Test
    void prctlFlagsLiveWhereTheKernelKeepsThem() {
        String t = trace("""
                main {
                    fork p {
                        prctl(PR_SET_DUMPABLE, 2)
                        prctl(PR_SET_KEEPCAPS, 2)
                        prctl(PR_SET_NO_NEW_PRIVS, 0)
                        prctl(PR_GET_NO_NEW_PRIVS, 1)
                        prctl(PR_SET_TIMERSLACK, 1000)
                        thread t {
                            prctl(PR_SET_DUMPABLE, 0)
                            prctl(PR_SET_KEEPCAPS, 1)
                            prctl(PR_SET_NO_NEW_PRIVS, 1)
                            prctl(PR_SET_TIMERSLACK, 5)
                            prctl(PR_SET_TIMERSLACK, 0)
                            prctl(PR_GET_TIMERSLACK, 0)
                        }
                        sleep(10ms)
                        prctl(PR_GET_DUMPABLE, 0)
                        prctl(PR_GET_KEEPCAPS, 0)
                        prctl(PR_GET_NO_NEW_PRIVS, 0)
                        prctl(PR_GET_TIMERSLACK, 0)
                        exec prog {
                            prctl(PR_GET_DUMPABLE, 0)
                            prctl(PR_GET_TIMERSLACK, 0)
                        }
                    }
                    waitpid(p, 0)
                }
                """);
        has(t, "[p] prctl(PR_SET_DUMPABLE, 2) = -1 EINVAL");
        has(t, "[p] prctl(PR_SET_KEEPCAPS, 2) = -1 EINVAL");
        has(t, "[p] prctl(PR_SET_NO_NEW_PRIVS, 0) = -1 EINVAL");
        has(t, "[p] prctl(PR_GET_NO_NEW_PRIVS, 1) = -1 EINVAL");
        has(t, "[t] prctl(PR_GET_TIMERSLACK, 0) = 1000");
        has(t, "[p] prctl(PR_GET_DUMPABLE, 0) = 0");
        has(t, "[p] prctl(PR_GET_KEEPCAPS, 0) = 0");
        has(t, "[p] prctl(PR_GET_NO_NEW_PRIVS, 0) = 0");
        has(t, "[p] prctl(PR_GET_TIMERSLACK, 0) = 1000");
        has(t, "[p] prctl(PR_GET_DUMPABLE, 0) = 1");
    }
}
