package ksim.tools;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ksim.kernel.proc.RealProcView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ps and pstree against procps-ng and psmisc on real processes: a C program (the "zoo") runs
 * as PID 1 of a fresh PID namespace ({@code unshare --pid --fork --mount-proc}) and sets up
 * sleepers, threads, zombies, a stopped process, nice'd, real-time, SCHED_IDLE and
 * SCHED_BATCH processes, mlock'd memory, other users, a session on a pseudo-terminal with
 * foreground and background groups, nested and identical subtrees, an orphan and odd names.
 * Once everything sleeps, the namespace's /proc is copied through /proc/PID/root/proc from
 * outside (so no observer is in it), and the real tools and ours both read that copy.
 * Skipped without root, unshare, ps, pstree or a C compiler.
 */
@Tag("host")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveNamespaceTest {
    static final String ZOO_C = """
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static int rp[2];
static int expected;

static void ready(void) { char c = 'r'; if (write(rp[1], &c, 1) != 1) _exit(2); }
static void hang(void) { for (;;) pause(); }
static void named(const char *n) { prctl(PR_SET_NAME, n, 0, 0, 0); }

/* fork a child that runs fn(arg) and never returns; counts one ready byte */
static pid_t spawn(void (*fn)(const char *), const char *arg) {
    pid_t p = fork();
    if (p < 0) { perror("fork"); exit(1); }
    if (p == 0) { fn(arg); _exit(0); }
    expected++;
    return p;
}

static void sleeper(const char *n) { (void)n; ready(); execl("/bin/sleep", "sleep", "100000", (char *)0); _exit(1); }
static void weird(const char *n) { (void)n; ready(); execl("/bin/sleep", "we\\tird\\001\\377 name", "99999", "1", (char *)0); _exit(1); }
static void plain(const char *n) { named(n); ready(); hang(); }

static void *thread_main(void *a) { named((const char *)a); ready(); hang(); return 0; }
static void threads(const char *n) {
    named(n);
    static const char *names[] = {"worker", "worker", "io"};
    for (int i = 0; i < 3; i++) { pthread_t t; pthread_create(&t, 0, thread_main, (void *)names[i]); }
    ready(); hang();
}
static void zchild(const char *n) { named(n); _exit(0); }
static void zparent(const char *n) {
    named(n);
    if (fork() == 0) zchild("zchild");
    ready(); hang();
}
static void stopped(const char *n) { named(n); ready(); raise(SIGSTOP); hang(); }
static void nicer(const char *n) { named(n); if (nice(10) < 0 && errno) _exit(3); ready(); hang(); }
static void meaner(const char *n) { named(n); setpriority(PRIO_PROCESS, 0, -5); ready(); hang(); }
static void rt(const char *n) {
    named(n);
    struct sched_param sp = {0};
    if (!strcmp(n, "rtfifo")) { sp.sched_priority = 50; sched_setscheduler(0, SCHED_FIFO, &sp); }
    else if (!strcmp(n, "rtrr")) { sp.sched_priority = 10; sched_setscheduler(0, SCHED_RR, &sp); }
    else if (!strcmp(n, "idler")) { sched_setscheduler(0, SCHED_IDLE, &sp); }
    else { if (nice(5) < 0 && errno) _exit(3); sched_setscheduler(0, SCHED_BATCH, &sp); }
    ready(); hang();
}
static void locker(const char *n) { named(n); mlockall(MCL_CURRENT); ready(); hang(); }
static void asuser(const char *n) {
    named(n);
    uid_t u = (uid_t)atoi(n + 2);
    if (setgid(u) || setuid(u)) named("setuid-failed");
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    ready(); hang();
}
static void chain3(const char *n) { named(n); ready(); hang(); }
static void chain2(const char *n) { named(n); spawn(chain3, "chain3"); ready(); hang(); }
static void chain1(const char *n) {
    named(n);
    spawn(chain2, "chain2"); spawn(chain2, "chain2"); spawn(plain, "zzz");
    ready(); hang();
}
static void orphan(const char *n) { named(n); ready(); hang(); }
static void orphmaker(const char *n) { named(n); spawn(orphan, "orphan"); ready(); _exit(0); }

static const char *slave;
static void fgpipe(const char *n) { named(n); ready(); hang(); }
static void sessldr(const char *n) {
    named(n);
    setsid();
    int fd = open(slave, O_RDWR);
    if (fd < 0) _exit(5);
    signal(SIGTTOU, SIG_IGN);
    int pp[2]; if (pipe(pp)) _exit(6);
    pid_t fg = fork();
    if (fg == 0) {
        named("fgjob"); setpgid(0, 0);
        char c; if (read(pp[0], &c, 1) != 1) _exit(7);
        spawn(fgpipe, "fgpipe"); ready(); hang();
    }
    expected++;
    setpgid(fg, fg);
    if (tcsetpgrp(fd, fg)) _exit(8);
    if (write(pp[1], "g", 1) != 1) _exit(9);
    pid_t bg = fork();
    if (bg == 0) { named("bgjob"); setpgid(0, 0); ready(); hang(); }
    expected++;
    ready(); hang();
}

int main(int argc, char **argv) {
    if (argc < 2) return 1;
    if (pipe(rp)) return 1;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) || unlockpt(master)) { perror("pty"); return 1; }
    slave = ptsname(master);
    for (int i = 0; i < 3; i++) spawn(sleeper, "");
    spawn(threads, "threads");
    spawn(zparent, "zparent");
    pid_t st = spawn(stopped, "stopped");
    spawn(nicer, "nicer");
    spawn(meaner, "meaner");
    spawn(rt, "rtfifo"); spawn(rt, "rtrr"); spawn(rt, "idler"); spawn(rt, "batcher");
    spawn(locker, "locker");
    spawn(asuser, "as997"); spawn(asuser, "as1000"); spawn(asuser, "as12345");
    spawn(chain1, "chain1");
    spawn(orphmaker, "orphmaker");
    spawn(plain, "odd) (name");
    spawn(plain, "back\\\\slash");
    spawn(plain, "caf\\xe9");
    spawn(weird, "");
    spawn(sessldr, "sessldr");
    /* nested spawns count in the children's copies of 'expected': add them here */
    expected += 3 /* threads' threads */ + 3 /* chain1's children */ + 2 /* chain3s */ + 1 /* orphan */
              + 3 /* fgjob, fgpipe, bgjob */;
    /* a child whose setup failed never says so: give up waiting after 10 s */
    for (int got = 0, waited = 0; got < expected && waited < 100;) {
        struct pollfd pfd = {rp[0], POLLIN, 0};
        if (poll(&pfd, 1, 100) == 1) {
            char c;
            if (read(rp[0], &c, 1) == 1) got++;
        } else {
            waited++;
        }
    }
    int status;
    waitpid(st, &status, WUNTRACED);
    usleep(300000);
    FILE *f = fopen(argv[1], "w");
    if (!f) return 1;
    fprintf(f, "%d\\n", expected);
    fclose(f);
    hang();
}
""";

    @TempDir
    static Path tmp;
    private Path snapshot;
    private int pts = -1;
    private int sessionLeader;
    private int chain1;

    @BeforeAll
    void startTheZoo() throws Exception {
        ToolCheck.assumeRealTools();
        String cc = null;
        for (String c : new String[] {"cc", "gcc", "clang"}) {
            if (cc == null) {
                cc = RealTools.which(c);
            }
        }
        Assumptions.assumeTrue(cc != null, "no C compiler (cc, gcc, clang) on PATH");
        Assumptions.assumeTrue(RealTools.which("nsenter") != null, "no nsenter(1) on PATH");
        Path src = tmp.resolve("zoo.c");
        Files.writeString(src, ZOO_C);
        Path bin = tmp.resolve("zoo");
        Process compile = new ProcessBuilder(cc, "-O", "-pthread", "-o", bin.toString(), src.toString())
                .redirectErrorStream(true).start();
        String log = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(compile.waitFor(120, TimeUnit.SECONDS) && compile.exitValue() == 0, log);

        Path ready = tmp.resolve("ready");
        int init = 0;
        Process ns = new ProcessBuilder(RealTools.which("unshare"), "--pid", "--fork", "--mount-proc",
                "--kill-child", bin.toString(), ready.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("zoo.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(ready) && Files.size(ready) > 0)) {
                assertTrue(ns.isAlive(), "the zoo died: " + Files.readString(tmp.resolve("zoo.log")));
                assertTrue(System.nanoTime() < deadline, "the zoo did not get ready");
                Thread.sleep(50);
            }
            String children = Files.readString(Path.of("/proc/" + ns.pid() + "/task/" + ns.pid() + "/children"))
                    .trim();
            init = Integer.parseInt(children.split(" ")[0]);
            Path root = Path.of("/proc/" + init + "/root/proc");
            snapshot = ProcSnapshot.newDir(tmp);
            ProcSnapshot.write(new RealProcView(root), snapshot, pid -> {
                try {
                    return (Integer) Files.getAttribute(root.resolve(Integer.toString(pid)), "unix:uid");
                } catch (IOException e) {
                    return 0;
                }
            });
            // pid_max is per PID namespace and read from the reader's: ask from inside
            Process inside = new ProcessBuilder(RealTools.which("nsenter"), "-t", Integer.toString(init), "-p",
                    "-m", "cat", "/proc/sys/kernel/pid_max").start();
            String pidMax = new String(inside.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (inside.waitFor(30, TimeUnit.SECONDS) && inside.exitValue() == 0 && !pidMax.isBlank()) {
                Files.writeString(snapshot.resolve("sys/kernel/pid_max"), pidMax);
            }
        } finally {
            // the namespace ends with its init; unshare ignores SIGTERM while it waits
            if (init > 0) {
                ProcessHandle.of(init).ifPresent(ProcessHandle::destroyForcibly);
            }
            ns.destroyForcibly();
            ns.waitFor(30, TimeUnit.SECONDS);
        }
        RealProcView view = new RealProcView(snapshot);
        for (ProcTask p : ProcTable.processes(view)) {
            if (p.cmd.equals("sessldr")) {
                sessionLeader = p.tgid;
                pts = TtyName.minor(p.tty) + (TtyName.major(p.tty) - 136) * 256;
            }
            if (p.cmd.equals("chain1")) {
                chain1 = p.tgid;
            }
        }
        assertTrue(sessionLeader > 0 && chain1 > 0 && pts >= 0, "the zoo is not all there");
    }

    @AfterAll
    void cleanUp() throws IOException {
        ProcSnapshot.delete(snapshot);
    }

    static Stream<String> psFormats() {
        return Stream.of("-ef", "-eLf", "aux", "axjf", "-el", "-e", "-elf", "-ej", "-ejf", "-eL", "ax", "axf",
                "axj", "axl", "auxf", "-e -f");
    }

    @ParameterizedTest
    @MethodSource("psFormats")
    void psMatchesProcps(String format) throws Exception {
        ToolCheck.same(snapshot, "ps " + format, "UTC", 0, List.of(pts));
    }

    @ParameterizedTest
    @MethodSource("psFormats")
    void psMatchesProcpsOnAnEightyColumnTerminal(String format) throws Exception {
        ToolCheck.same(snapshot, "ps " + format, "UTC", 80, List.of(pts));
    }

    @ParameterizedTest
    @MethodSource("pstreeArgs")
    void pstreeMatchesPsmisc(String args) throws Exception {
        ToolCheck.same(snapshot, "pstree " + args.replace("SESS", Integer.toString(sessionLeader))
                .replace("CHAIN", Integer.toString(chain1)), "UTC", 0, List.of());
    }

    static Stream<String> pstreeArgs() {
        return Stream.of("-A", "-A -p", "-A -p SESS", "-A CHAIN", "-A -c", "-A -n -p", "-A -T", "-A -g",
                "-A -l", "-A 999");
    }

    @ParameterizedTest
    @MethodSource("pstreeArgs")
    void pstreeMatchesPsmiscCutAtFortyColumns(String args) throws Exception {
        ToolCheck.same(snapshot, "pstree " + args.replace("SESS", Integer.toString(sessionLeader))
                .replace("CHAIN", Integer.toString(chain1)), "UTC", 40, List.of());
    }
}
