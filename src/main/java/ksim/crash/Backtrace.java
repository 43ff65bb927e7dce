package ksim.crash;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.Kernel;
import ksim.kernel.task.Spin;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;

/**
 * crash's {@code bt}: where a task is in the kernel. ksim keeps no kernel stacks, but it
 * knows what each task is blocked in (the system call or kernel operation in flight and the
 * state it sleeps in), so the frames are the ones Linux has for that wait: __schedule() and
 * schedule() on top, the blocking function and its callers below, and the system-call entry
 * (or, for a kernel thread, kthread() and ret_from_fork) at the bottom.
 */
final class Backtrace {
    private Backtrace() {}

    static String render(Kernel k, Task t) {
        StringBuilder b = new StringBuilder(TaskDump.header(t)).append('\n');
        List<String> frames = frames(k, t);
        if (frames.isEmpty()) {
            return b.append("    (active in user mode)\n").toString();
        }
        long sp = t.thread.stackTop() - 0x2c8;
        for (int i = 0; i < frames.size(); i++) {
            String fn = frames.get(i);
            b.append(String.format(" #%d [%s] %s at %s%n", i, KernelSymbols.hex(sp), fn,
                    KernelSymbols.hex(KernelSymbols.textAddr(fn, 0x31 + 7 * i))));
            sp += 0x18 + 8 * (fn.length() % 5);
        }
        return b.toString();
    }

    static List<String> frames(Kernel k, Task t) {
        List<String> f = new ArrayList<>();
        boolean running = k.sched.rqs[t.cpu].curr == t;
        if (t.exitState != 0 || t.state == TaskState.TASK_DEAD) {
            f.add("__schedule");
            f.add("do_task_dead");
            f.add("do_exit");
            f.add("do_group_exit");
            f.add("__x64_sys_exit_group");
            syscallEntry(f);
            return f;
        }
        if (running && t.op instanceof Spin) {
            return f; // in user space: no kernel frames
        }
        if (k.sched.rqs[t.cpu].idle == t) {
            f.add("default_idle");
            f.add("default_idle_call");
            f.add("do_idle");
            f.add("cpu_startup_entry");
            f.add(t.cpu == 0 ? "rest_init" : "start_secondary");
            f.add(t.cpu == 0 ? "start_kernel" : "common_startup_64");
            return f;
        }
        if (!running || t.state != TaskState.TASK_RUNNING) {
            f.add("__schedule");
            f.add("schedule");
        }
        ksim.kernel.task.Syscall call = t.op instanceof ksim.kernel.task.Syscall s ? s : null;
        String op = call == null ? null : call.name();
        if ((t.state & TaskState.__TASK_STOPPED) != 0) {
            f.add("do_signal_stop");
            f.add("get_signal");
            f.add("arch_do_signal_or_restart");
            f.add("syscall_exit_to_user_mode");
            f.add("do_syscall_64");
            f.add("entry_SYSCALL_64_after_hwframe");
            return f;
        }
        if (t.isKthread()) {
            kthread(f, t, op);
            return f;
        }
        if (call != null) {
            List<String> sleeps = call.sleepFrames();
            f.addAll(sleeps != null ? sleeps : List.of("__x64_sys_" + op));
        }
        syscallEntry(f);
        return f;
    }

    private static void syscallEntry(List<String> f) {
        f.add("do_syscall_64");
        f.add("entry_SYSCALL_64_after_hwframe");
    }

    /** A kernel thread: its thread function, then kthread() and ret_from_fork. */
    private static void kthread(List<String> f, Task t, String op) {
        if ("schedule_timeout".equals(op)) {
            f.add("schedule_timeout");
        }
        String comm = t.comm;
        if (comm.equals("kthreadd")) {
            f.add("kthreadd");
        } else {
            if (comm.startsWith("ksoftirqd/") || comm.startsWith("migration/") || comm.startsWith("cpuhp/")) {
                f.add("smpboot_thread_fn");
            } else if (comm.startsWith("kworker/")) {
                f.add(comm.startsWith("kworker/R-") ? "rescuer_thread" : "worker_thread");
            } else if (comm.startsWith("rcu_")) {
                f.add("rcu_gp_kthread");
            } else {
                f.add(comm.replace('/', '_'));
            }
            f.add("kthread");
        }
        f.add("ret_from_fork");
        f.add("ret_from_fork_asm");
    }
}
