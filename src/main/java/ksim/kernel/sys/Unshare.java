package ksim.kernel.sys;

import ksim.abi.Clone;
import ksim.abi.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;

/**
 * unshare(2), kernel/fork.c ksys_unshare(), for the namespace ksim models: CLONE_NEWPID makes
 * the caller's next children the first tasks of a new PID namespace (the caller stays where
 * it is). Other namespace flags are accepted and change nothing ksim models.
 */
public final class Unshare extends Syscall {
    private static final long ALLOWED = Clone.CLONE_THREAD | Clone.CLONE_FS | Clone.CLONE_NEWNS
            | Clone.CLONE_SIGHAND | Clone.CLONE_VM | Clone.CLONE_FILES | Clone.CLONE_SYSVSEM
            | Clone.CLONE_NEWUTS | Clone.CLONE_NEWIPC | Clone.CLONE_NEWNET | Clone.CLONE_NEWUSER
            | Clone.CLONE_NEWPID | Clone.CLONE_NEWCGROUP | Clone.CLONE_NEWTIME;

    private final long flags;

    public Unshare(long flags) {
        this.flags = flags;
    }

    @Override
    public String name() {
        return "unshare";
    }

    @Override
    public long run(Kernel k, Task current) {
        if ((flags & ~ALLOWED) != 0) { // check_unshare_flags()
            return Errno.EINVAL.ret();
        }
        if ((flags & Clone.CLONE_NEWPID) == 0) {
            return 0;
        }
        if (!current.capable()) { // ns_capable(CAP_SYS_ADMIN)
            return Errno.EPERM.ret();
        }
        // copy_pid_ns(): only from the namespace the caller lives in, once
        PidNamespace active = current.activePidNs();
        if (current.pidNsForChildren != active) {
            return Errno.EINVAL.ret();
        }
        if (active.level + 1 > PidNamespace.MAX_PID_NS_LEVEL) {
            return Errno.ENOSPC.ret();
        }
        current.pidNsForChildren = k.createPidNamespace(active);
        return 0;
    }
}
