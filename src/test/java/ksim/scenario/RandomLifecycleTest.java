package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ksim.kernel.Kernel;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated lifecycle programs — trees of forks, vforks, threads and raw clones
 * with sleeps, spins, exits, execs, waits, process groups and /proc reads — run with the invariant checker after every event. Each must end with
 * every task of the scenario reaped and every PID freed, and must be deterministic.
 */
class RandomLifecycleTest {
    private static final int PROGRAMS = 2000;

    @Test
    void generatedProgramsKeepTheKernelConsistent() {
        int stopped = 0;
        for (int seed = 0; seed < PROGRAMS; seed++) {
            String src = new Generator(new Random(seed)).scenario();
            String file = "random-" + seed + ".ksim";
            Runs.Run r = Runs.run(file, src);
            Kernel k = r.outcome().kernel();
            if (r.outcome().end().kind() == RunEnd.Kind.ERROR) {
                // a statement named a task whose spawn failed (a clone with bad flags): the run stops there
                assertTrue(r.outcome().end().message().contains("has been created yet"), file + ": "
                        + r.outcome().end().message());
                stopped++;
                continue;
            }
            assertEquals(RunEnd.Kind.FINISHED, r.outcome().end().kind(), file + ": " + r.outcome().end().message());
            assertEquals(k.bootThreads, k.nrThreads, file + ": only init and the kernel threads may be left\n" + src + "\n" + r.trace());
            assertEquals(k.bootThreads, k.nrProcesses, file);
            assertEquals(k.bootThreads, k.initPidNs.pidAllocated, file + ": every PID but init's and the kernel threads' is freed");
            assertTrue(k.init().children.isEmpty(), file + ": init has reaped main");
            if (seed % 50 == 0) {
                assertEquals(r.trace(), Runs.run(file, src).trace(), file + " is not deterministic");
            }
        }
        assertTrue(stopped < PROGRAMS / 5, stopped + " of " + PROGRAMS + " programs named a task that did not exist");
    }

    /** Random scenario sources. */
    static final class Generator {
        private final Random rnd;
        private int names;
        private final StringBuilder sb = new StringBuilder();

        Generator(Random rnd) {
            this.rnd = rnd;
        }

        String scenario() {
            sb.append("cpus ").append(1 + rnd.nextInt(4)).append('\n');
            sb.append("main {\n");
            block(1, new ArrayList<>());
            sb.append("}\n");
            return sb.toString();
        }

        private void indent(int depth) {
            sb.append("    ".repeat(depth));
        }

        private void block(int depth, List<String> known) {
            int n = rnd.nextInt(6);
            List<String> mine = new ArrayList<>(known);
            for (int i = 0; i < n; i++) {
                indent(depth);
                int kind = rnd.nextInt(17);
                if (kind <= 2 && depth < 4) {
                    String name = "t" + names++;
                    String[] spawn = {"fork", "fork", "vfork", "thread", "clone", "clone"};
                    String how = spawn[rnd.nextInt(spawn.length)];
                    sb.append(how).append(' ').append(name);
                    if (how.equals("clone")) {
                        String[] flags = {"SIGCHLD", "CLONE_PARENT|SIGCHLD", "CLONE_NEWPID|SIGCHLD", "0",
                            "CLONE_VM|CLONE_SIGHAND|CLONE_THREAD", "CLONE_THREAD"};
                        sb.append(' ').append(flags[rnd.nextInt(flags.length)]);
                    }
                    sb.append(" {\n");
                    block(depth + 1, mine);
                    indent(depth);
                    sb.append("}\n");
                    mine.add(name);
                } else if (kind == 3 && depth < 4) {
                    sb.append("repeat ").append(1 + rnd.nextInt(3)).append(" {\n");
                    block(depth + 1, mine);
                    indent(depth);
                    sb.append("}\n");
                } else if (kind == 4) {
                    sb.append("sleep(").append(rnd.nextInt(4000)).append("us)\n");
                } else if (kind == 5) {
                    sb.append("spin(").append(rnd.nextInt(3000)).append("us)\n");
                } else if (kind == 6) {
                    sb.append(rnd.nextBoolean() ? "wait()\n" : "waitpid(-1, WNOHANG)\n");
                } else if (kind == 7 && !mine.isEmpty()) {
                    String t = mine.get(rnd.nextInt(mine.size()));
                    sb.append("waitpid(").append(t).append(rnd.nextBoolean() ? ", 0)\n" : ", WNOHANG)\n");
                } else if (kind == 8 && !mine.isEmpty()) {
                    String t = mine.get(rnd.nextInt(mine.size()));
                    String[] look = {"state", "ppid", "comm", "cputime"};
                    sb.append(look[rnd.nextInt(look.length)]).append('(').append(t).append(")\n");
                } else if (kind == 9) {
                    String[] id = {"getpid()", "getppid()", "gettid()", "getpgrp()", "getsid(0)", "setsid()"};
                    sb.append(id[rnd.nextInt(id.length)]).append('\n');
                } else if (kind == 10) {
                    sb.append(rnd.nextBoolean() ? "waitid(P_ALL, 0, WEXITED)\n" : "waitid(P_ALL, 0, WEXITED|WNOHANG|WNOWAIT)\n");
                } else if (kind == 11 && rnd.nextInt(3) == 0) {
                    sb.append(rnd.nextBoolean() ? "exit(" : "thread_exit(").append(rnd.nextInt(256)).append(")\n");
                } else if (kind == 12 && !mine.isEmpty()) {
                    String t = mine.get(rnd.nextInt(mine.size()));
                    sb.append(rnd.nextBoolean() ? "setpgid(" + t + ", 0)\n" : "setpgid(0, " + t + ")\n");
                } else if (kind == 13 && depth < 4 && rnd.nextInt(3) == 0) {
                    sb.append("exec p").append(names++).append(" {\n");
                    block(depth + 1, mine);
                    indent(depth);
                    sb.append("}\n");
                    return;
                } else if (kind == 15 && !mine.isEmpty()) {
                    String t = mine.get(rnd.nextInt(mine.size()));
                    String[] sigs = {"SIGSTOP", "SIGCONT", "SIGTERM", "SIGKILL", "SIGUSR1", "SIGCHLD", "0"};
                    sb.append("kill(").append(rnd.nextInt(4) == 0 ? "-" + t : t).append(", ")
                            .append(sigs[rnd.nextInt(sigs.length)]).append(")\n");
                } else if (kind == 16) {
                    String[] sig = {"signal(SIGUSR1, catch)\n", "signal(SIGCHLD, SIG_IGN)\n",
                        "sigaction(SIGCHLD, catch, SA_NOCLDSTOP)\n", "sigprocmask(SIG_BLOCK, {SIGUSR1, SIGTERM})\n",
                        "sigprocmask(SIG_SETMASK, {})\n", "raise(SIGUSR1)\n", "prctl(PR_SET_PDEATHSIG, SIGUSR1)\n",
                        "waitpid(-1, WUNTRACED|WCONTINUED|WNOHANG)\n"};
                    sb.append(sig[rnd.nextInt(sig.length)]);
                } else if (kind == 14) {
                    // no unshare(CLONE_NEWPID): it can build the real kernel's deadlock of
                    // examples/pidns-zombie.ksim, where nothing is ever fully reaped
                    String[] misc = {"waitpid(-1, __WALL)\n", "prctl(PR_SET_CHILD_SUBREAPER, 1)\n",
                        "setuid(1000)\n", "setrlimit(RLIMIT_NPROC, 3, 3)\n"};
                    sb.append(misc[rnd.nextInt(misc.length)]);
                } else {
                    sb.append("getpid()\n");
                }
            }
        }
    }
}
