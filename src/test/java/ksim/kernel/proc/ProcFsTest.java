package ksim.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pids;
import ksim.kernel.task.Task;
import ksim.scenario.Parser;
import ksim.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;

/**
 * ksim's /proc file by file, beyond what the inspect/ goldens hold: the files and directories
 * the goldens do not capture, the formats of the kernel's printers, lookups and their failures.
 */
class ProcFsTest {
    /** A scenario run until {@code at} ms after main's block starts; the view of its namespace (or the host's). */
    static ScenarioRunner.Inspection at(String src, long atMs, boolean host) throws Exception {
        return ScenarioRunner.inspect(Parser.parse("t.ksim", src), ScenarioRunner.Options.NONE, atMs * 1_000_000L,
                host);
    }

    static final String FAMILY = """
            cpus 2
            main {
                fork a {
                    exec prog {
                        sleep(1s)
                    }
                }
                fork z {
                    exit(1)
                }
                fork b {
                    sleep(1s)
                }
                sleep(1s)
            }
            """;

    @Test
    void theRootListsFixedEntriesThenEveryProcessInPidOrder() throws Exception {
        ProcView v = at(FAMILY, 100, false).proc();
        assertEquals(List.of("sys", "stat", "uptime", "loadavg", "self", "thread-self", "1", "2", "3", "4"),
                v.list("/proc"));
        // the host's /proc has init as 1, kthreadd as 2, the other kernel threads, then the scenario's main
        ScenarioRunner.Inspection hostIn = at(FAMILY, 100, true);
        ProcView host = hostIn.proc();
        assertEquals(List.of("1", "2", "3", "4", "5"), host.list("/proc").subList(6, 11));
        assertTrue(host.read("/proc/1/stat").startsWith("1 (init) S 0 0 0 0 -1 "), host.read("/proc/1/stat"));
        assertTrue(host.read("/proc/2/stat").startsWith("2 (kthreadd) S 0 0 0 0 -1 "), host.read("/proc/2/stat"));
        int main = hostIn.kernel().bootThreads + 1;
        assertEquals("NSpid:\t" + main + "\t1\n", line(host.read("/proc/" + main + "/status"), "NSpid:"));
    }

    @Test
    void aThreadIsNotListedButCanBeLookedUpAndIsUnderTask() throws Exception {
        ProcView v = at("""
                main {
                    fork a {
                        thread t {
                            sleep(1s)
                        }
                        sleep(1s)
                    }
                    sleep(1s)
                }
                """, 100, false).proc();
        assertEquals(List.of("sys", "stat", "uptime", "loadavg", "self", "thread-self", "1", "2"), v.list("/proc"));
        assertEquals(List.of("2", "3"), v.list("/proc/2/task"));
        assertTrue(v.read("/proc/3/stat").startsWith("3 (main) S 1 1 1 0 -1 "));
        assertEquals(v.list("/proc/2"), List.of("task", "environ", "status", "limits", "sched", "comm", "cmdline",
                "stat", "statm"));
        assertEquals("children", v.list("/proc/2/task/3").get(8));
        // a thread's own stat: its exit_signal is -1 and wchan shows it sleeps; the process's does not (two threads)
        String[] tid = fields(v.read("/proc/2/task/3/stat"));
        String[] tgid = fields(v.read("/proc/2/stat"));
        assertEquals("-1", tid[38 - 1]);
        assertEquals("1", tid[35 - 1]);
        assertEquals("0", tgid[35 - 1]);
        assertEquals("2", tgid[20 - 1]);
        assertNull(v.read("/proc/1/task/3/stat"), "TID 3 is not one of main's threads");
        assertNull(v.read("/proc/2/task/1/stat"));
    }

    @Test
    void cmdlineCommEnvironChildrenAndLimits() throws Exception {
        ProcView v = at(FAMILY, 100, false).proc();
        assertEquals("main\0", v.read("/proc/1/cmdline"));
        assertEquals("prog\0", v.read("/proc/2/cmdline"));
        assertEquals("prog\n", v.read("/proc/2/comm"));
        assertEquals("", v.read("/proc/3/cmdline"), "a zombie has no mm");
        assertEquals("0 0 0 0 0 0 0\n", v.read("/proc/3/statm"));
        assertEquals("", v.read("/proc/1/environ"));
        assertEquals("2 3 4 ", v.read("/proc/1/task/1/children"));
        assertEquals("", v.read("/proc/4/task/4/children"));
        assertNull(v.read("/proc/1/children"), "children is only under task/TID, as in Linux");
        assertEquals("""
                Limit                     Soft Limit           Hard Limit           Units    \s
                Max cpu time              unlimited            unlimited            seconds  \s
                Max file size             unlimited            unlimited            bytes    \s
                Max data size             unlimited            unlimited            bytes    \s
                Max stack size            8388608              unlimited            bytes    \s
                Max core file size        0                    unlimited            bytes    \s
                Max resident set          unlimited            unlimited            bytes    \s
                Max processes             96343                96343                processes\s
                Max open files            1024                 4096                 files    \s
                Max locked memory         8388608              8388608              bytes    \s
                Max address space         unlimited            unlimited            bytes    \s
                Max file locks            unlimited            unlimited            locks    \s
                Max pending signals       96343                96343                signals  \s
                Max msgqueue size         819200               819200               bytes    \s
                Max nice priority         0                    0                   \s
                Max realtime priority     0                    0                   \s
                Max realtime timeout      unlimited            unlimited            us       \s
                """, v.read("/proc/1/limits"));
    }

    @Test
    void aZombieHasNoUmaskNoMemoryAndItsExitCode() throws Exception {
        ProcView v = at(FAMILY, 100, false).proc();
        String st = v.read("/proc/3/status");
        assertTrue(st.startsWith("Name:\tmain\nState:\tZ (zombie)\nTgid:\t3\n"), st);
        assertEquals("FDSize:\t0\n", line(st, "FDSize:"));
        assertTrue(!st.contains("VmSize") && !st.contains("THP_enabled"), st);
        String[] f = fields(v.read("/proc/3/stat"));
        assertEquals("256", f[52 - 1]);
        assertEquals(Integer.toString(0x40804C), f[9 - 1]); // PF_EXITING|PF_POSTCOREDUMP|PF_FORKNOEXEC|PF_NOFREEZE|PF_RANDOMIZE
        assertEquals("0", f[23 - 1]);
        assertTrue(!v.read("/proc/3/sched").contains("mm->numa_scan_seq"));
    }

    @Test
    void loadavgStatUptimeAndTheSysctls() throws Exception {
        ScenarioRunner.Inspection in = at(FAMILY, 300, false);
        Kernel k = in.kernel();
        ProcView v = in.proc();
        // main, a (now prog), zombie z, b, init and the kernel threads on the host; the last PID here is b's, 4
        assertEquals("0.00 0.00 0.00 0/" + (k.bootThreads + 4) + " 4\n", v.read("/proc/loadavg"));
        String[] stat = v.read("/proc/stat").split("\n");
        assertTrue(stat[0].matches("cpu  \\d+ 0 0 \\d+ 0 0 0 0 0 0"), stat[0]);
        assertTrue(stat[1].startsWith("cpu0 ") && stat[2].startsWith("cpu1 "));
        assertEquals(2 + 424, stat[3].split(" ").length);
        assertEquals("btime 1767225600", stat[5]);
        assertEquals("processes " + k.totalForks, stat[6]);
        assertEquals("procs_running 0", stat[7]);
        assertEquals("softirq 0 0 0 0 0 0 0 0 0 0 0", stat[9]);
        assertTrue(v.read("/proc/uptime").matches("0\\.30 0\\.\\d\\d\n"), v.read("/proc/uptime"));
        assertEquals("32768\n", v.read("/proc/sys/kernel/pid_max"));
        assertEquals(k.maxThreads + "\n", v.read("/proc/sys/kernel/threads-max"));
        assertEquals(List.of("pid_max", "threads-max"), v.list("/proc/sys/kernel"));
    }

    @Test
    void selfResolvesOnlyForAReaderInTheNamespace() throws Exception {
        ScenarioRunner.Inspection in = at(FAMILY, 100, false);
        assertNull(in.proc().readlink("/proc/self"));
        assertNull(in.proc().read("/proc/self/stat"));
        Task b = Pids.findTaskByPidNs(4, in.ns());
        ProcFs asB = new ProcFs(in.kernel(), in.ns(), b);
        assertEquals("4", asB.readlink("/proc/self"));
        assertEquals("4/task/4", asB.readlink("/proc/thread-self"));
        assertEquals("main\n", asB.read("/proc/self/comm"));
        assertTrue(asB.read("/proc/self/stat").startsWith("4 (main) S 1 "));
        assertTrue(asB.read("/proc/thread-self/status").contains("\nPid:\t4\n"));
        // the host's init reads the scenario's /proc from outside: no self
        ProcFs fromInit = new ProcFs(in.kernel(), in.ns(), in.kernel().init());
        assertNull(fromInit.readlink("/proc/self"));
    }

    @Test
    void badNamesAreNotFound() throws Exception {
        ProcView v = at(FAMILY, 100, false).proc();
        for (String p : new String[] {"/proc/01/stat", "/proc/0/stat", "/proc/99/stat", "/proc/1/nosuch",
                "/proc/1/task/1/task", "/proc/nosuch", "/proc/sys/kernel/nosuch", "/etc/passwd", "/proc/1/../1/stat",
                "/proc/-1/stat", "/proc/4294967297/stat"}) {
            assertNull(v.read(p), p);
        }
        assertNull(v.read("/proc/1"), "a directory is not read");
        assertEquals(v.read("/proc/1/stat"), v.read("/proc//1/./stat/"));
        assertNull(v.list("/proc/1/stat"));
        assertNull(v.list("/proc/99"));
    }

    @Test
    void statusShowsCredentialsMasksAndAffinity() throws Exception {
        ProcView v = at("""
                cpus 4
                main {
                    fork u {
                        sigprocmask(SIG_BLOCK, {SIGUSR1, 64})
                        signal(SIGTERM, SIG_IGN)
                        sched_setaffinity(0, {0, 2, 3})
                        setuid(1000)
                        sleep(1s)
                    }
                    sleep(1s)
                }
                """, 100, false).proc();
        String st = v.read("/proc/2/status");
        assertEquals("Uid:\t1000\t1000\t1000\t1000\n", line(st, "Uid:"));
        assertEquals("SigBlk:\t8000000000000200\n", line(st, "SigBlk:"));
        assertEquals("SigIgn:\t0000000000004000\n", line(st, "SigIgn:"));
        assertEquals("CapPrm:\t0000000000000000\n", line(st, "CapPrm:"));
        assertEquals("CapBnd:\t000001fffeffffff\n", line(st, "CapBnd:"));
        assertEquals("Cpus_allowed:\td\n", line(st, "Cpus_allowed:"));
        assertEquals("Cpus_allowed_list:\t0,2-3\n", line(st, "Cpus_allowed_list:"));
        String[] f = fields(v.read("/proc/2/stat"));
        assertEquals(Integer.toString(0x400140), f[9 - 1], "PF_SUPERPRIV: setuid() used CAP_SETUID");
        assertEquals(Integer.toString(0x200), f[32 - 1]);
    }

    @Test
    void schedShowsPolicyPriorityAndWeight() throws Exception {
        ProcView v = at("""
                main {
                    fork f {
                        sched_setscheduler(0, SCHED_FIFO, 10)
                        sleep(1s)
                    }
                    fork n {
                        nice(5)
                        sleep(1s)
                    }
                    sleep(1s)
                }
                """, 100, false).proc();
        String f = v.read("/proc/2/sched");
        assertTrue(f.startsWith("main (2, #threads: 1)\n" + "-".repeat(67) + "\n"), f);
        assertEquals("policy                                       :                    1\n", line(f, "policy "));
        assertEquals("prio                                         :                   89\n", line(f, "prio "));
        assertTrue(!f.contains("se.slice"), "an RT task has no slice line");
        String n = v.read("/proc/3/sched");
        assertEquals("se.load.weight                               :               343040\n",
                line(n, "se.load.weight"));
        assertTrue(n.contains("\nse.slice "));
        assertTrue(n.matches("(?s).*\nse\\.exec_start {32}: {6,}\\d+\\.\\d{6}\n.*"), n);
        String[] stat = fields(v.read("/proc/3/stat"));
        assertEquals("25", stat[18 - 1]);
        assertEquals("5", stat[19 - 1]);
    }

    @Test
    void bitmapsPrintAsTheKernelPrintsCpumasks() {
        assertEquals("3", Bitmap.string(bits(0, 1), 2));
        assertEquals("1", Bitmap.string(bits(0), 1));
        assertEquals("02", Bitmap.string(bits(1), 8));
        assertEquals("1,00000000", Bitmap.string(bits(32), 33));
        assertEquals("00000001,00000000", Bitmap.string(bits(32), 64));
        assertEquals("0-1", Bitmap.list(bits(0, 1), 2));
        assertEquals("0,2-3,7", Bitmap.list(bits(0, 2, 3, 7), 8));
        assertEquals("", Bitmap.list(bits(), 8));
    }

    @Test
    void theStatLineParsesBackLikeTheCRuntimeParsesIt() {
        ProcPidStat.Stat s = ProcPidStat.parse("7 (a) (b)) T 3 1 1 0 -1 4194368 0 0 0 0 12 34 0 0 20 0 1 0\n");
        assertEquals(7, s.pid());
        assertEquals("a) (b)", s.comm());
        assertEquals('T', s.state());
        assertEquals(3, s.ppid());
        assertEquals(12, s.utimeTicks());
        assertEquals(34, s.stimeTicks());
    }

    private static BitSet bits(int... on) {
        BitSet b = new BitSet();
        for (int i : on) {
            b.set(i);
        }
        return b;
    }

    /** stat's fields after the pid and comm: index n - 1 is field n (fields 1 and 2 kept as they are). */
    private static String[] fields(String stat) {
        int r = stat.lastIndexOf(") ");
        String[] rest = stat.substring(r + 2).strip().split(" ");
        String[] out = new String[rest.length + 2];
        out[0] = stat.substring(0, stat.indexOf(" ("));
        out[1] = stat.substring(stat.indexOf('(') + 1, r);
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    private static String line(String text, String prefix) {
        for (String l : text.split("\n")) {
            if (l.startsWith(prefix)) {
                return l + "\n";
            }
        }
        return null;
    }
}
