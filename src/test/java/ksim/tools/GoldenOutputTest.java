package ksim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs anywhere (no root, no procps): a small /proc in memory and what procps-ng 4.0.2's ps
 * and psmisc 23.6's pstree printed for it on the development machine (captured through
 * {@link RealTools} at {@link #T0}, which the tests pass as "now" so STIME/START stay the
 * same). {@link SyntheticProcTest} and {@link LiveNamespaceTest} compare with the real
 * tools directly where they can run.
 */
class GoldenOutputTest {
    /** The moment the outputs below were captured (2026-11-21 22:05:54 UTC, this machine's clock). */
    static final long T0 = 1795298754L;
    static final long UPTIME = 2L * 86400 + 3600;

    /** The /proc the outputs below were printed from. */
    static MapProcView tree(long now) {
        long btime = now - UPTIME;
        MapProcView v = new MapProcView();
        v.put("/proc/uptime", UPTIME + ".25 " + UPTIME + ".00\n");
        v.put("/proc/stat", "cpu  1 0 1 1 0 0 0 0 0 0\nbtime " + btime + "\nprocesses 9\n");
        v.put("/proc/meminfo", "MemTotal:        4000000 kB\n");
        v.put("/proc/sys/kernel/pid_max", "4194304\n");
        java.util.function.LongUnaryOperator ago = s -> (UPTIME - s) * 100;
        FakeProc init = new FakeProc(1, "init", 0).args("/sbin/init");
        init.start = 10;
        init.utime = 123;
        init.stime = 45;
        init.wchan = "do_epoll_wait";
        FakeProc kthreadd = new FakeProc(2, "kthreadd", 0).kernelThread();
        kthreadd.start = 11;
        FakeProc kworker = new FakeProc(3, "kworker/R-rcu_g", 2).kernelThread();
        kworker.state = 'I';
        kworker.nice = -20;
        kworker.priority = 0;
        kworker.start = 11;
        FakeProc shell = new FakeProc(100, "sh", 1).args("/bin/sh", "-i");
        shell.tty = (136 << 8) | 0;
        shell.tpgid = 120;
        shell.start = ago.applyAsLong(3600);
        shell.wchan = "do_wait";
        FakeProc job = new FakeProc(120, "server", 100).args("./server", "--port", "8080");
        job.sid = 100;
        job.tty = shell.tty;
        job.tpgid = 120;
        job.uid = 1000;
        job.start = ago.applyAsLong(1800);
        job.utime = 9000;
        job.stime = 1000;
        job.vmSize = 500000;
        job.vmRss = 120000;
        FakeProc t1 = job.thread(121, "server");
        t1.start = ago.applyAsLong(1799);
        t1.utime = 8000;
        FakeProc t2 = job.thread(122, "server");
        t2.start = ago.applyAsLong(1799);
        FakeProc nice = new FakeProc(130, "backup", 1).args("backup", "--nightly");
        nice.nice = 10;
        nice.priority = 30;
        nice.start = ago.applyAsLong(86400 + 60);
        FakeProc rt = new FakeProc(131, "audio", 1).args("audio");
        rt.policy = 1;
        rt.rtprio = 50;
        rt.priority = -51;
        rt.start = ago.applyAsLong(120);
        FakeProc zombie = new FakeProc(140, "sleep", 100);
        zombie.state = 'Z';
        zombie.sid = 100;
        zombie.pgrp = 140;
        zombie.start = ago.applyAsLong(30);
        FakeProc stopped = new FakeProc(141, "sleep", 100).args("sleep", "60");
        stopped.state = 'T';
        stopped.sid = 100;
        stopped.tty = shell.tty;
        stopped.tpgid = 120;
        stopped.start = ago.applyAsLong(25);
        for (FakeProc p : List.of(init, kthreadd, kworker, shell, job, nice, rt, zombie, stopped)) {
            p.addTo(v);
        }
        return v;
    }

    private static String ps(String format) {
        Ps.Options o = Ps.Options.defaults().withNow(T0).withZone(ZoneOffset.UTC)
                .withUsers(uid -> uid == 0 ? "root" : uid == 1000 ? "cloudsdk" : null);
        return Ps.render(tree(T0), format, o);
    }

    @Test
    void psEf() {
        assertEquals("""
                UID          PID    PPID  C STIME TTY          TIME CMD
                root           1       0  0 Nov19 ?        00:00:01 /sbin/init
                root           2       0  0 Nov19 ?        00:00:00 [kthreadd]
                root           3       2  0 Nov19 ?        00:00:00 [kworker/R-rcu_g]
                root         100       1  0 21:05 pts/0    00:00:00 /bin/sh -i
                cloudsdk     120     100  5 21:35 pts/0    00:01:40 ./server --port 8080
                root         130       1  0 Nov20 ?        00:00:00 backup --nightly
                root         131       1  0 22:03 ?        00:00:00 audio
                root         140     100  0 22:05 ?        00:00:00 [sleep] <defunct>
                root         141     100  0 22:05 pts/0    00:00:00 sleep 60
                """, ps("-ef"));
    }

    @Test
    void psELf() {
        assertEquals("""
                UID          PID    PPID     LWP  C NLWP STIME TTY          TIME CMD
                root           1       0       1  0    1 Nov19 ?        00:00:01 /sbin/init
                root           2       0       2  0    1 Nov19 ?        00:00:00 [kthreadd]
                root           3       2       3  0    1 Nov19 ?        00:00:00 [kworker/R-rcu_g]
                root         100       1     100  0    1 21:05 pts/0    00:00:00 /bin/sh -i
                cloudsdk     120     100     120  5    3 21:35 pts/0    00:01:40 ./server --port 8080
                cloudsdk     120     100     121  4    3 21:35 pts/0    00:01:20 ./server --port 8080
                cloudsdk     120     100     122  0    3 21:35 pts/0    00:00:00 ./server --port 8080
                root         130       1     130  0    1 Nov20 ?        00:00:00 backup --nightly
                root         131       1     131  0    1 22:03 ?        00:00:00 audio
                root         140     100     140  0    1 22:05 ?        00:00:00 [sleep] <defunct>
                root         141     100     141  0    1 22:05 pts/0    00:00:00 sleep 60
                """, ps("-eLf"));
    }

    @Test
    void psAux() {
        assertEquals("""
                USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
                root           1  0.0  0.0  10240  2048 ?        Ss   Nov19   0:01 /sbin/init
                root           2  0.0  0.0      0     0 ?        S    Nov19   0:00 [kthreadd]
                root           3  0.0  0.0      0     0 ?        I<   Nov19   0:00 [kworker/R-rcu_g]
                root         100  0.0  0.0  10240  2048 pts/0    Ss   21:05   0:00 /bin/sh -i
                cloudsdk     120  5.5  3.0 500000 120000 pts/0   Sl+  21:35   1:40 ./server --port 8080
                root         130  0.0  0.0  10240  2048 ?        SNs  Nov20   0:00 backup --nightly
                root         131  0.0  0.0  10240  2048 ?        Ss   22:03   0:00 audio
                root         140  0.0  0.0      0     0 ?        Z    22:05   0:00 [sleep] <defunct>
                root         141  0.0  0.0  10240  2048 pts/0    T    22:05   0:00 sleep 60
                """, ps("aux"));
    }

    @Test
    void psAxjf() {
        assertEquals("""
                   PPID     PID    PGID     SID TTY        TPGID STAT   UID   TIME COMMAND
                      0       2       0       0 ?             -1 S        0   0:00 [kthreadd]
                      2       3       0       0 ?             -1 I<       0   0:00  \\_ [kworker/R-rcu_g]
                      0       1       1       1 ?             -1 Ss       0   0:01 /sbin/init
                      1     130     130     130 ?             -1 SNs      0   0:00 backup --nightly
                      1     100     100     100 pts/0        120 Ss       0   0:00 /bin/sh -i
                    100     120     120     100 pts/0        120 Sl+   1000   1:40  \\_ ./server --port 8080
                    100     140     140     100 ?             -1 Z        0   0:00  \\_ [sleep] <defunct>
                    100     141     141     100 pts/0        120 T        0   0:00  \\_ sleep 60
                      1     131     131     131 ?             -1 Ss       0   0:00 audio
                """, ps("axjf"));
    }

    @Test
    void psEl() {
        assertEquals("""
                F S   UID     PID    PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD
                4 S     0       1       0  0  80   0 -  2560 do_epo ?        00:00:01 init
                1 S     0       2       0  0  80   0 -     0 -      ?        00:00:00 kthreadd
                1 I     0       3       2  0  60 -20 -     0 -      ?        00:00:00 kworker/R-rcu_g
                4 S     0     100       1  0  80   0 -  2560 do_wai pts/0    00:00:00 sh
                4 S  1000     120     100  5  80   0 - 125000 -     pts/0    00:01:40 server
                4 S     0     130       1  0  90  10 -  2560 -      ?        00:00:00 backup
                4 S     0     131       1  0   9   - -  2560 -      ?        00:00:00 audio
                4 Z     0     140     100  0  80   0 -     0 -      ?        00:00:00 sleep
                4 T     0     141     100  0  80   0 -  2560 -      pts/0    00:00:00 sleep
                """, ps("-el"));
    }

    @Test
    void pstreeAscii() {
        assertEquals("""
                init-+-audio
                     |-backup
                     `-sh-+-server---2*[{server}]
                          `-2*[sleep]
                """, Pstree.render(tree(T0), false, null));
        assertEquals("""
                init(1)-+-audio(131)
                        |-backup(130)
                        `-sh(100)-+-server(120)-+-{server}(121)
                                  |             `-{server}(122)
                                  |-sleep(140)
                                  `-sleep(141)
                """, Pstree.render(tree(T0), true, null));
        assertEquals("""
                sh(100)-+-server(120)-+-{server}(121)
                        |             `-{server}(122)
                        |-sleep(140)
                        `-sleep(141)
                """, Pstree.render(tree(T0), true, 100));
    }

    @Test
    void theSimulatedDefaultsTakeNowFromTheProcItself() {
        // btime + uptime is T0: the same STIME column as with T0 given
        assertEquals(ps("-ef").replace("cloudsdk", "1000    "), Ps.render(tree(T0), "-ef"));
    }

    @Test
    void selectionsOtherThanEverythingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ps.render(tree(T0), "-f"));
        assertThrows(IllegalArgumentException.class, () -> Ps.render(tree(T0), "au"));
        assertThrows(IllegalArgumentException.class, () -> Ps.render(tree(T0), "-eLf f"));
        assertThrows(IllegalArgumentException.class, () -> Ps.render(tree(T0), "-e -o pid"));
    }
}
