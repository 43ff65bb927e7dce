package ksim.tools;

import org.junit.jupiter.api.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ps and pstree against procps-ng and psmisc on a /proc written by hand: values no process
 * on the test machine has (CPU times of days, start times yesterday and last year, terminals,
 * every state, real-time and deadline policies, 7-digit PIDs past the column width, long
 * and odd names and command lines, other users, more CPU than time elapsed...). The real
 * tools read it bind-mounted over /proc; ours read the same files.
 */
@Tag("host")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyntheticProcTest {
    @TempDir
    static Path tmp;
    private Path dir;
    private long now;

    static final long HZ = 100;
    static final long UPTIME = 500L * 86400 + 12345;

    @BeforeAll
    void writeTheProc() throws IOException, InterruptedException {
        ToolCheck.assumeRealTools();
        now = System.currentTimeMillis() / 1000;
        long btime = now - UPTIME;
        MapProcView v = new MapProcView();
        v.put("/proc/uptime", UPTIME + ".37 " + (UPTIME * 2) + ".10\n");
        v.put("/proc/stat", "cpu  10 0 10 100 0 0 0 0 0 0\ncpu0 10 0 10 100 0 0 0 0 0 0\nintr 0\nctxt 99\nbtime "
                + btime + "\nprocesses 500\nprocs_running 1\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n");
        v.put("/proc/meminfo", "MemTotal:        8000000 kB\nMemFree:         4000000 kB\n");
        String drivers = Files.readString(Path.of("/proc/tty/drivers"), StandardCharsets.ISO_8859_1);
        v.put("/proc/tty/drivers", drivers);

        List<FakeProc> ps = new ArrayList<>();
        // ticks since boot for a start time 'secondsAgo' before now
        java.util.function.LongUnaryOperator ago = s -> (UPTIME - s) * HZ;

        FakeProc init = new FakeProc(1, "systemd", 0).args("/sbin/init", "splash");
        init.start = 1;
        init.utime = 100L * 86400 * HZ + 5 * HZ; // 100 days of CPU
        init.wchan = "__x64_sys_epoll_wait";
        ps.add(init);
        FakeProc kthreadd = new FakeProc(2, "kthreadd", 0).kernelThread();
        kthreadd.start = 2;
        kthreadd.wchan = "kthreadd";
        ps.add(kthreadd);
        FakeProc kw = new FakeProc(3, "kworker/0:0H-events_highpri", 2).kernelThread();
        kw.state = 'I';
        kw.nice = -20;
        kw.priority = 0;
        kw.start = 3;
        kw.wchan = "worker_thread";
        ps.add(kw);
        FakeProc mig = new FakeProc(4, "migration/0", 2).kernelThread();
        mig.policy = 1;
        mig.rtprio = 99;
        mig.priority = -100;
        mig.start = 3;
        mig.wchan = ".smpboot_thread_fn";
        ps.add(mig);
        FakeProc dl = new FakeProc(5, "dl_server", 2).kernelThread();
        dl.policy = 6;
        dl.priority = -101;
        dl.state = 'R';
        dl.start = 4;
        dl.wchan = null;
        ps.add(dl);

        FakeProc sshd = new FakeProc(400, "sshd", 1).args("sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");
        sshd.start = ago.applyAsLong(86400 + 3600); // yesterday
        ps.add(sshd);
        FakeProc sess = new FakeProc(1000, "bash", 400).args("-bash");
        sess.tty = (136 << 8) | 3;
        sess.tpgid = 1200;
        sess.start = ago.applyAsLong(600);
        sess.wchan = "do_wait";
        ps.add(sess);
        FakeProc fg = new FakeProc(1200, "vim", 1000).args("vim", "notes.txt");
        fg.sid = 1000;
        fg.tty = sess.tty;
        fg.tpgid = 1200;
        fg.state = 'R';
        fg.utime = 250;
        fg.start = ago.applyAsLong(30);
        ps.add(fg);
        FakeProc bgjob = new FakeProc(1150, "make", 1000).args("make", "-j8");
        bgjob.sid = 1000;
        bgjob.tty = sess.tty;
        bgjob.tpgid = 1200;
        bgjob.state = 'T';
        bgjob.start = ago.applyAsLong(300);
        ps.add(bgjob);
        FakeProc cc1 = new FakeProc(1151, "cc1", 1150).args("/usr/lib/gcc/x86_64-linux-gnu/12/cc1", "-quiet", "x.c");
        cc1.pgrp = 1150;
        cc1.sid = 1000;
        cc1.tty = sess.tty;
        cc1.tpgid = 1200;
        cc1.state = 't';
        cc1.start = ago.applyAsLong(290);
        ps.add(cc1);
        FakeProc cc2 = new FakeProc(1152, "cc1", 1150).args("/usr/lib/gcc/x86_64-linux-gnu/12/cc1", "-quiet", "x.c");
        cc2.pgrp = 1150;
        cc2.sid = 1000;
        cc2.tty = sess.tty;
        cc2.tpgid = 1200;
        cc2.state = 'D';
        cc2.start = ago.applyAsLong(295); // earlier than 1151: the forest sorts by start time
        cc2.wchan = "io_schedule";
        ps.add(cc2);

        FakeProc busy = new FakeProc(2000, "spin", 1).args("./spin", "--threads=4");
        busy.uid = 1000;
        busy.state = 'R';
        busy.start = ago.applyAsLong(10);
        busy.utime = 3000; // 30 s of CPU in 10 s
        busy.stime = 1234;
        busy.vmRss = 4_500_000; // 56% of memory
        busy.vmSize = 123_456_789;
        busy.vmLck = 64;
        busy.tty = (4 << 8) | 1;
        busy.tpgid = 2000;
        FakeProc t1 = busy.thread(2001, "spin-a");
        t1.utime = 1500;
        t1.state = 'R';
        FakeProc t2 = busy.thread(2002, "spin-b");
        t2.utime = 7;
        t2.start = ago.applyAsLong(5);
        FakeProc t3 = busy.thread(2003, "spin-a");
        t3.state = 'S';
        ps.add(busy);

        FakeProc nobody = new FakeProc(2100, "daemon", 1).args("/usr/bin/daemon", "--foreground");
        nobody.uid = 65534;
        nobody.nice = 19;
        nobody.priority = 39;
        nobody.policy = 3;
        nobody.start = ago.applyAsLong(400L * 86400); // last year (or earlier this year: both ways print the same)
        nobody.tty = (4 << 8) | 64;
        ps.add(nobody);
        FakeProc timesync = new FakeProc(2101, "systemd-timesyn", 1).args("/lib/systemd/systemd-timesyncd");
        timesync.uid = 997;
        timesync.start = ago.applyAsLong(3 * 86400);
        timesync.tty = (5 << 8) | 1;
        timesync.tpgid = 2101;
        ps.add(timesync);
        FakeProc nouser = new FakeProc(2102, "app", 1).args("app");
        nouser.uid = 12345;
        nouser.start = ago.applyAsLong(7200);
        nouser.policy = 5; // SCHED_IDLE
        nouser.tty = (200 << 8) | 7; // no such terminal
        ps.add(nouser);
        FakeProc rr = new FakeProc(2103, "rtkit", 1).args("/usr/libexec/rtkit-daemon");
        rr.policy = 2;
        rr.rtprio = 1;
        rr.priority = -2;
        rr.nice = 1;
        rr.start = ago.applyAsLong(7300);
        ps.add(rr);

        FakeProc odd = new FakeProc(3000, "a) (b", 1).args("odd\ttab", "new\nline", "hi\u00e9bit", "ctl\u0001", "x\u007f");
        odd.start = ago.applyAsLong(60);
        ps.add(odd);
        FakeProc odd2 = new FakeProc(3001, "back\\sl\u0001\u00e9", 1).args("", "", "");
        odd2.start = ago.applyAsLong(61);
        ps.add(odd2);
        FakeProc spaces = new FakeProc(3002, "sp ace", 1);
        spaces.cmdline = "trailing \nspace\n";
        spaces.start = ago.applyAsLong(62);
        ps.add(spaces);
        FakeProc longCmd = new FakeProc(3003, "java", 1);
        longCmd.args("/usr/lib/jvm/java-21-openjdk-amd64/bin/java", "-Xmx4g", "-cp",
                "a.jar:b.jar:c.jar:d.jar:e.jar:f.jar:g.jar:h.jar:i.jar:j.jar:k.jar:l.jar:m.jar:n.jar",
                "com.example.Main", "--port=8080", "--verbose", "x".repeat(200));
        longCmd.start = ago.applyAsLong(63);
        longCmd.uid = 1000;
        ps.add(longCmd);
        FakeProc zombie = new FakeProc(3004, "defunct-kid", 3003);
        zombie.state = 'Z';
        zombie.start = ago.applyAsLong(50);
        ps.add(zombie);
        FakeProc big = new FakeProc(4194303, "bigpid", 3003).args("bigpid");
        big.pgrp = 4194303;
        big.sid = 4194303;
        big.tpgid = 4194303;
        big.uid = 997;
        big.start = ago.applyAsLong(40);
        ps.add(big);
        FakeProc orphan = new FakeProc(3100, "orphan", 2999).args("orphan");
        orphan.start = ago.applyAsLong(45);
        ps.add(orphan);
        // identical subtrees for pstree, and deep nesting for the forest
        int pid = 5000;
        for (int i = 0; i < 3; i++) {
            FakeProc w = new FakeProc(pid, "worker", 1).args("worker");
            w.start = ago.applyAsLong(70 - i);
            ps.add(w);
            FakeProc h = new FakeProc(pid + 1, "helper", pid).args("helper");
            h.start = ago.applyAsLong(69 - i);
            ps.add(h);
            pid += 2;
        }
        FakeProc wOdd = new FakeProc(pid, "worker", 1).args("worker");
        wOdd.start = ago.applyAsLong(66);
        wOdd.uid = 1000;
        ps.add(wOdd);
        int parent = 1;
        for (int depth = 0; depth < 6; depth++) {
            FakeProc d = new FakeProc(6000 + depth, depth % 2 == 0 ? "Deep" : "deep", parent)
                    .args("deep", Integer.toString(depth));
            d.start = ago.applyAsLong(80 - depth);
            ps.add(d);
            FakeProc sib = new FakeProc(6100 + depth, "sib", parent).args("sib");
            sib.start = ago.applyAsLong(79 - depth);
            ps.add(sib);
            parent = 6000 + depth;
        }
        for (FakeProc p : ps) {
            p.addTo(v);
        }
        dir = ProcSnapshot.newDir(tmp);
        ProcSnapshot.write(v, dir, p -> {
            String st = v.read("/proc/" + p + "/status");
            ProcTask t = new ProcTask();
            t.status2proc(st);
            return t.euid;
        });
    }

    @AfterAll
    void cleanUp() throws IOException {
        ProcSnapshot.delete(dir);
    }

    static Stream<String> psFormats() {
        return LiveNamespaceTest.psFormats();
    }

    @ParameterizedTest
    @MethodSource("psFormats")
    void psMatchesProcps(String format) throws Exception {
        ToolCheck.same(dir, "ps " + format, "UTC", 0, List.of(3));
    }

    @ParameterizedTest
    @MethodSource("psFormats")
    void psMatchesProcpsInNewYork(String format) throws Exception {
        ToolCheck.same(dir, "ps " + format, "America/New_York", 0, List.of(3));
    }

    @ParameterizedTest
    @MethodSource("psFormats")
    void psMatchesProcpsOnNarrowTerminals(String format) throws Exception {
        for (int cols : new int[] {132, 80, 40}) {
            ToolCheck.same(dir, "ps " + format, "UTC", cols, List.of(3));
        }
    }

    static Stream<String> pstreeArgs() {
        return Stream.of("-A", "-A -p", "-A -c", "-A -n", "-A -n -p", "-A -T", "-A -g", "-A -l", "-A 1000",
                "-A -p 6002", "-A 2", "-A 999");
    }

    @ParameterizedTest
    @MethodSource("pstreeArgs")
    void pstreeMatchesPsmisc(String args) throws Exception {
        for (int cols : new int[] {0, 60, 25}) {
            ToolCheck.same(dir, "pstree " + args, "UTC", cols, List.of());
        }
    }
}
