package ksim.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * A process (or thread) written as Linux 6.x writes /proc/PID/stat and status, with any
 * values a test wants, including ones no live process on the test machine would have.
 */
final class FakeProc {
    int pid;
    int tgid;
    String comm;
    char state = 'S';
    int ppid;
    int pgrp;
    int sid;
    int tty;
    int tpgid = -1;
    long flags = 0x400100;
    long utime;
    long stime;
    int priority = 20;
    int nice;
    long start;
    int rtprio;
    int policy;
    int processor;
    /** The cmdline file's bytes (NULs between arguments); "" for a kernel thread or a zombie. */
    String cmdline = "";
    int uid;
    boolean kernel;
    long vmSize = 10240;
    long vmRss = 2048;
    long vmLck;
    /** The wchan file, or null for none. */
    String wchan = "0";
    final List<FakeProc> threads = new ArrayList<>();

    FakeProc(int pid, String comm, int ppid) {
        this.pid = pid;
        this.tgid = pid;
        this.comm = comm;
        this.ppid = ppid;
        this.pgrp = pid;
        this.sid = pid;
    }

    FakeProc args(String... argv) {
        cmdline = String.join("\0", argv) + "\0";
        return this;
    }

    FakeProc kernelThread() {
        kernel = true;
        flags = 0x208040;
        cmdline = "";
        pgrp = 0;
        sid = 0;
        return this;
    }

    /** A thread of this process (its own tid, comm and times); the leader is added first. */
    FakeProc thread(int tid, String name) {
        if (threads.isEmpty()) {
            threads.add(this);
        }
        FakeProc t = new FakeProc(tid, name, ppid);
        t.tgid = pid;
        t.pgrp = pgrp;
        t.sid = sid;
        t.tty = tty;
        t.tpgid = tpgid;
        t.uid = uid;
        t.start = start;
        t.cmdline = cmdline;
        t.vmSize = vmSize;
        t.vmRss = vmRss;
        t.flags = flags | 0x40;
        threads.add(t);
        return t;
    }

    int nlwp() {
        return threads.isEmpty() ? 1 : threads.size();
    }

    /** fs/proc/array.c do_task_stat(). */
    String stat(int nlwp) {
        return pid + " (" + comm + ") " + state + " " + ppid + " " + pgrp + " " + sid + " " + tty + " " + tpgid
                + " " + flags + " 120 0 3 0 " + utime + " " + stime + " 0 0 " + priority + " " + nice + " "
                + nlwp + " 0 " + start + " " + (kernel ? 0 : vmSize * 1024) + " " + (kernel ? 0 : vmRss / 4)
                + " 18446744073709551615 " + (kernel ? "0 0 0" : "94000000000000 94000000100000 140730000000000")
                + " 0 0 0 0 0 0 0 0 0 17 " + processor + " " + rtprio + " " + policy + " 0 0 0"
                + (kernel ? " 0 0 0 0 0 0 0 0" : " 94000000200000 94000000300000 94000001000000 140730000001000"
                        + " 140730000002000 140730000002000 140730000003000")
                + " 0\n";
    }

    /** fs/proc/array.c proc_pid_status(). */
    String status(int nlwp) {
        String stateName = switch (state) {
            case 'R' -> "R (running)";
            case 'S' -> "S (sleeping)";
            case 'D' -> "D (disk sleep)";
            case 'T' -> "T (stopped)";
            case 't' -> "t (tracing stop)";
            case 'X' -> "X (dead)";
            case 'Z' -> "Z (zombie)";
            case 'P' -> "P (parked)";
            case 'I' -> "I (idle)";
            default -> state + " (unknown)";
        };
        StringBuilder b = new StringBuilder();
        b.append("Name:\t").append(comm.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        b.append("Umask:\t0022\n");
        b.append("State:\t").append(stateName).append('\n');
        b.append("Tgid:\t").append(tgid).append('\n');
        b.append("Ngid:\t0\n");
        b.append("Pid:\t").append(pid).append('\n');
        b.append("PPid:\t").append(ppid).append('\n');
        b.append("TracerPid:\t0\n");
        b.append("Uid:\t").append(uid).append('\t').append(uid).append('\t').append(uid).append('\t').append(uid)
                .append('\n');
        b.append("Gid:\t0\t0\t0\t0\n");
        b.append("FDSize:\t64\n");
        b.append("Groups:\t \n");
        b.append("NStgid:\t").append(tgid).append('\n');
        b.append("NSpid:\t").append(pid).append('\n');
        b.append("NSpgid:\t").append(pgrp).append('\n');
        b.append("NSsid:\t").append(sid).append('\n');
        b.append("Kthread:\t").append(kernel ? 1 : 0).append('\n');
        if (!kernel && state != 'Z') {
            b.append(String.format("VmPeak:\t%8d kB\n", vmSize + 100));
            b.append(String.format("VmSize:\t%8d kB\n", vmSize));
            b.append(String.format("VmLck:\t%8d kB\n", vmLck));
            b.append("VmPin:\t       0 kB\n");
            b.append(String.format("VmHWM:\t%8d kB\n", vmRss));
            b.append(String.format("VmRSS:\t%8d kB\n", vmRss));
            b.append(String.format("RssAnon:\t%8d kB\n", vmRss / 2));
            b.append(String.format("RssFile:\t%8d kB\n", vmRss - vmRss / 2));
            b.append("RssShmem:\t       0 kB\n");
            b.append("VmData:\t     400 kB\n");
            b.append("VmStk:\t     132 kB\n");
            b.append("VmExe:\t      20 kB\n");
            b.append("VmLib:\t    1600 kB\n");
            b.append("VmPTE:\t      48 kB\n");
            b.append("VmSwap:\t       0 kB\n");
        }
        b.append("Threads:\t").append(nlwp).append('\n');
        b.append("SigQ:\t0/63304\n");
        b.append("SigPnd:\t0000000000000000\n");
        b.append("ShdPnd:\t0000000000000000\n");
        b.append("SigBlk:\t0000000000000000\n");
        b.append("SigIgn:\t0000000000000000\n");
        b.append("SigCgt:\t0000000000000000\n");
        b.append("CapInh:\t0000000000000000\n");
        b.append("CapPrm:\t000001ffffffffff\n");
        b.append("CapEff:\t000001ffffffffff\n");
        b.append("CapBnd:\t000001ffffffffff\n");
        b.append("CapAmb:\t0000000000000000\n");
        b.append("NoNewPrivs:\t0\n");
        b.append("Seccomp:\t0\n");
        b.append("Cpus_allowed:\t3\n");
        b.append("Cpus_allowed_list:\t0-1\n");
        b.append("voluntary_ctxt_switches:\t10\n");
        b.append("nonvoluntary_ctxt_switches:\t1\n");
        return b.toString();
    }

    /** Adds this process's files (and its task directory) to a /proc. */
    void addTo(MapProcView view) {
        String dir = "/proc/" + pid;
        int n = nlwp();
        view.put(dir + "/stat", stat(n));
        view.put(dir + "/status", status(n));
        view.put(dir + "/cmdline", cmdline);
        if (wchan != null) {
            view.put(dir + "/wchan", wchan);
        }
        List<FakeProc> tasks = threads.isEmpty() ? List.of(this) : threads;
        for (FakeProc t : tasks) {
            String td = dir + "/task/" + t.pid;
            view.put(td + "/stat", t.stat(n));
            view.put(td + "/status", t.status(n));
            view.put(td + "/cmdline", t.cmdline);
        }
    }
}
