package ksim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The consistency checker, run over the ftrace text ksim writes for every example and
 * conformance scenario, over a real kernel's trace, and over broken traces it must catch.
 */
class TraceCheckerTest {
    static Stream<Path> scenarios() {
        return Traced.allScenarios().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScenariosTraceIsConsistent(Path scenario) {
        String text = Traced.run(scenario).ftrace();
        List<String> problems = TraceChecker.check(text, true);
        assertTrue(problems.isEmpty(), () -> scenario + ":\n" + String.join("\n", problems.subList(0,
                Math.min(20, problems.size()))));
    }

    @Test
    void aBusyFourCpuMachineIsConsistent(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("busy.ksim");
        java.nio.file.Files.writeString(f, """
                cpus 4
                main {
                    fork rt {
                        sched_setscheduler(0, SCHED_RR, 10)
                        spin(150ms)
                    }
                    repeat 12 {
                        fork w {
                            nice(5)
                            spin(20ms)
                            thread t {
                                sleep(3ms)
                                spin(4ms)
                            }
                            sched_setaffinity(0, {1,2})
                            spin(10ms)
                            exit(1)
                        }
                    }
                    fork k {
                        signal(SIGUSR1, catch)
                        pause()
                        sleep(10ms)
                    }
                    sleep(30ms)
                    kill(k, SIGUSR1)
                    repeat 14 {
                        wait()
                    }
                }
                """);
        List<String> problems = TraceChecker.check(Traced.run(f, 3L).ftrace(), true);
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())));
    }

    static String realTrace() throws IOException {
        try (InputStream in = TraceCheckerTest.class.getResourceAsStream("/ksim/trace/real-6.18.trace")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theRealKernelsTracePasses() throws IOException {
        assertEquals(List.of(), TraceChecker.check(realTrace(), false));
    }

    /** demo.ksim's trace with {@code edit} applied to its lines. */
    static List<String> broken(UnaryOperator<List<String>> edit) {
        List<String> lines = new ArrayList<>(Arrays.asList(Traced.run(Path.of("examples/demo.ksim")).ftrace().split("\n")));
        return TraceChecker.check(String.join("\n", edit.apply(lines)) + "\n", true);
    }

    static int indexOf(List<String> lines, String part, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + part);
    }

    static void assertFound(List<String> problems, String what) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(what)), () -> "expected '" + what + "' among " + problems);
    }

    @Test
    void aLostSwitchIsCaught() {
        List<String> p = broken(l -> {
            l.remove(indexOf(l, "prev_state=S ==> next_comm=swapper", 0));
            return l;
        });
        assertFound(p, "emits on CPU");
        assertFound(p, "entries-in-buffer says");
    }

    @Test
    void aTaskOnTwoCpusIsCaught() {
        List<String> p = broken(l -> {
            // the first time CPU 1 switches a task in while CPU 0 runs one, make it CPU 0's
            String[] curr = {"0", "0"};
            for (int i = 0; i < l.size(); i++) {
                String s = l.get(i);
                if (!s.contains("sched_switch:")) {
                    continue;
                }
                int cpu = s.contains("[000]") ? 0 : 1;
                String next = s.replaceAll(".*next_pid=(\\d+) .*", "$1");
                if (cpu == 1 && !next.equals("0") && !curr[0].equals("0")) {
                    l.set(i, s.replace("next_pid=" + next + " ", "next_pid=" + curr[0] + " "));
                    return l;
                }
                curr[cpu] = next;
            }
            throw new AssertionError("the two CPUs never both ran a task");
        });
        assertFound(p, "while it runs on CPU 0");
    }

    @Test
    void aPidReusedWhileAliveIsCaught() {
        List<String> p = broken(l -> {
            int i = indexOf(l, "task_newtask: pid=26 ", 0);
            l.add(i + 3, l.get(i).replace("pid=26 ", "pid=26 "));
            return l;
        });
        assertFound(p, "given to a new task while its holder is alive");
    }

    @Test
    void timeGoingBackwardsIsCaught() {
        List<String> p = broken(l -> {
            int i = indexOf(l, "sched_process_exit", 0);
            l.add(i + 1, l.get(i).replaceAll("\\d+\\.\\d{6}:", "0.000000:"));
            return l;
        });
        assertFound(p, "time goes backwards");
    }

    @Test
    void aTaskLeftRunningIsCaught() {
        List<String> p = broken(l -> {
            int last = l.size() - 1;
            while (!l.get(last).contains("next_comm=swapper")) {
                last--;
            }
            return new ArrayList<>(l.subList(0, last));
        });
        assertFound(p, "switched in, never switched out");
    }

    @Test
    void aRunWithoutAWakeUpIsCaught() {
        List<String> p = broken(l -> {
            l.remove(indexOf(l, "sched_wakeup: ", indexOf(l, "prev_state=S", indexOf(l, "task_newtask: pid=26", 0))));
            return l;
        });
        assertFound(p, "without a wake-up");
    }

    @Test
    void anExitedTaskRunningAgainIsCaught() {
        List<String> p = broken(l -> {
            int z = indexOf(l, "prev_state=Z", 0);
            String sw = l.get(z);
            String pid = sw.replaceAll(".*prev_pid=(\\d+) .*", "$1");
            int next = indexOf(l, "sched_switch", z + 1);
            l.add(next, l.get(next).replaceAll("next_comm=\\S+ next_pid=\\d+", "next_comm=main next_pid=" + pid));
            return l;
        });
        assertFound(p, "after it exited");
    }
}
