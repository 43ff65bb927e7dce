package ksim.kernel.proc;

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

    private final Kernel k;
    private final PidNamespace ns;
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

    /** proc_root's entries ksim has, in the order readdir gives them (by name length, then bytes). */
    private static final List<String> ROOT_FILES = List.of("sys", "stat", "uptime", "loadavg");
    /** tgid_base_stuff[] entries ksim renders, in their order. */
    private static final List<String> TGID_FILES =
            List.of("task", "environ", "status", "limits", "sched", "comm", "cmdline", "stat", "statm");
    /** tid_base_stuff[] entries ksim renders, in their order (children exists only here). */
    private static final List<String> TID_FILES =
            List.of("environ", "status", "limits", "sched", "comm", "cmdline", "stat", "statm", "children");

    @Override
    public String read(String path) {
        String[] p = parts(path);
        if (p == null) {
            return null;
        }
        switch (p.length) {
            case 1 -> {
                return switch (p[0]) {
                    case "loadavg" -> LoadavgProcShow.render(k, reader != null ? reader.activePidNs() : ns);
                    case "stat" -> ShowStat.render(k);
                    case "uptime" -> UptimeProcShow.render(k);
                    default -> null;
                };
            }
            case 2 -> {
                Task t = lookup(p[0]);
                return t == null ? null : tgidFile(t, p[1]);
            }
            case 3 -> {
                if (p[0].equals("sys") && p[1].equals("kernel")) {
                    return switch (p[2]) {
                        case "pid_max" -> k.config.pidMax + "\n"; // proc_dointvec of pid_max
                        case "threads-max" -> k.maxThreads + "\n";
                        default -> null;
                    };
                }
                return null;
            }
            case 4 -> {
                Task t = p[1].equals("task") ? taskLookup(lookup(p[0]), p[2]) : null;
                return t == null ? null : tidFile(t, p[3]);
            }
            default -> {
                return null;
            }
        }
    }

    @Override
    public List<String> list(String dir) {
        String[] p = parts(dir);
        if (p == null) {
            return null;
        }
        switch (p.length) {
            case 0 -> {
                return rootReaddir();
            }
            case 1 -> {
                if (p[0].equals("sys")) {
                    return List.of("kernel");
                }
                return lookup(p[0]) == null ? null : TGID_FILES;
            }
            case 2 -> {
                if (p[0].equals("sys") && p[1].equals("kernel")) {
                    return List.of("pid_max", "threads-max");
                }
                Task t = p[1].equals("task") ? lookup(p[0]) : null;
                return t == null ? null : taskReaddir(t);
            }
            case 3 -> {
                return p[1].equals("task") && taskLookup(lookup(p[0]), p[2]) != null ? TID_FILES : null;
            }
            default -> {
                return null;
            }
        }
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
        List<String> out = new ArrayList<>(ROOT_FILES);
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

    /** tgid_base_stuff[]: /proc/PID/FILE (whole-process views). */
    private String tgidFile(Task t, String file) {
        return switch (file) {
            case "stat" -> DoTaskStat.render(k, ns, t.threadPid, t, true);
            case "status" -> ProcPidStatus.render(k, ns, t.threadPid, t);
            case "statm" -> ProcPidStatm.render(t);
            case "sched" -> ProcSchedShowTask.render(ns, t);
            case "comm" -> CommShow.render(t);
            case "cmdline" -> ProcPidCmdline.read(t);
            case "environ" -> ""; // environ_read(): ksim's tasks have an empty environment
            case "limits" -> ProcPidLimits.render(t);
            default -> null;
        };
    }

    /** tid_base_stuff[]: /proc/PID/task/TID/FILE (one thread). */
    private String tidFile(Task t, String file) {
        return switch (file) {
            case "stat" -> DoTaskStat.render(k, ns, t.threadPid, t, false);
            case "children" -> ChildrenSeqShow.render(ns, t);
            case "task" -> null;
            default -> tgidFile(t, file);
        };
    }
}
