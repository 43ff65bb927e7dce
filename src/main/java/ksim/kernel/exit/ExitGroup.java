package ksim.kernel.exit;

import ksim.kernel.CostModel;
import ksim.kernel.Kernel;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;

/**
 * exit_group(2), exit(2) and the do_group_exit() that a fatal signal causes.
 *
 * <p>do_exit() can sleep in one place: a dying namespace init waits in
 * zap_pid_ns_processes() for the rest of its namespace to die. Because a sleeping task keeps
 * no Java stack, this object remembers how far do_exit() got ({@link Phase}) and the body
 * continues from there when the task is woken.
 */
public final class ExitGroup extends Syscall {
    enum Phase { START, ZAP_REAP, ZAP_DRAIN, NOTIFY }

    final int code;
    final boolean group;
    private final String name;
    Phase phase = Phase.START;
    /** This thread was the group's last live one (atomic_dec_and_test(&signal->live)). */
    boolean groupDead;
    Wait.WaitOpts zapWait;

    private ExitGroup(String name, int code, boolean group) {
        this.name = name;
        this.code = code;
        this.group = group;
    }

    /** exit_group(status): do_group_exit((status & 0xff) << 8). */
    public static ExitGroup exitGroup(int status) {
        return new ExitGroup("exit_group", (status & 0xff) << 8, true);
    }

    /** exit(status): do_exit((status & 0xff) << 8) for this thread only. */
    public static ExitGroup exitThread(int status) {
        return new ExitGroup("exit", (status & 0xff) << 8, false);
    }

    /** get_signal()'s fatal path: do_group_exit(sig). */
    public static ExitGroup forSignal(int sig) {
        return new ExitGroup("do_group_exit", sig, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public java.util.List<String> sleepFrames() {
        return java.util.List.of("zap_pid_ns_processes", "do_exit", "do_group_exit", "__x64_sys_exit_group");
    }

    @Override
    public long cost(CostModel c) {
        return c.exitNs;
    }

    @Override
    public long run(Kernel k, Task current) {
        return Exit.doExit(k, current, this);
    }
}
