package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ksim.scenario.Ast.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {
    private static Scenario parse(String src) throws ScenarioException {
        return Parser.parse("t.ksim", src);
    }

    @Test
    void headerAndEveryStatementForm() throws Exception {
        Scenario sc = parse("""
                # a comment
                title "every construct"
                cpus 4
                hz 1000
                seed 9
                sched cfs
                pid_max 4194304

                main {   # comment after a brace
                    fork a {
                        exit(3)
                    }
                    vfork v {
                        exec prog {
                            getpid()
                        }
                    }
                    thread t {
                        thread_exit(1)
                    }
                    clone c CLONE_PARENT|SIGCHLD {
                    }
                    clone z 0 {
                    }
                    repeat 3 {
                        fork w { exit(1) }
                    }
                    pipe(p)
                    write(p, 10)
                    read(p, 10)
                    close(p.r)
                    close(p.w)
                    waitpid(-a, WNOHANG|WUNTRACED)
                    waitpid(w.2, 0)
                    waitid(P_PGID, 0, WEXITED|WNOWAIT)
                    kill(-1, SIGTERM)
                    sigprocmask(SIG_BLOCK, {SIGUSR1,SIGTERM})
                    sched_setaffinity(0, {0,1})
                    signal(SIGUSR1, catch)
                    sigaction(SIGCHLD, SIG_IGN, SA_NOCLDWAIT)
                    prctl(PR_SET_NAME, averyveryverylongname)
                    setrlimit(RLIMIT_NPROC, 10, RLIM_INFINITY)
                    nice(-5)
                    spin(1500us)
                    sleep(2s)
                    expect getppid() = 0
                    expect waitpid(a, WNOHANG) = a exited(3)   # comment after a result
                }
                """);
        assertEquals(new Header(4, 1000, 9L, "cfs", 4194304, "every construct"), sc.header());
        List<Stmt> s = sc.main().stmts();
        assertEquals("fork a", ((Spawn) s.get(0)).text());
        assertEquals(SpawnKind.VFORK, ((Spawn) s.get(1)).kind());
        assertTrue(((Spawn) s.get(1)).body().stmts().get(0) instanceof Exec);
        assertEquals("thread t", ((Spawn) s.get(2)).text());
        assertEquals("clone c CLONE_PARENT|SIGCHLD", ((Spawn) s.get(3)).text());
        assertEquals(0x8000 | 17, ((SymbolArg) ((Spawn) s.get(3)).flags()).value());
        assertEquals("clone z 0", ((Spawn) s.get(4)).text());
        Repeat r = (Repeat) s.get(5);
        assertEquals(3, r.count());
        assertTrue(((Spawn) r.body().stmts().get(0)).inRepeat());
        assertEquals("waitpid(-a, WNOHANG|WUNTRACED)", ((Call) s.get(11)).text());
        assertEquals(3, ((SymbolArg) ((Call) s.get(11)).args().get(1)).value());
        assertEquals("waitpid(w.2, 0)", ((Call) s.get(12)).text());
        assertEquals("kill(-1, SIGTERM)", ((Call) s.get(14)).text());
        assertEquals(-1, ((IntArg) ((Call) s.get(14)).args().get(0)).value());
        assertEquals("sigprocmask(SIG_BLOCK, {SIGUSR1, SIGTERM})", ((Call) s.get(15)).text());
        assertEquals("spin(1500us)", ((Call) s.get(22)).text());
        assertEquals(1_500_000, ((DurationArg) ((Call) s.get(22)).args().get(0)).ns());
        assertEquals(2_000_000_000L, ((DurationArg) ((Call) s.get(23)).args().get(0)).ns());
        Expect e = (Expect) s.get(25);
        assertEquals("a exited(3)", e.expected());
        assertEquals("waitpid(a, WNOHANG)", e.call().text());
    }

    @Test
    void nameKMayReachTheProductOfTheRepeatsAroundItsSpawn() throws Exception {
        // threads share their creator's memory, and so its count of w: w.1 … w.6
        parse("main {\n  repeat 2 {\n    thread t {\n      repeat 3 {\n        fork w {\n        }\n      }\n    }\n  }\n"
                + "  waitpid(w.6, 0)\n}\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(
                "main {\n  repeat 2 {\n    thread t {\n      repeat 3 {\n        fork w {\n        }\n      }\n    }\n  }\n"
                + "  waitpid(w.7, 0)\n}\n"));
        assertEquals("t.ksim:10:11: no task is ever named 'w.7': the statement that creates w runs at most 6 times",
                e.getMessage());
    }

    @Test
    void traceTextIsNormalised() throws Exception {
        Scenario sc = parse("main {\n  waitpid(  -1 ,WNOHANG  )\n  kill( 0,SIGKILL)\n}\n");
        assertEquals("waitpid(-1, WNOHANG)", ((Call) sc.main().stmts().get(0)).text());
        assertEquals("kill(0, SIGKILL)", ((Call) sc.main().stmts().get(1)).text());
    }

    @Test
    void symbolsHaveLinuxValues() throws Exception {
        Scenario sc = parse("main {\n  waitid(P_ALL, 0, WEXITED|__WALL|__WCLONE|__WNOTHREAD)\n"
                + "  kill(INT_MIN, SIGRTMIN)\n  unshare(CLONE_NEWPID)\n}\n");
        Call w = (Call) sc.main().stmts().get(0);
        assertEquals(0x4L | 0x40000000L | 0x80000000L | 0x20000000L, ((SymbolArg) w.args().get(2)).value());
        Call k = (Call) sc.main().stmts().get(1);
        assertEquals(Integer.MIN_VALUE, ((SymbolArg) k.args().get(0)).value());
        assertEquals(34, ((SymbolArg) k.args().get(1)).value());
        assertEquals(0x20000000L, ((SymbolArg) ((Call) sc.main().stmts().get(2)).args().get(0)).value());
    }

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            main {\\n  getpid(\\n} => t.ksim:2:10: expected an argument, found end of line
            main {\\n  frob()\\n} => t.ksim:2:3: unknown call 'frob'
            main {\\n  frob\\n} => t.ksim:2:3: unknown statement 'frob'
            main {\\n  waitpid(-1)\\n} => t.ksim:2:3: waitpid() takes 2 arguments, not 1
            main {\\n  getpid(1)\\n} => t.ksim:2:3: getpid() takes 0 arguments, not 1
            main {\\n  exit(1, 2)\\n} => t.ksim:2:3: exit() takes 1 argument, not 2
            main {\\n  kill(1, SIGFOO)\\n} => t.ksim:2:11: unknown symbol 'SIGFOO'
            main {\\n  sleep(20 ms)\\n} => t.ksim:2:12: expected ',' or ')', found 'ms'
            main {\\n  sleep(20)\\n} => t.ksim:2:9: sleep() argument 1 must be a duration such as 20ms, not '20'
            main {\\n  sleep(20min)\\n} => t.ksim:2:11: unknown duration unit 'min' (use ns, us, ms or s)
            main {\\n  spin(x)\\n} => t.ksim:2:8: spin() argument 1 must be a duration such as 20ms, not 'x'
            main {\\n  waitpid(nobody, 0)\\n} => t.ksim:2:11: unknown task 'nobody' (declare it with fork, vfork, thread or clone)
            main {\\n  waitpid(main, x)\\n} => t.ksim:2:17: waitpid() argument 2 must be a number or a symbol, not 'x'
            main {\\n  state(-main)\\n} => t.ksim:2:9: state() argument 1 must be a task name, not '-main'
            main {\\n  state(3)\\n} => t.ksim:2:9: state() argument 1 must be a task name, not '3'
            main {\\n  signal(SIGUSR1, SIGKILL)\\n} => t.ksim:2:19: signal() argument 2 must be SIG_DFL, SIG_IGN or catch, not 'SIGKILL'
            main {\\n  sigprocmask(SIG_BLOCK, 1)\\n} => t.ksim:2:26: sigprocmask() argument 2 must be a set such as {0,1}, not '1'
            main {\\n  write(p, 1)\\n} => t.ksim:2:9: unknown pipe 'p' (create it with pipe(p))
            main {\\n  pipe(p)\\n  close(p)\\n} => t.ksim:3:9: close() argument 1 must be NAME.r or NAME.w, not 'p'
            main {\\n  pipe(p)\\n  close(p.x)\\n} => t.ksim:3:11: after 'p.' expected a number, r or w
            main {\\n  fork a {\\n  }\\n  state(a.r)\\n} => t.ksim:4:9: 'a.r' is a pipe end; a task is NAME or NAME.k
            main {\\n  fork a {\\n  }\\n  state(a.0)\\n} => t.ksim:4:9: repeat counts from 1: 'a.0'
            main {\\n  repeat 2 {\\n    fork w {\\n    }\\n  }\\n  kill(w.3, SIGKILL)\\n} => t.ksim:6:8: no task is ever named 'w.3': the statement that creates w runs at most 2 times
            main {\\n  repeat 2 {\\n    fork w {\\n    }\\n  }\\n  state(w.99999999999999999999)\\n} => t.ksim:6:9: no task is ever named 'w.99999999999999999999': the statement that creates w runs at most 2 times
            main {\\n  fork a {\\n  }\\n  state(a.1)\\n} => t.ksim:4:9: no task is ever named 'a.1': a is not created inside a repeat, so there is no a.k
            main {\\n  fork main {\\n  }\\n} => t.ksim:2:8: 'main' is the first task's name; choose another
            main {\\n  fork w.1 {\\n  }\\n} => t.ksim:2:8: 'w.1' is a reference; a new name has no '.' suffix
            main {\\n  fork {\\n  }\\n} => t.ksim:2:8: expected a task name after 'fork', found '{'
            main {\\n  clone c {\\n  }\\n} => t.ksim:2:11: expected clone flags (CLONE_…|SIGCHLD or 0), found '{'
            main {\\n  repeat x {\\n  }\\n} => t.ksim:2:10: expected a count after 'repeat', found 'x'
            main {\\n  exec {\\n  }\\n} => t.ksim:2:8: expected a program name after 'exec', found '{'
            main {\\n  expect getpid()\\n} => t.ksim:2:18: expected '=' (or '~') and the expected result, found end of line
            main {\\n  expect getpid() ~\\n} => t.ksim:2:20: expected the expected result after '~'
            main {\\n  expect cputime(main) ~ lots\\n} => t.ksim:2:26: expected a number, 'N ms', and optionally 'within P%' after '~'
            main {\\n  expect cputime(main) ~ 10 ms within ten\\n} => t.ksim:2:26: expected a number, 'N ms', and optionally 'within P%' after '~'
            main {\\n  expect getpid() =\\n} => t.ksim:2:20: expected the expected result after '='
            main {\\n  expect exit(1) = 0\\n} => t.ksim:2:10: exit() prints no result to expect
            main {\\n  expect fork a {\\n  }\\n} => t.ksim:2:10: expected a call after 'expect'
            main {\\n  getpid() getpid()\\n} => t.ksim:2:12: expected end of line, found 'getpid'
            main {\\n  Getpid()\\n} => t.ksim:2:3: 'Getpid' mixes cases: names are lower-case, symbols upper-case
            main {\\n  kill(1, SIGTERM|)\\n} => t.ksim:2:19: expected a symbol or a number after '|', found ')'
            main {\\n  kill(-, 1)\\n} => t.ksim:2:9: expected a number or a name after '-', found ','
            main {\\n  kill(1, 20ms)\\n} => t.ksim:2:11: kill() argument 2 must be a number or a symbol, not '20ms'
            main {\\n  sched_setaffinity(0, {a})\\n} => t.ksim:2:25: a set holds CPU numbers or signals, found 'a'
            main {\\n  sched_setaffinity(0, {0 1})\\n} => t.ksim:2:27: expected ',' or '}', found '1'
            main {\\n  getpid()\\n => t.ksim:3:1: expected '}', found end of file
            main {\\n}\\nmain {\\n} => t.ksim:3:1: nothing may follow main's block, found 'main'
            cpus 0\\nmain {\\n} => t.ksim:1:6: cpus must be between 1 and 4096
            cpus\\nmain {\\n} => t.ksim:1:5: expected a number after 'cpus', found end of line
            hz 50\\nmain {\\n} => t.ksim:1:4: hz must be between 100 and 1000
            pid_max 100\\nmain {\\n} => t.ksim:1:9: pid_max must be between 301 and 4194304
            sched fifo\\nmain {\\n} => t.ksim:1:7: sched must be cfs or eevdf, not 'fifo'
            title untitled\\nmain {\\n} => t.ksim:1:7: expected a quoted title, found 'untitled'
            title "open\\nmain {\\n} => t.ksim:1:7: unterminated string
            cpu 2\\nmain {\\n} => t.ksim:1:1: unknown header 'cpu' (expected cpus, hz, seed, sched, pid_max, title or main)
            cpus 2 4\\nmain {\\n} => t.ksim:1:8: expected end of line, found '4'
            \\n# nothing => t.ksim:2:10: expected 'main { … }', found end of file
            { } => t.ksim:1:1: expected a header line or 'main', found '{'
            main {\\n  kill(1, 99999999999999999999)\\n} => t.ksim:2:11: integer 99999999999999999999 is too large
            main {\\n  getpid() @\\n} => t.ksim:2:12: unexpected character '@'
            main {\\n  getpid() é\\n} => t.ksim:2:12: names and symbols are ASCII: 'é'
            main {\\n  getpid() ☃\\n} => t.ksim:2:12: unexpected character U+2603
            main {\\n  sleep(1٣ms)\\n} => t.ksim:2:10: unknown duration unit '٣ms' (use ns, us, ms or s)
            main {\\n  fork a {\\n  }\\n  fork a {\\n  }\\n} => t.ksim:4:8: task 'a' is already declared on line 2; each task needs its own name
            main {\\n  fork a {\\n    thread a {\\n    }\\n  }\\n} => t.ksim:3:12: task 'a' is already declared on line 2; each task needs its own name
            main {\\n  repeat 2 {\\n    fork a {\\n    }\\n  }\\n  repeat 2 {\\n    fork a {\\n    }\\n  }\\n} => t.ksim:7:10: task 'a' is already declared on line 3; each task needs its own name
            cpus 2\\ncpus 2\\nmain {\\n} => t.ksim:2:1: 'cpus' is given twice (first on line 1)
            title "a"\\nhz 100\\ntitle "b"\\nmain {\\n} => t.ksim:3:1: 'title' is given twice (first on line 1)
            main {\\n  fork a {\\n  }\\n  state(a.000)\\n} => t.ksim:4:9: repeat counts from 1: 'a.000'
            main {\\n  expect cputime(main) ~ 99999999999999999999 ms\\n} => t.ksim:2:26: expected a number, 'N ms', and optionally 'within P%' after '~'
            main {\\n  expect cputime(main) ~ 10 ms within 99999999999%\\n} => t.ksim:2:26: expected a number, 'N ms', and optionally 'within P%' after '~'
            main {\\n  expect getpid {\\n} => t.ksim:2:10: expected a call after 'expect'
            """)
    void errorsNameFileLineAndColumn(String src, String message) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(src.replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
    }

    /** main { then depth - 1 nested blocks opened by {@code opener} (its %d the level), a call, and every brace closed. */
    static String nested(String opener, int depth) {
        StringBuilder b = new StringBuilder("main {\n");
        for (int d = 1; d < depth; d++) {
            b.append(opener.formatted(d)).append(" {\n");
        }
        b.append("getpid()\n");
        return b.append("}\n".repeat(depth)).toString();
    }

    @ParameterizedTest
    @CsvSource({"repeat 1, 10", "fork t%d, 11", "vfork t%d, 12", "thread t%d, 13", "clone t%d 0, 14", "exec p%d, 11"})
    void blocksNestAtMost200Deep(String opener, int col) throws Exception {
        Scenario sc = parse(nested(opener, Parser.MAX_DEPTH));
        assertEquals(1, sc.main().stmts().size());
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(nested(opener, Parser.MAX_DEPTH + 1)));
        assertEquals("t.ksim:201:" + col + ": blocks nest more than 200 deep", e.getMessage());
        // far deeper than any stack: the same one line, from where the limit was passed
        e = assertThrows(ScenarioException.class, () -> parse(nested(opener, 100_000)));
        assertEquals("t.ksim:201:" + col + ": blocks nest more than 200 deep", e.getMessage());
    }

    @Test
    void theDeepestScenarioRunsAndBecomesC() throws Exception {
        Scenario sc = parse(nested("repeat 1", Parser.MAX_DEPTH));
        assertEquals("[main] getpid() = main\n", Runs.run(sc, null).trace());
        assertTrue(CGenerator.generate(sc).contains("for (long r199 = 0; r199 < 1L; r199++) {"));
        assertTrue(Approx.of(sc).isEmpty());
        sc = parse(nested("fork t%d", Parser.MAX_DEPTH));
        assertTrue(CGenerator.generate(sc).contains("static void blk_198(void)"));
    }

    @Test
    void anEmptyRepeatEndsAtOnceWhateverItsCount() throws Exception {
        // as a C compiler drops the loop: nothing in it is ever asked of the kernel
        String src = "main {\n  repeat 9223372036854775807 {\n    repeat 100000000000 {\n    }\n    repeat 5 {\n"
                + "      repeat 0 {\n        getpid()\n      }\n    }\n  }\n  getppid()\n}\n";
        assertEquals("[main] getppid() = 0\n", Runs.run("t.ksim", src).trace());
    }

    @Test
    void controlCharactersAndHugeWordsMakeOneShortLine() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("main {\n  \0\n}\n"));
        assertEquals("t.ksim:2:3: unexpected character U+0000", e.getMessage());
        e = assertThrows(ScenarioException.class, () -> parse("main {\n  \u001b[2J\n}\n"));
        assertEquals("t.ksim:2:3: unexpected character U+001B", e.getMessage());
        e = assertThrows(ScenarioException.class, () -> parse("main {\n  " + "x".repeat(1 << 20) + "\n}\n"));
        assertTrue(e.getMessage().startsWith("t.ksim:2:3: unknown statement 'xxx"), e.getMessage());
        assertTrue(e.getMessage().length() < 400 && e.getMessage().contains("…"), e.getMessage());
    }

    @Test
    void aNameInARepeatIsNoDuplicate() throws Exception {
        Scenario sc = parse("main {\n  repeat 3 {\n    fork w {\n    }\n  }\n  waitpid(w.3, 0)\n}\n");
        assertEquals("waitpid(w.3, 0)", ((Call) sc.main().stmts().get(1)).text());
        // a k no run can reach, of any number of digits, is one error
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(
                "main {\n  repeat 3 {\n    fork w {\n    }\n  }\n  waitpid(w.99999999999999999999, 0)\n}\n"));
        assertEquals("t.ksim:6:11: no task is ever named 'w.99999999999999999999': the statement that creates w"
                + " runs at most 3 times", e.getMessage());
    }
}
