package ksim.kernel.fork;

import static ksim.abi.Clone.*;
import static ksim.abi.Signal.SIGCHLD;

import ksim.abi.Errno;
import ksim.abi.Resource;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.PidType;
import ksim.kernel.pid.Pids;
import ksim.kernel.signal.Signals;
import ksim.kernel.sync.Completion;
import ksim.kernel.sync.WaitQueueEntry;
import ksim.kernel.task.Program;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.TaskState;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskFlags;

/** kernel/fork.c: kernel_clone() and copy_process(). */
public final class Fork {
    private Fork() {}

    /**
     * kernel_clone(): creates the task and wakes it; returns its PID as the caller sees it,
     * or -errno. The new task is left in {@code args.child}.
     */
    public static long kernelClone(Kernel k, Task current, Clone args) {
        // the legacy clone() passes one pointer for the pidfd and the parent TID: both flags
        // would write there, so together they are refused before anything else
        if ((args.flags & CLONE_PIDFD) != 0 && (args.flags & CLONE_PARENT_SETTID) != 0) {
            return Errno.EINVAL.ret();
        }
        long[] err = new long[1];
        Task p = copyProcess(k, current, args.flags, (int) (args.flags & CSIGNAL), null, null, err);
        if (p == null) {
            return err[0];
        }
        if (k.trace != null) k.trace.schedProcessFork(current, p);
        args.child = p;
        // ret_from_fork: the child's first return to user mode is from this clone(), with 0
        p.op = args;
        p.opDone = true;
        p.ret = 0;
        long nr = p.threadPid.nrIn(current.activePidNs());
        if ((args.flags & CLONE_VFORK) != 0) {
            args.vfork = new Completion();
            p.vforkDone = args.vfork;
        }
        k.sched.wakeUpNewTask(p);
        if (args.vfork != null) {
            args.nr = nr;
            args.vforkWait = new WaitQueueEntry(current);
            return waitForVforkDone(k, current, args);
        }
        return nr;
    }

    /**
     * wait_for_vfork_done(): wait_for_completion_killable(), re-entered after each wake-up.
     * A fatal signal ends the wait early; the call still returns the child's PID.
     */
    static long waitForVforkDone(Kernel k, Task current, Clone args) {
        Completion vfork = args.vfork;
        if (!vfork.isDone() && !Signals.fatalSignalPending(current)) {
            vfork.wait.add(args.vforkWait);
            current.state = TaskState.TASK_KILLABLE;
            return Syscall.BLOCK;
        }
        current.state = TaskState.TASK_RUNNING;
        vfork.wait.remove(args.vforkWait);
        args.child.vforkDone = null;
        return args.nr;
    }

    /** mm_release() → complete_vfork_done(): a vfork child lets its parent go when it exits or execs. */
    public static void mmRelease(Kernel k, Task tsk) {
        ksim.kernel.futex.Futex.clearChildTid(k, tsk);
        Completion vfork = tsk.vforkDone;
        if (vfork != null) {
            tsk.vforkDone = null;
            vfork.complete(k);
        }
    }

    /**
     * user_mode_thread(): how rest_init() starts PID 1 from the idle task. The new task runs
     * {@code program} in user mode (as kernel_init() does once it has exec'd init).
     */
    public static Task userModeThread(Kernel k, Task idle, Program program) {
        long[] err = new long[1];
        Task p = copyProcess(k, idle, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_UNTRACED, SIGCHLD, program, null, err);
        if (p == null) {
            throw new IllegalStateException("cannot start init: " + Errno.of(err[0]));
        }
        if (k.trace != null) k.trace.schedProcessFork(idle, p);
        return p;
    }

    /**
     * kernel_thread(): a PF_KTHREAD child of {@code parent} sharing the kernel's (absent) mm,
     * running {@code fn}; not woken yet. Its exit signal is the low byte of {@code flags}. The
     * name is the child's comm from the start (kernel_clone_args.name), as it has been since
     * 6.4: no task_rename follows.
     */
    public static Task kernelThread(Kernel k, Task parent, Program fn, String comm, long flags) {
        long[] err = new long[1];
        Task p = copyProcess(k, parent, flags | CLONE_VM | CLONE_UNTRACED, (int) (flags & CSIGNAL), fn, comm, err);
        if (p == null) {
            throw new IllegalStateException("cannot create kernel thread " + comm + ": " + Errno.of(err[0]));
        }
        p.flags |= ksim.kernel.task.TaskFlags.PF_KTHREAD;
        if (k.trace != null) k.trace.schedProcessFork(parent, p);
        return p;
    }

    /**
     * copy_process(): null with {@code err[0]} set on failure. The child's user-mode state is
     * a copy of current's, or {@code childProgram} when given; its comm is current's, or
     * {@code name} when given.
     */
    static Task copyProcess(Kernel k, Task current, long flags, int exitSignal, Program childProgram, String name,
            long[] err) {
        long e = checkFlags(current, flags);
        if (e != 0) {
            err[0] = e;
            return null;
        }
        // copy_creds() counts the new task for its user, then RLIMIT_NPROC is checked
        // (root, CAP_SYS_RESOURCE and CAP_SYS_ADMIN are exempt)
        int uid = current.cred.uid();
        if (Long.compareUnsigned(k.userProcesses.get(uid) + 1L, current.signal.rlim.cur[Resource.RLIMIT_NPROC]) > 0
                && uid != 0 && !current.capable()) {
            err[0] = Errno.EAGAIN.ret();
            return null;
        }
        if (k.nrThreads >= k.maxThreads) {
            err[0] = Errno.EAGAIN.ret();
            return null;
        }
        PidNamespace childNs = current.pidNsForChildren;
        if ((flags & CLONE_NEWPID) != 0) {
            if (!current.capable()) { // copy_namespaces(): ns_capable(CAP_SYS_ADMIN) of the parent
                err[0] = Errno.EPERM.ret();
                return null;
            }
            if (childNs.level + 1 > PidNamespace.MAX_PID_NS_LEVEL) {
                err[0] = Errno.ENOSPC.ret();
                return null;
            }
            childNs = k.createPidNamespace(childNs);
        }
        Pid pid = Pids.allocPid(childNs, k.config.pidMax, err);
        if (pid == null) {
            return null;
        }
        if (Signals.fatalSignalPending(current)) {
            Pids.freePid(k, pid);
            err[0] = Errno.EINTR.ret();
            return null;
        }

        Task p = dupTaskStruct(current);
        if (name != null) {
            Execve.setTaskComm(p, name);
        }
        p.pidNsForChildren = childNs;
        k.sched.schedFork(p, current);
        // copy_sighand(), copy_signal(), copy_mm()
        if ((flags & CLONE_SIGHAND) != 0) {
            p.sighand = current.sighand;
            p.sighand.count++;
        } else {
            p.sighand = current.sighand.copy();
        }
        if ((flags & CLONE_THREAD) != 0) {
            p.signal = current.signal;
        } else {
            p.signal = new SignalStruct();
            p.signal.rlim = current.signal.rlim.copy();
        }
        if ((flags & CLONE_VM) != 0) {
            p.mm = current.mm;
            if (p.mm != null) {
                p.mm.get();
            }
        } else {
            p.mm = current.mm == null ? null : current.mm.dup();
        }
        p.activeMm = p.mm;
        // copy_files()
        if (current.files == null) {
            p.files = ksim.kernel.fs.FilesStruct.initial();
        } else if ((flags & CLONE_FILES) != 0) {
            p.files = current.files;
            p.files.count++;
        } else {
            p.files = current.files.dup();
        }
        p.program = childProgram != null ? childProgram : current.program.copyForChild();
        p.clearChildTid = (flags & CLONE_CHILD_CLEARTID) != 0;
        p.threadPid = pid;
        p.startTime = k.now();

        // CLONE_PARENT re-uses the old parent
        if ((flags & (CLONE_PARENT | CLONE_THREAD)) != 0) {
            p.realParent = current.realParent;
            p.exitSignal = (flags & CLONE_THREAD) != 0 ? -1 : current.groupLeader.exitSignal;
        } else {
            p.realParent = current;
            p.exitSignal = exitSignal;
        }
        p.parent = p.realParent;

        if ((flags & CLONE_THREAD) == 0) {
            p.groupLeader = p;
            p.signal.threadHead.addTail(p.threadNode);
            p.signal.pids[PidType.PIDTYPE_TGID] = pid;
            p.signal.pids[PidType.PIDTYPE_PGID] = current.pidOf(PidType.PIDTYPE_PGID);
            p.signal.pids[PidType.PIDTYPE_SID] = current.pidOf(PidType.PIDTYPE_SID);
            if (pid.numbers[pid.level()].nr() == 1) { // is_child_reaper()
                pid.ns().childReaper = p;
                p.signal.flags |= SignalStruct.SIGNAL_UNKILLABLE;
            }
            SignalStruct psig = p.realParent.signal;
            p.signal.hasChildSubreaper = psig.hasChildSubreaper || psig.isChildSubreaper;
            p.realParent.children.addTail(p.sibling);
            k.initTasks.addTail(p.tasks);
            Pids.attachPid(p, PidType.PIDTYPE_TGID);
            Pids.attachPid(p, PidType.PIDTYPE_PGID);
            Pids.attachPid(p, PidType.PIDTYPE_SID);
            k.nrProcesses++;
        } else {
            p.groupLeader = current.groupLeader;
            SignalStruct sig = current.signal;
            sig.nrThreads++;
            sig.live++;
            sig.quickThreads++;
            sig.threadHead.addTail(p.threadNode);
        }
        Pids.attachPid(p, PidType.PIDTYPE_PID);
        k.userProcesses.inc(p.cred.uid());
        k.nrThreads++;
        k.totalForks++;
        k.lastPid = pid.numbers[0].nr();
        if (k.trace != null) k.trace.taskNewtask(p, flags);
        return p;
    }

    /** The flag combinations copy_process() refuses, in the order it checks them. */
    static long checkFlags(Task current, long flags) {
        if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS)) {
            return Errno.EINVAL.ret();
        }
        if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS)) {
            return Errno.EINVAL.ret();
        }
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) {
            return Errno.EINVAL.ret();
        }
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) {
            return Errno.EINVAL.ret();
        }
        if ((flags & CLONE_PARENT) != 0 && (current.signal.flags & SignalStruct.SIGNAL_UNKILLABLE) != 0) {
            return Errno.EINVAL.ret();
        }
        if ((flags & CLONE_THREAD) != 0) {
            if ((flags & (CLONE_NEWUSER | CLONE_NEWPID)) != 0
                    || current.activePidNs() != current.pidNsForChildren) {
                return Errno.EINVAL.ret();
            }
        }
        if ((flags & CLONE_PIDFD) != 0 && (flags & CLONE_DETACHED) != 0) { // kept for a later CLONE_PIDFD use
            return Errno.EINVAL.ret();
        }
        return 0;
    }

    /** dup_task_struct() and the per-task resets copy_process() makes. */
    private static Task dupTaskStruct(Task current) {
        Task p = new Task();
        p.comm = current.comm;
        p.label = current.label;
        p.cred = current.cred;
        p.blocked = current.blocked;
        p.noNewPrivs = current.noNewPrivs;
        p.timerSlackNs = current.timerSlackNs;
        p.defaultTimerSlackNs = current.timerSlackNs;
        p.flags = (current.flags & ~(TaskFlags.PF_SUPERPRIV | TaskFlags.PF_WQ_WORKER
                | TaskFlags.PF_IDLE | TaskFlags.PF_NO_SETAFFINITY)) | TaskFlags.PF_FORKNOEXEC;
        return p;
    }

}
