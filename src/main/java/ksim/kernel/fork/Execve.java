package ksim.kernel.fork;

import ksim.abi.Errno;
import ksim.abi.SigAction;
import ksim.abi.Signal;
import ksim.kernel.CostModel;
import ksim.kernel.Kernel;
import ksim.kernel.exit.Exit;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidType;
import ksim.kernel.pid.Pids;
import ksim.kernel.signal.Signals;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.TaskState;
import ksim.kernel.task.Cred;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.Program;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskFlags;
import ksim.kernel.task.UserMemory;

/**
 * execve(2): fs/exec.c begin_new_exec() and setup_new_exec() as they affect process
 * management: a new mm (the old one is released), the new program, comm from the file's
 * basename, PF flags, and caught signal handlers reset to SIG_DFL (SIG_IGN survives).
 * On success the call does not return to the old program: the new one starts.
 */
public final class Execve extends Syscall {
    /** TASK_COMM_LEN - 1. */
    public static final int COMM_MAX = 15;

    private final String filename;
    private final String[] argv;
    private final Program image;
    private final UserMemory memory;
    /** How far de_thread() got: it sleeps until the other threads (and the old leader) are gone. */
    private int deThreadPhase;
    /** current->pid when the call began (sched_process_exec's old_pid; de_thread() may change it). */
    private int oldPid;
    /** The new image is in place and being loaded (the rest of the call's time). */
    private boolean loading;
    private long loadNs;

    public Execve(String filename, String[] argv, Program image, UserMemory memory) {
        this.filename = filename;
        this.argv = argv;
        this.image = image;
        this.memory = memory;
    }

    @Override
    public String name() {
        return "execve";
    }

    @Override
    public long cost(CostModel c) {
        return c.execNs - c.execLoadNs;
    }

    @Override
    public long moreNs() {
        return loadNs;
    }

    @Override
    public long run(Kernel k, Task current) {
        if (loading) { // load_elf_binary()'s mapping done: back to user mode in the new program
            return 0;
        }
        if (k.trace != null && deThreadPhase == DE_THREAD_START) oldPid = current.threadPid.globalNr();
        long r = deThread(k, current);
        if (r != 0) {
            return r;
        }
        // unshare_files(): the new program gets an fd table of its own
        if (current.files != null && current.files.count > 1) {
            ksim.kernel.fs.FilesStruct copy = current.files.dup();
            current.files.put(k);
            current.files = copy;
        }
        // exec_mmap(): exec_mm_release() lets a vfork parent go, then the new mm replaces the old one
        Fork.mmRelease(k, current);
        MmStruct old = current.mm;
        MmStruct mm = new MmStruct(memory, argv.clone());
        // begin_new_exec(): dumpable again unless the ids differ (a set-id program, or after setuid())
        Cred cred = current.cred;
        mm.dumpable = cred.euid() == cred.uid() && cred.egid() == cred.gid() ? MmStruct.SUID_DUMP_USER
                : MmStruct.SUID_DUMPABLE;
        // the new credentials (cap_bprm_creds_from_file()) lose SECURE_KEEP_CAPS
        if (cred.keepCaps()) {
            current.cred = cred.withKeepCaps(false);
        }
        current.mm = mm;
        current.activeMm = mm;
        if (old != null) {
            old.put();
        }
        current.flags &= ~(TaskFlags.PF_RANDOMIZE | TaskFlags.PF_FORKNOEXEC | TaskFlags.PF_NOFREEZE
                | TaskFlags.PF_NO_SETAFFINITY);
        current.flags |= TaskFlags.PF_RANDOMIZE;
        if (k.trace != null) k.trace.taskRename(current, basename(filename));
        setTaskComm(current, basename(filename));
        flushSignalHandlers(current);
        current.program = image;
        if (k.trace != null) k.trace.schedProcessExec(current, filename, oldPid);
        loading = true;
        loadNs = k.costs.execLoadNs;
        return loadNs > 0 ? MORE : 0;
    }

    private static final int DE_THREAD_START = 0, DE_THREAD_OTHERS = 1, DE_THREAD_LEADER = 2, DE_THREAD_DONE = 3;

    /**
     * de_thread(): every other thread is killed and waited for; a non-leader then waits for
     * the old leader to become a zombie and takes over its PID, its place among its parent's
     * children and its start time. Re-entered after each wake-up; returns 0 when done,
     * BLOCK, or -EAGAIN when another group exit or exec got there first or we were killed.
     */
    private long deThread(Kernel k, Task tsk) {
        SignalStruct sig = tsk.signal;
        if (deThreadPhase == DE_THREAD_START) {
            if (tsk.threadGroupEmpty()) {
                deThreadPhase = DE_THREAD_DONE;
            } else {
                if ((sig.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0 || sig.groupExecTask != null) {
                    return Errno.EAGAIN.ret();
                }
                sig.groupExecTask = tsk;
                sig.notifyCount = Exit.zapOtherThreads(k, tsk);
                if (!tsk.isGroupLeader()) {
                    sig.notifyCount--;
                }
                deThreadPhase = DE_THREAD_OTHERS;
            }
        }
        if (deThreadPhase == DE_THREAD_OTHERS) {
            if (sig.notifyCount > 0) {
                return sleepKillable(tsk, sig);
            }
            deThreadPhase = DE_THREAD_LEADER;
        }
        if (deThreadPhase == DE_THREAD_LEADER) {
            if (!tsk.isGroupLeader()) {
                sig.notifyCount = -1;
                Task leader = tsk.groupLeader;
                if (leader.exitState == 0) {
                    return sleepKillable(tsk, sig);
                }
                takeOverLeader(k, tsk, leader);
            }
            sig.groupExecTask = null;
            sig.notifyCount = 0;
            deThreadPhase = DE_THREAD_DONE;
        }
        tsk.state = TaskState.TASK_RUNNING;
        tsk.exitSignal = Signal.SIGCHLD; // we have changed execution domain
        return 0;
    }

    private long sleepKillable(Task tsk, SignalStruct sig) {
        if (Signals.fatalSignalPending(tsk)) { // killed:
            sig.groupExecTask = null;
            sig.notifyCount = 0;
            tsk.state = TaskState.TASK_RUNNING;
            return Errno.EAGAIN.ret();
        }
        tsk.state = TaskState.TASK_KILLABLE;
        return BLOCK;
    }

    /** The second half of de_thread(): exchange_tids(), transfer_pid(), and the old leader is released. */
    private static void takeOverLeader(Kernel k, Task tsk, Task leader) {
        tsk.startTime = leader.startTime;
        // exchange_tids(): the exec'ing thread gets the leader's PID, the leader our TID
        tsk.pidLinks[PidType.PIDTYPE_PID].unlink();
        leader.pidLinks[PidType.PIDTYPE_PID].unlink();
        Pid mine = tsk.threadPid;
        tsk.threadPid = leader.threadPid;
        leader.threadPid = mine;
        Pids.attachPid(tsk, PidType.PIDTYPE_PID);
        Pids.attachPid(leader, PidType.PIDTYPE_PID);
        // transfer_pid() for TGID, PGID and SID: the group's pids now lead to us
        for (int type = PidType.PIDTYPE_TGID; type < PidType.PIDTYPE_MAX; type++) {
            leader.pidLinks[type].replaceWith(tsk.pidLinks[type]);
        }
        leader.tasks.replaceWith(tsk.tasks);
        leader.sibling.replaceWith(tsk.sibling);
        tsk.groupLeader = tsk;
        leader.groupLeader = tsk;
        tsk.exitSignal = Signal.SIGCHLD;
        leader.exitSignal = -1;
        leader.exitState = TaskState.EXIT_DEAD;
        Exit.releaseTask(k, leader);
    }

    /** __set_task_comm(): truncated to TASK_COMM_LEN - 1 bytes. */
    public static void setTaskComm(Task t, String name) {
        t.comm = name.length() > COMM_MAX ? name.substring(0, COMM_MAX) : name;
    }

    private static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** flush_signal_handlers(t, 0): caught signals go back to SIG_DFL; ignored ones stay ignored. */
    private static void flushSignalHandlers(Task t) {
        if (t.sighand.count > 1) { // unshare_sighand(): a private copy before changing it
            t.sighand.count--;
            t.sighand = t.sighand.copy();
        }
        for (int i = 0; i < Signal._NSIG; i++) { // flush_signal_handlers(): SIG_IGN stays, no flags, no mask
            int h = t.sighand.handler(i) == SigAction.SIG_IGN ? SigAction.SIG_IGN : SigAction.SIG_DFL;
            if (t.sighand.handler(i) != h || t.sighand.flags(i) != 0 || t.sighand.mask(i) != 0) {
                t.sighand.setAction(i, h, 0, 0);
            }
        }
    }
}
