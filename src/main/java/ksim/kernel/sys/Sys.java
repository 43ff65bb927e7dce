package ksim.kernel.sys;

import ksim.abi.Errno;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidType;
import ksim.kernel.pid.Pids;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;

/** kernel/sys.c: the identity system calls that never sleep. */
public final class Sys {
    private Sys() {}

    /** A system call whose body is a plain function of the kernel and current. */
    public interface Body {
        long run(Kernel k, Task current);
    }

    private static final class Simple extends Syscall {
        private final String name;
        private final Body body;

        Simple(String name, Body body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long run(Kernel k, Task current) {
            return body.run(k, current);
        }
    }

    public static Syscall of(String name, Body body) {
        return new Simple(name, body);
    }

    /** A system call ksim does not implement yet: -ENOSYS, as sys_ni_syscall(). */
    public static Syscall ni(String name) {
        return new Simple(name, (k, t) -> Errno.ENOSYS.ret());
    }

    /** getpid(): the thread group id in the caller's namespace. */
    public static Syscall getpid() {
        return of("getpid", (k, t) -> t.tgidVnr());
    }

    /** gettid(). */
    public static Syscall gettid() {
        return of("gettid", (k, t) -> t.pidVnr());
    }

    /** getppid(): the real parent's tgid as the caller's namespace numbers it (0 outside it). */
    public static Syscall getppid() {
        return of("getppid", (k, t) -> t.realParent.tgidNr(t.activePidNs()));
    }

    /** getpgid(pid); getpgrp() is getpgid(0). */
    public static Syscall getpgid(int nr) {
        return of("getpgid", (k, t) -> pidTypeOf(t, nr, PidType.PIDTYPE_PGID));
    }

    /** getsid(pid). */
    public static Syscall getsid(int nr) {
        return of("getsid", (k, t) -> pidTypeOf(t, nr, PidType.PIDTYPE_SID));
    }

    private static long pidTypeOf(Task current, int nr, int type) {
        Task p = current;
        if (nr != 0) {
            p = Pids.findTaskByPidNs(nr, current.activePidNs());
            if (p == null) {
                return Errno.ESRCH.ret();
            }
        }
        Pid grp = p.pidOf(type);
        if (grp == null) {
            return Errno.ESRCH.ret();
        }
        return grp.nrIn(current.activePidNs());
    }

    /** setpgid(pid, pgid), with the kernel's checks in the kernel's order. */
    public static Syscall setpgid(int pid, int pgid) {
        return of("setpgid", (k, t) -> ksysSetpgid(k, t, pid, pgid));
    }

    private static long ksysSetpgid(Kernel k, Task current, int pid, int pgid) {
        Task groupLeader = current.groupLeader;
        if (pid == 0) {
            pid = groupLeader.pidVnr();
        }
        if (pgid == 0) {
            pgid = pid;
        }
        if (pgid < 0) {
            return Errno.EINVAL.ret();
        }
        Task p = Pids.findTaskByPidNs(pid, current.activePidNs());
        if (p == null) {
            return Errno.ESRCH.ret();
        }
        if (!p.isGroupLeader()) {
            return Errno.EINVAL.ret();
        }
        if (p.realParent.sameThreadGroup(groupLeader)) {
            if (p.pidOf(PidType.PIDTYPE_SID) != groupLeader.pidOf(PidType.PIDTYPE_SID)) {
                return Errno.EPERM.ret();
            }
            if ((p.flags & ksim.kernel.task.TaskFlags.PF_FORKNOEXEC) == 0) {
                return Errno.EACCES.ret();
            }
        } else if (p != groupLeader) {
            return Errno.ESRCH.ret();
        }
        if (p.signal.leader) {
            return Errno.EPERM.ret();
        }
        Pid pgrp = p.threadPid;
        if (pgid != pid) {
            pgrp = current.activePidNs().find(pgid);
            Task g = pgrp == null ? null : pgrp.task(PidType.PIDTYPE_PGID);
            if (g == null || g.pidOf(PidType.PIDTYPE_SID) != groupLeader.pidOf(PidType.PIDTYPE_SID)) {
                return Errno.EPERM.ret();
            }
        }
        if (p.pidOf(PidType.PIDTYPE_PGID) != pgrp) {
            Pids.changePid(k, p, PidType.PIDTYPE_PGID, pgrp);
        }
        return 0;
    }

    /** setsid(): ksys_setsid(). */
    public static Syscall setsid() {
        return of("setsid", Sys::ksysSetsid);
    }

    private static long ksysSetsid(Kernel k, Task current) {
        Task groupLeader = current.groupLeader;
        Pid sid = groupLeader.threadPid;
        long session = sid.nrIn(current.activePidNs());
        if (groupLeader.signal.leader) {
            return Errno.EPERM.ret();
        }
        if (sid.task(PidType.PIDTYPE_PGID) != null) {
            return Errno.EPERM.ret();
        }
        groupLeader.signal.leader = true;
        // set_special_pids()
        if (groupLeader.pidOf(PidType.PIDTYPE_SID) != sid) {
            Pids.changePid(k, groupLeader, PidType.PIDTYPE_SID, sid);
        }
        if (groupLeader.pidOf(PidType.PIDTYPE_PGID) != sid) {
            Pids.changePid(k, groupLeader, PidType.PIDTYPE_PGID, sid);
        }
        return session;
    }
}
