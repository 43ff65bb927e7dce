package ksim.kernel.proc;

import static ksim.kernel.proc.PidEntry.*;
import static ksim.kernel.proc.ProcDirEntry.create;
import static ksim.kernel.proc.ProcDirEntry.mkdir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.PidType;
import ksim.kernel.pid.Pids;
import ksim.kernel.task.Task;

/**
 * The simulated kernel's /proc as it is mounted for one PID namespace (fs/proc/root.c,
 * fs/proc/base.c): the numbers, the tasks listed and every field as that namespace sees them;
 * a task with no PID there is absent. Files are rendered when read, as seq_file shows them.
 *
 * <p>The reader, when given, is the task that reads (for /proc/self, /proc/thread-self and
 * the last PID of /proc/loadavg, which Linux takes from the reader's own namespace). Without
 * one the reader is outside the namespace, as a host tool looking in through
 * /proc/PID/root/proc is: /proc/self does not resolve, and loadavg's last PID is the mount's
 * namespace's. Reads have the kernel's side effects (cputime_adjust() keeps the reported
 * times monotonic), as reading the real /proc does.
 */
public final class ProcFs implements ProcView {
    /** VmSize and VmRSS (kB) of every user task: ksim does not model memory (see Unmodelled, docs/proc-notes.md). */
    public static final long VM_SIZE_KB = Unmodelled.VM_KB[1], VM_RSS_KB = Unmodelled.VM_KB[5];

    final Kernel k;
    final PidNamespace ns;
    private final Task reader;

    public ProcFs(Kernel k, PidNamespace ns) {
        this(k, ns, null);
    }

    public ProcFs(Kernel k, PidNamespace ns, Task reader) {
        this.k = k;
        this.ns = ns;
        this.reader = reader;
    }

    /** The namespace this /proc shows. */
    public PidNamespace ns() {
        return ns;
    }

    /**
     * /proc's own entries ksim has, in readdir order: proc_register() keeps a directory's
     * entries ordered by proc_match() — name length first, then bytes — and /proc/sys lists a
     * sysctl table's by namecmp().
     */
    private static final ProcDirEntry ROOT = mkdir("", S_IRUGO | S_IXUGO,
            mkdir("sys", S_IRUGO | S_IXUGO,
                    mkdir("kernel", S_IRUGO | S_IXUGO,
                            create("pid_max", S_IRUGO | S_IWUSR, fs -> fs.k.config.pidMax + "\n"), // proc_dointvec
                            create("threads-max", S_IRUGO | S_IWUSR, fs -> fs.k.maxThreads + "\n"))),
            create("stat", S_IRUGO, fs -> ShowStat.render(fs.k)),
            create("uptime", S_IRUGO, fs -> UptimeProcShow.render(fs.k)),
            create("loadavg", S_IRUGO, fs -> LoadavgProcShow.render(fs.k, fs.readerNs())));

    /**
     * tgid_base_stuff[] and tid_base_stuff[] as one table, in their order: the entries ksim
     * renders, each under /proc/PID, /proc/PID/task/TID or both.
     */
    private static final List<PidEntry> BASE_STUFF = List.of(
            dir("task", S_IRUGO | S_IXUGO, TGID, ProcFs::taskReaddir),
            reg("environ", S_IRUSR, BOTH, (fs, t) -> ""), // environ_read(): ksim's tasks have an empty environment
            reg("status", S_IRUGO, BOTH, (fs, t) -> ProcPidStatus.render(fs.k, fs.ns, t.threadPid, t)),
            reg("limits", S_IRUGO, BOTH, (fs, t) -> ProcPidLimits.render(t)),
            reg("sched", S_IRUGO | S_IWUSR, BOTH, (fs, t) -> ProcSchedShowTask.render(fs.ns, t)),
            reg("comm", S_IRUGO | S_IWUSR, BOTH, (fs, t) -> CommShow.render(t)),
            reg("cmdline", S_IRUGO, BOTH, (fs, t) -> ProcPidCmdline.read(t)),
            reg("stat", S_IRUGO, TGID, (fs, t) -> DoTaskStat.render(fs.k, fs.ns, t.threadPid, t, true)), // proc_tgid_stat
            reg("stat", S_IRUGO, TID, (fs, t) -> DoTaskStat.render(fs.k, fs.ns, t.threadPid, t, false)), // proc_tid_stat
            reg("statm", S_IRUGO, BOTH, (fs, t) -> ProcPidStatm.render(t)),
            reg("children", S_IRUGO, TID, (fs, t) -> ChildrenSeqShow.render(fs.ns, t)));
    private static final List<String> TGID_NAMES = PidEntry.names(BASE_STUFF, TGID);
    private static final List<String> TID_NAMES = PidEntry.names(BASE_STUFF, TID);

    @Override
    public String read(String path) {
        String[] p = parts(path);
        if (p == null || p.length == 0) {
            return null;
        }
        ProcDirEntry de = ROOT.walk(p);
        if (de != null) {
            return de.isDir() ? null : de.show().show(this);
        }
        Task t = lookup(p[0]);
        PidEntry e = t == null || p.length < 2 ? null : PidEntry.lookup(BASE_STUFF, TGID, p[1]);
        if (e != null && p.length == 2 && !e.isDir()) {
            return e.show().show(this, t);
        }
        if (e != null && p.length == 4 && e.isDir()) { // task/TID/FILE
            Task th = taskLookup(t, p[2]);
            PidEntry f = th == null ? null : PidEntry.lookup(BASE_STUFF, TID, p[3]);
            return f == null || f.isDir() ? null : f.show().show(this, th);
        }
        return null;
    }

    @Override
    public List<String> list(String dir) {
        String[] p = parts(dir);
        if (p == null) {
            return null;
        }
        if (p.length == 0) {
            return rootReaddir();
        }
        ProcDirEntry de = ROOT.walk(p);
        if (de != null) {
            return de.isDir() ? de.names() : null;
        }
        Task t = lookup(p[0]);
        if (t == null) {
            return null;
        }
        if (p.length == 1) {
            return TGID_NAMES; // proc_tgid_base_readdir()
        }
        PidEntry e = PidEntry.lookup(BASE_STUFF, TGID, p[1]);
        if (e == null || !e.isDir() || p.length > 3) {
            return null;
        }
        if (p.length == 2) {
            return e.readdir().readdir(this, t);
        }
        return taskLookup(t, p[2]) != null ? TID_NAMES : null; // task/TID: proc_tid_base_readdir()
    }

    /** The namespace whose last PID /proc/loadavg shows: the reader's own, else the mount's. */
    private PidNamespace readerNs() {
        return reader != null ? reader.activePidNs() : ns;
    }

    @Override
    public String readlink(String path) {
        String[] p = rawParts(path);
        if (p == null || p.length != 1) {
            return null;
        }
        return switch (p[0]) {
            case "self" -> self();
            case "thread-self" -> threadSelf();
            default -> null;
        };
    }

    /** proc_self_get_link(): the reader's TGID here, or nothing when it has none in this namespace. */
    private String self() {
        int tgid = reader == null ? 0 : reader.tgidNr(ns);
        return tgid == 0 ? null : Integer.toString(tgid);
    }

    /** proc_thread_self_get_link(). */
    private String threadSelf() {
        int tgid = reader == null ? 0 : reader.tgidNr(ns);
        int pid = reader == null ? 0 : reader.pidNr(ns);
        return tgid == 0 || pid == 0 ? null : tgid + "/task/" + pid;
    }

    /** A path below /proc as its components, the self and thread-self links followed; null outside /proc. */
    private String[] parts(String path) {
        String[] p = rawParts(path);
        if (p == null || p.length == 0) {
            return p;
        }
        String link = p[0].equals("self") ? self() : p[0].equals("thread-self") ? threadSelf() : null;
        if (link == null) {
            return p[0].equals("self") || p[0].equals("thread-self") ? null : p;
        }
        List<String> out = new ArrayList<>(Arrays.asList(link.split("/")));
        out.addAll(Arrays.asList(p).subList(1, p.length));
        return out.toArray(new String[0]);
    }

    private static String[] rawParts(String path) {
        if (path == null || !(path.equals("/proc") || path.startsWith("/proc/"))) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : path.substring(5).split("/")) {
            if (s.equals("..")) {
                return null; // ksim's /proc is not a tree to walk up in
            }
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out.toArray(new String[0]);
    }

    /** fs/proc/base.c: name_to_int(): decimal without a leading zero, or -1. */
    static int nameToInt(String name) {
        if (name.isEmpty() || name.length() > 1 && name.charAt(0) == '0' || name.length() > 10) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < name.length(); i++) {
            int c = name.charAt(i) - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            n = n * 10 + c;
        }
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    /** proc_pid_lookup(): any task with that PID here, a thread's TID included (they are just not listed). */
    private Task lookup(String name) {
        int nr = nameToInt(name);
        return nr <= 0 ? null : Pids.findTaskByPidNs(nr, ns);
    }

    /** proc_task_lookup(): a TID of the same thread group as the directory's task. */
    private Task taskLookup(Task leader, String name) {
        Task t = leader == null ? null : lookup(name);
        return t != null && t.sameThreadGroup(leader) ? t : null;
    }

    /** proc_root_readdir(): the fixed entries, self and thread-self, then every thread-group leader's TGID in order (next_tgid()). */
    private List<String> rootReaddir() {
        List<String> out = ROOT.names();
        out.add("self");
        out.add("thread-self");
        for (int nr = ns.nextUsedNr(1); nr >= 0; nr = ns.nextUsedNr(nr + 1)) {
            Pid pid = ns.find(nr);
            if (pid != null && pid.hasTask(PidType.PIDTYPE_TGID)) {
                out.add(Integer.toString(nr));
            }
        }
        return out;
    }

    /** proc_task_readdir(): the group's threads in thread-list order, those with a TID here. */
    private List<String> taskReaddir(Task t) {
        List<String> out = new ArrayList<>();
        if (!t.pidAlive()) {
            return out;
        }
        for (Task th : t.signal.threadHead) {
            int tid = th.pidNr(ns);
            if (tid != 0) {
                out.add(Integer.toString(tid));
            }
        }
        return out;
    }
}
