package ksim.scenario;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-Linux recorder's C generator: what the generated program must contain, and that it compiles. */
class CGeneratorTest {
    /** Every statement and every call of the language at least once. */
    static final String EVERYTHING = """
            cpus 2
            title "every construct"
            main {
                signal(SIGUSR1, catch)
                sigaction(SIGUSR2, SIG_IGN, SA_RESTART|SA_NOCLDSTOP)
                sigprocmask(SIG_BLOCK, {SIGUSR1, SIGTERM})
                sigprocmask(SIG_SETMASK, {})
                fork c {
                    pause()
                    raise(SIGUSR1)
                    thread_exit(3)
                }
                kill(c, SIGUSR1)
                kill(-c, 0)
                tgkill(c, c, SIGTERM)
                tkill(c, SIGUSR2)
                sigpending()
                sigsuspend({SIGUSR1, SIGRTMIN})
                vfork v {
                    exec prog {
                        getpid()
                        gettid()
                        exit(4)
                    }
                }
                thread t {
                    spin(1500us)
                    sched_yield()
                }
                clone k CLONE_PARENT|SIGCHLD {
                    getppid()
                }
                repeat 3 {
                    repeat 2 {
                        fork w {
                            getpgrp()
                        }
                    }
                }
                waitpid(w.2, WNOHANG|__WALL)
                waitid(P_PID, w, WEXITED|WNOWAIT)
                wait()
                getpgid(0)
                getsid(main)
                setpgid(0, 0)
                setsid()
                prctl(PR_SET_CHILD_SUBREAPER, 1)
                prctl(PR_SET_NAME, newname)
                prctl(PR_GET_NAME, 0)
                unshare(CLONE_NEWPID)
                setuid(0)
                setrlimit(RLIMIT_NPROC, 10, RLIM_INFINITY)
                getrlimit(RLIMIT_NPROC)
                nice(-1)
                setpriority(PRIO_PROCESS, 0, 5)
                getpriority(PRIO_PROCESS, 0)
                sched_setscheduler(0, SCHED_BATCH, 0)
                sched_getscheduler(0)
                sched_setaffinity(0, {0, 1})
                sched_getaffinity(0)
                expect cputime(main) ~ 0 ms within 5%
                getrusage(RUSAGE_CHILDREN)
                expect times() ~ {utime+stime 0 ms, cutime+cstime 0 ms}
                sleep(2ms)
                pipe(p)
                write(p, 5)
                read(p, 5)
                close(p.r)
                close(p.w)
                state(c)
                ppid(c)
                comm(main)
                cputime(t)
                expect getppid() = "0" \\ odd
                exit(INT_MIN)
            }
            """;

    static Ast.Scenario parse(String src) throws ScenarioException {
        return Parser.parse("t.ksim", src);
    }

    @Test
    void orphanBecomesTheProgramExamplesRealOrphanCIs() throws Exception {
        String c = CGenerator.generate(Parser.parseFile(Path.of("examples/orphan.ksim")));
        assertTrue(c.contains("#define RT_FILE \"examples/orphan.ksim\""), c);
        assertTrue(c.contains("#define RT_CPUS 0"));
        assertTrue(c.contains("#ifndef KSIM_RT_H"), "the runtime is included");
        assertTrue(c.contains("static const struct rt_st S1 = {\"fork parent\", NULL, 3, 5, 0, NULL, 0};"), c);
        assertTrue(c.contains("rt_fork(&S1, \"parent\", -1, blk_0);"), c);
        assertTrue(c.contains("rt_fork(&S4, \"orphan\", -1, blk_1);"), c);
        assertTrue(c.contains("rt_wait4(&S2, rt_val(\"parent\", 10, 13), 0L);"), c);
        assertTrue(c.contains("rt_exit(&S5, 0L);"), c);
        assertTrue(c.contains("rt_sleep(&S6, 20000000L);"), c);
        assertTrue(c.contains("rt_ret_pid(&S7, rt_sys(SYS_getppid));"), c);
        assertTrue(c.contains("default: blk_main(); break;"), c);
    }

    @Test
    void repeatCountsEachSpawnStatementForNameK() throws Exception {
        String c = CGenerator.generate(Parser.parseFile(Path.of("examples/repeat.ksim")));
        assertTrue(c.contains("for (long r1 = 0; r1 < 3L; r1++) {"), c);
        assertTrue(c.contains("rt_fork(&S1, \"w\", 0, blk_0);"), "inside a repeat: counted as spawn 0\n" + c);
        assertTrue(c.contains("rt_wait4(&S2, rt_val(\"w.1\", 9, 13), 0L);"), c);
        assertTrue(c.contains("#define RT_NSPAWN 1"), c);
    }

    @Test
    void execRunsItsBlockAsANewImageThatPrintsTheExecLine() throws Exception {
        String c = CGenerator.generate(Parser.parseFile(Path.of("examples/exec.ksim")));
        // blocks are numbered breadth first: main's own exec is image 1, the child's image 2
        assertTrue(c.contains("rt_exec(&S7, \"newmain\", 1);"), c);
        assertTrue(c.contains("rt_exec(&S8, \"prog\", 2);"), c);
        assertTrue(c.contains("case 1: img_1(); break;"), c);
        assertTrue(c.contains("case 2: img_2(); break;"), c);
        assertTrue(c.contains("static void img_2(void)\n{\n    rt_execed(&S8);"), c);
        assertTrue(c.contains("{\"exec newmain\", NULL, 16, 5, 0, NULL, 0};"), c);
    }

    @Test
    void headerCpusThreadsClonesSignalsAndExpect() throws Exception {
        String c = CGenerator.generate(parse(EVERYTHING));
        assertTrue(c.contains("#define RT_CPUS 2"));
        assertTrue(c.contains("rt_clone(&S" ) && c.contains("\"t\", -1, 0x3d0f00L, blk_"), c);
        assertTrue(c.contains("\"k\", -1, 0x8011L, blk_"), c);
        assertTrue(c.contains("rt_vfork(&S"), c);
        assertTrue(c.contains("rt_signal(&S1, 10L, RT_CATCH);"), c);
        assertTrue(c.contains("rt_sigprocmask(&S3, 0L, (const long[]){10L, 15L}, 2);"), c);
        assertTrue(c.contains("(const long[]){10L, 34L}, 2);"), "sigsuspend's set\n" + c);
        assertTrue(c.contains("\"~ 0 ms within 5%\", ") && c.contains(", 1, \"0 ms\", 5};"),
                "an approximate expect: its VALUE and P\n" + c);
        assertTrue(c.contains("rt_prctl(&S") && c.contains(", 15L, 0L, \"newname\");"), c);
        assertTrue(c.contains("-rt_val(\"c\", "), c);
        // the expected RESULT, as a C string: quotes and backslashes escaped
        assertTrue(c.contains("{\"getppid()\", \"\\\"0\\\" \\\\ odd\","), c);
        assertTrue(c.contains("rt_exit(&S") && c.contains(", -2147483648L);"), c);
    }

    @Test
    void theEverythingScenarioUsesEveryCall() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String fn : CallTable.names()) {
            if (!EVERYTHING.contains(fn + "(")) {
                missing.add(fn);
            }
        }
        assertEquals(List.of(), missing, "add the new calls to EVERYTHING");
    }

    @Test
    void cStringsEscapeWhatCCannotHoldLiterally() {
        assertEquals("\"a\\\"b\\\\c\"", CGenerator.cString("a\"b\\c"));
        assertEquals("\"\\342\\200\\246\\077\"", CGenerator.cString("…?"));
        assertEquals("(-9223372036854775807L - 1)", CGenerator.literal(Long.MIN_VALUE));
    }

    @Tag("host")
    @Test
    void generatedProgramsCompile(@TempDir Path dir) throws Exception {
        String cc = compiler();
        List<String> failures = new ArrayList<>();
        List<Ast.Scenario> all = new ArrayList<>();
        all.add(parse(EVERYTHING));
        try (var s = Files.list(Path.of("examples"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".ksim")).sorted().toList()) {
                all.add(Parser.parseFile(p));
            }
        }
        for (Ast.Scenario sc : all) {
            Path src = dir.resolve("main.c");
            Files.writeString(src, CGenerator.generate(sc), StandardCharsets.UTF_8);
            Path log = dir.resolve("cc.log");
            Process p = new ProcessBuilder(cc, "-fsyntax-only", "-Wall", "-Wextra", "-Werror", src.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cc did not finish");
            if (p.exitValue() != 0) {
                failures.add(sc.file() + ":\n" + Files.readString(log));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The system's C compiler on Linux x86-64 (what the runtime is written for), or the test is skipped. */
    static String compiler() {
        Assumptions.assumeTrue("Linux".equals(System.getProperty("os.name"))
                && ("amd64".equals(System.getProperty("os.arch")) || "x86_64".equals(System.getProperty("os.arch"))),
                "the generated programs are for Linux on x86-64");
        String path = System.getenv().getOrDefault("PATH", "");
        String cc = null;
        for (String c : new String[] {"cc", "gcc", "clang"}) {
            if (cc == null) {
                cc = Recorder.which(c, path);
            }
        }
        Assumptions.assumeTrue(cc != null, "no C compiler (cc, gcc, clang) on PATH");
        return cc;
    }
}
