package ksim.crash;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.Kernel;
import ksim.kernel.sched.Scheduler;
import ksim.kernel.task.Task;

/**
 * crash's {@code task}: the task's header line and its task_struct as gdb prints it — the
 * members ksim models, in the kernel's declaration order, nested structs indented —, or
 * only the members named with {@code -R}.
 */
final class TaskDump {
    private TaskDump() {}

    /** One member: a name, and either a value or nested members. */
    record Member(String name, String value, List<Member> nested) {
        static Member of(String name, Object value) {
            return new Member(name, String.valueOf(value), null);
        }

        static Member struct(String name, Member... nested) {
            return new Member(name, null, List.of(nested));
        }
    }

    /** "PID: 1        TASK: ffff888100000000  CPU: 0    COMMAND: \"init\"". */
    static String header(Task t) {
        return String.format("PID: %-8d TASK: %s  CPU: %-4d COMMAND: \"%s\"", CrashPs.pid(t),
                KernelSymbols.hex(KernelSymbols.taskAddr(t)), t.cpu, t.comm);
    }

    /** The first of {@code names} that is no member of a task_struct, or null: checked once per command. */
    static String unknownMember(Kernel k, Task t, List<String> names) {
        List<Member> members = members(k, t);
        return names.stream().filter(n -> find(members, n) == null).findFirst().orElse(null);
    }

    /** The whole task_struct, or with {@code only} those members (each one known: see {@link #unknownMember}). */
    static String render(Kernel k, Task t, List<String> only) {
        List<Member> members = members(k, t);
        StringBuilder b = new StringBuilder(header(t)).append('\n');
        if (only != null) {
            for (String name : only) {
                print(b, find(members, name), "  ", true);
            }
            return b.toString();
        }
        b.append("struct task_struct {\n");
        for (int i = 0; i < members.size(); i++) {
            print(b, members.get(i), "  ", i < members.size() - 1);
        }
        return b.append("}\n").toString();
    }

    private static Member find(List<Member> members, String dotted) {
        String[] path = dotted.split("\\.", 2);
        for (Member m : members) {
            if (m.name().equals(path[0])) {
                if (path.length == 1) {
                    return m;
                }
                return m.nested() == null ? null : find(m.nested(), path[1]);
            }
        }
        return null;
    }

    private static void print(StringBuilder b, Member m, String indent, boolean comma) {
        if (m.nested() == null) {
            b.append(indent).append(m.name()).append(" = ").append(m.value()).append(comma ? ",\n" : "\n");
            return;
        }
        b.append(indent).append(m.name()).append(" = {\n");
        for (int i = 0; i < m.nested().size(); i++) {
            print(b, m.nested().get(i), indent + "  ", i < m.nested().size() - 1);
        }
        b.append(indent).append(comma ? "},\n" : "}\n");
    }

    private static String ptr(long addr) {
        return addr == 0 ? "0x0" : "0x" + KernelSymbols.hex(addr);
    }

    private static String taskPtr(Task t) {
        return t == null ? "0x0" : ptr(KernelSymbols.taskAddr(t));
    }

    /** The members ksim models, in include/linux/sched.h's order. */
    static List<Member> members(Kernel k, Task t) {
        List<Member> m = new ArrayList<>();
        m.add(Member.struct("thread_info",
                Member.of("flags", (t.needResched ? 1L << 3 : 0) | (t.sigPending ? 1L << 2 : 0)
                        | (t.thread.needFpuLoad ? 1L << 14 : 0)),
                Member.of("syscall_work", 0), Member.of("status", 0), Member.of("cpu", t.cpu)));
        m.add(Member.of("__state", t.state));
        m.add(Member.of("stack", ptr(t.thread.stack)));
        m.add(Member.of("flags", Integer.toUnsignedLong(t.flags)));
        m.add(Member.of("on_cpu", t.onCpu ? 1 : 0));
        m.add(Member.of("on_rq", t.onRq ? 1 : 0));
        m.add(Member.of("prio", t.prio));
        m.add(Member.of("static_prio", t.staticPrio));
        m.add(Member.of("normal_prio", t.normalPrio));
        m.add(Member.of("rt_priority", t.rtPriority));
        m.add(Member.struct("se",
                Member.struct("load", Member.of("weight", t.se.weight() << 10), Member.of("inv_weight", 0)),
                Member.of("on_rq", t.se.onRq ? 1 : 0),
                Member.of("exec_start", t.se.execStart),
                Member.of("sum_exec_runtime", t.se.sumExecRuntime),
                Member.of("prev_sum_exec_runtime", t.se.prevSumExecRuntime),
                Member.of("vruntime", t.se.vruntime),
                Member.of("vlag", t.se.vlag),
                Member.of("deadline", t.se.deadline),
                Member.of("slice", t.se.slice),
                Member.of("nr_migrations", t.se.nrMigrations)));
        m.add(Member.struct("rt", Member.of("time_slice", t.rtTimeSlice)));
        String cls = Scheduler.className(t) + "_sched_class";
        m.add(Member.of("sched_class", ptr(KernelSymbols.textAddr(cls, 0) | 0x1000000L) + " <" + cls + ">"));
        m.add(Member.of("policy", t.policy));
        m.add(Member.of("nr_cpus_allowed", t.cpusAllowed == null ? k.config.cpus : t.cpusAllowed.cardinality()));
        m.add(Member.of("sched_reset_on_fork", t.resetOnFork ? 1 : 0));
        m.add(Member.of("mm", t.mm == null ? "0x0" : ptr(mmAddr(k, t.mm))));
        m.add(Member.of("active_mm", t.activeMm == null ? "0x0" : ptr(mmAddr(k, t.activeMm))));
        m.add(Member.of("exit_state", t.exitState));
        m.add(Member.of("exit_code", t.exitCode));
        m.add(Member.of("exit_signal", t.exitSignal));
        m.add(Member.of("pdeath_signal", t.pdeathSignal));
        m.add(Member.of("pid", CrashPs.pid(t)));
        m.add(Member.of("tgid", t.signal.pids[ksim.kernel.pid.PidType.PIDTYPE_TGID].globalNr()));
        m.add(Member.of("real_parent", taskPtr(t.realParent)));
        m.add(Member.of("parent", taskPtr(t.parent)));
        m.add(Member.of("group_leader", taskPtr(t.groupLeader)));
        m.add(Member.of("nvcsw", t.nvcsw));
        m.add(Member.of("nivcsw", t.nivcsw));
        m.add(Member.of("start_time", t.startTime));
        m.add(Member.of("comm", comm(t.comm)));
        m.add(Member.struct("blocked", Member.struct("sig", Member.of("[0]", Long.toUnsignedString(t.blocked)))));
        m.add(Member.struct("thread", Member.of("sp", ptr(t.thread.sp)), Member.of("fsbase", 0),
                Member.of("gsbase", 0)));
        return m;
    }

    /**
     * An mm_struct's address: the slot of the first task (in crash's walk order) using it, so
     * threads and vfork children show their parent's; init_mm for the one idle tasks borrow.
     */
    private static long mmAddr(Kernel k, ksim.kernel.task.MmStruct mm) {
        if (mm == k.initMm) {
            return KernelSymbols.textAddr("init_mm", 0) | 0x1000000L;
        }
        long slot = 0;
        for (Task t : CrashPs.allTasks(k)) {
            if (t.mm == mm) {
                return 0xffff888104000000L + KernelSymbols.taskAddr(t) % 0x1000000L / KernelSymbols.TASK_STRUCT_SIZE * 0x400;
            }
            slot++;
        }
        return 0xffff888104000000L + slot * 0x400;
    }

    /** gdb's char[16]: 15 bytes shown, NULs as \000, a run of more than 10 as '\000' <repeats N times>. */
    static String comm(String comm) {
        int nuls = 15 - comm.length();
        if (nuls > 10) {
            return comm.isEmpty() ? "'\\000' <repeats " + nuls + " times>"
                    : "\"" + comm + "\", '\\000' <repeats " + nuls + " times>";
        }
        return "\"" + comm + "\\000".repeat(Math.max(0, nuls)) + "\"";
    }
}
