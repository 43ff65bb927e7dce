package ksim.kernel.proc;

import java.util.BitSet;
import ksim.abi.Resource;
import ksim.abi.SigAction;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.PidType;
import ksim.kernel.task.Cred;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskFlags;
import ksim.kernel.task.TaskState;

/**
 * fs/proc/array.c: proc_pid_status(), /proc/PID/status: task_state(), task_mem() and the
 * mm's lines (only while the task has an mm), task_sig(), task_cap(), task_seccomp(),
 * task_cpus_allowed(), cpuset_task_status_allowed(), task_context_switch_counts().
 */
final class ProcPidStatus {
    private ProcPidStatus() {}

    static String render(Kernel k, PidNamespace ns, Pid pid, Task p) {
        StringBuilder m = new StringBuilder(1600);
        m.append("Name:\t").append(escapedComm(p.comm)).append('\n');
        taskState(m, ns, pid, p);
        if (DoTaskStat.mm(p) != null) {
            taskMem(m);
            m.append("CoreDumping:\t0\n"); // signal->core_state: no core dump in progress
            m.append("THP_enabled:\t1\n");
            m.append("untag_mask:\t0xffffffffffffffff\n"); // no LAM on x86-64 without it
        }
        taskSig(k, m, p);
        taskCap(m, p.cred);
        taskSeccomp(m, p);
        taskCpusAllowed(k, m, p);
        // cpuset_task_status_allowed(): one memory node
        BitSet node0 = new BitSet();
        node0.set(0);
        m.append("Mems_allowed:\t").append(Bitmap.string(node0, Unmodelled.MAX_NUMNODES)).append('\n');
        m.append("Mems_allowed_list:\t0\n");
        m.append("voluntary_ctxt_switches:\t").append(p.nvcsw).append('\n');
        m.append("nonvoluntary_ctxt_switches:\t").append(p.nivcsw).append('\n');
        return m.toString();
    }

    /** proc_task_name(m, p, true): a newline and a backslash in comm are escaped (seq_escape_str "\n\\"). */
    static String escapedComm(String comm) {
        return comm.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static void taskState(StringBuilder m, PidNamespace ns, Pid pid, Task p) {
        int ppid = p.pidAlive() ? p.realParent.tgidNr(ns) : 0;
        if (p.files != null) { // p->fs, gone with exit_fs() right after exit_files()
            m.append("Umask:\t").append(String.format("%04o", Unmodelled.UMASK)).append('\n');
        }
        m.append("State:\t").append(TaskState.name(p));
        m.append("\nTgid:\t").append(p.tgidNr(ns));
        m.append("\nNgid:\t0"); // task_numa_group_id(): no NUMA group
        m.append("\nPid:\t").append(pid.nrIn(ns));
        m.append("\nPPid:\t").append(ppid);
        m.append("\nTracerPid:\t0"); // ptrace is not modelled
        Cred c = p.cred;
        m.append("\nUid:\t").append(c.uid()).append('\t').append(c.euid()).append('\t').append(c.suid())
                .append('\t').append(c.fsuid());
        m.append("\nGid:\t").append(c.gid()).append('\t').append(c.egid()).append('\t').append(c.sgid())
                .append('\t').append(c.fsgid());
        m.append("\nFDSize:\t").append(p.files == null ? 0 : p.files.maxFds());
        m.append("\nGroups:\t"); // no supplementary groups
        m.append(' '); // "Trailing space shouldn't have been added in the first place."
        m.append("\nNStgid:");
        for (int g = ns.level; g <= pid.level(); g++) {
            m.append('\t').append(p.tgidNr(pid.numbers[g].ns()));
        }
        m.append("\nNSpid:");
        for (int g = ns.level; g <= pid.level(); g++) {
            m.append('\t').append(p.pidNr(pid.numbers[g].ns()));
        }
        m.append("\nNSpgid:");
        for (int g = ns.level; g <= pid.level(); g++) {
            m.append('\t').append(p.signal.pids[PidType.PIDTYPE_PGID].nrIn(pid.numbers[g].ns()));
        }
        m.append("\nNSsid:");
        for (int g = ns.level; g <= pid.level(); g++) {
            m.append('\t').append(p.signal.pids[PidType.PIDTYPE_SID].nrIn(pid.numbers[g].ns()));
        }
        m.append('\n');
        m.append("Kthread:\t").append((p.flags & TaskFlags.PF_KTHREAD) != 0 ? '1' : '0').append('\n');
    }

    /** task_mem(): "%8lu kB" each. ksim does not model memory: a real process's sizes. */
    private static void taskMem(StringBuilder m) {
        for (int i = 0; i < Unmodelled.VM_NAMES.length; i++) {
            m.append(Unmodelled.VM_NAMES[i]).append(":\t").append(String.format("%8d", Unmodelled.VM_KB[i]))
                    .append(" kB\n");
        }
    }

    /** task_sig(). */
    private static void taskSig(Kernel k, StringBuilder m, Task p) {
        long pending = 0, shpending = 0, blocked = 0, qsize = 0, qlim = 0;
        long[] ignCatch = {0, 0};
        int numThreads = 0;
        if (p.sighand != null) {
            pending = p.pending.signal;
            shpending = p.signal.sharedPending.signal;
            blocked = p.blocked;
            ignCatch = collectSigignSigcatch(p);
            numThreads = p.signal.nrThreads;
            qsize = k.userSigpending.get(p.cred.uid()); // the user's UCOUNT_RLIMIT_SIGPENDING
            qlim = p.signal.rlim.cur[Resource.RLIMIT_SIGPENDING];
        }
        m.append("Threads:\t").append(numThreads);
        m.append("\nSigQ:\t").append(qsize).append('/').append(Long.toUnsignedString(qlim)).append('\n');
        renderSigset(m, "SigPnd:\t", pending);
        renderSigset(m, "ShdPnd:\t", shpending);
        renderSigset(m, "SigBlk:\t", blocked);
        renderSigset(m, "SigIgn:\t", ignCatch[0]);
        renderSigset(m, "SigCgt:\t", ignCatch[1]);
    }

    /** render_sigset_t(): the 64 signals as 16 hex digits, signal 64 first. */
    static void renderSigset(StringBuilder m, String header, long set) {
        m.append(header);
        String hex = Long.toHexString(set);
        for (int i = hex.length(); i < 16; i++) {
            m.append('0');
        }
        m.append(hex).append('\n');
    }

    /** collect_sigign_sigcatch(): {ignored, caught} as masks, bit (sig - 1). */
    static long[] collectSigignSigcatch(Task p) {
        long ign = 0, cat = 0;
        for (int sig = 1; sig <= Signal._NSIG; sig++) {
            int h = p.sighand.handler(sig - 1);
            if (h == SigAction.SIG_IGN) {
                ign |= 1L << (sig - 1);
            } else if (h != SigAction.SIG_DFL) {
                cat |= 1L << (sig - 1);
            }
        }
        return new long[] {ign, cat};
    }

    /**
     * task_cap(). ksim's credentials have no capability sets: root (any of uid, euid, suid 0,
     * or keepcaps) keeps the full permitted set, the effective set is full while euid is 0
     * (cap_emulate_setxuid()), and the bounding set never changes.
     */
    private static void taskCap(StringBuilder m, Cred c) {
        boolean permitted = c.uid() == 0 || c.euid() == 0 || c.suid() == 0 || c.keepCaps();
        renderCap(m, "CapInh:\t", 0);
        renderCap(m, "CapPrm:\t", permitted ? Unmodelled.CAP_FULL : 0);
        renderCap(m, "CapEff:\t", c.euid() == 0 ? Unmodelled.CAP_FULL : 0);
        renderCap(m, "CapBnd:\t", Unmodelled.CAP_FULL);
        renderCap(m, "CapAmb:\t", 0);
    }

    private static void renderCap(StringBuilder m, String header, long caps) {
        renderSigset(m, header, caps); // the same 16 hex digits (seq_put_hex_ll(m, header, val, 16))
    }

    /** task_seccomp(): no_new_privs, no seccomp, and this machine's speculation mitigations. */
    private static void taskSeccomp(StringBuilder m, Task p) {
        m.append("NoNewPrivs:\t").append(p.noNewPrivs ? 1 : 0).append('\n');
        m.append("Seccomp:\t0\n");
        m.append("Seccomp_filters:\t0\n");
        m.append("Speculation_Store_Bypass:\t").append(Unmodelled.SPECULATION_STORE_BYPASS).append('\n');
        m.append("SpeculationIndirectBranch:\t").append(Unmodelled.SPECULATION_INDIRECT_BRANCH).append('\n');
    }

    /** task_cpus_allowed(): the mask over nr_cpu_ids bits. */
    private static void taskCpusAllowed(Kernel k, StringBuilder m, Task p) {
        BitSet mask = cpusAllowed(k, p);
        int n = k.config.cpus;
        m.append("Cpus_allowed:\t").append(Bitmap.string(mask, n)).append('\n');
        m.append("Cpus_allowed_list:\t").append(Bitmap.list(mask, n)).append('\n');
    }

    /** p->cpus_ptr: null in ksim means every CPU. */
    static BitSet cpusAllowed(Kernel k, Task p) {
        if (p.cpusAllowed != null) {
            return p.cpusAllowed;
        }
        BitSet all = new BitSet();
        all.set(0, k.config.cpus);
        return all;
    }
}
