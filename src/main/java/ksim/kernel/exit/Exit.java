package ksim.kernel.exit;

import static ksim.abi.SigAction.SA_NOCLDWAIT;
import static ksim.abi.SigInfo.CLD_DUMPED;
import static ksim.abi.SigInfo.CLD_EXITED;
import static ksim.abi.SigInfo.CLD_KILLED;

import java.util.ArrayList;
import java.util.List;
import ksim.abi.SigAction;
import ksim.abi.Signal;
import ksim.kernel.Kernel;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.PidType;
import ksim.kernel.pid.Pids;
import ksim.kernel.signal.JobControl;
import ksim.kernel.signal.Signals;
import ksim.kernel.task.MmStruct;
import ksim.kernel.task.SignalStruct;
import ksim.kernel.task.Syscall;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskFlags;
import ksim.kernel.task.TaskState;

/** kernel/exit.c: do_exit(), exit_notify(), reparenting, release_task(). */
public final class Exit {
    private Exit() {}

    /**
     * do_group_exit() + do_exit(), continued from where a sleep left it (see {@link ExitGroup}).
     * Returns {@link Syscall#BLOCK} while a dying namespace init waits, else NORETURN.
     */
    static long doExit(Kernel k, Task tsk, ExitGroup e) {
        if (e.phase == ExitGroup.Phase.START) {
            int code = e.group ? doGroupExit(k, tsk, e.code) : e.code;
            e.groupDead = exitPrologue(k, tsk, code);
            e.phase = ExitGroup.Phase.NOTIFY;
            PidNamespace ns = tsk.activePidNs();
            if (ns.childReaper == tsk && findAliveThread(tsk) == null) {
                // find_child_reaper(): the namespace's init is dying with nobody to take over
                zapPidNsProcesses(k, tsk, ns);
                e.zapWait = Wait.WaitOpts.forZap(tsk);
                e.phase = ExitGroup.Phase.ZAP_REAP;
            }
        }
        if (e.phase == ExitGroup.Phase.ZAP_REAP) {
            // do { clear TIF_SIGPENDING; rc = kernel_wait4(-1, NULL, __WALL, NULL); } while (rc != -ECHILD)
            tsk.sigPending = false;
            long rc;
            while ((rc = Wait.doWait(k, tsk, e.zapWait)) > 0) {
                // reaped one; look again
            }
            if (rc == Syscall.BLOCK) {
                return Syscall.BLOCK;
            }
            e.phase = ExitGroup.Phase.ZAP_DRAIN;
        }
        if (e.phase == ExitGroup.Phase.ZAP_DRAIN) {
            // wait until all that is left of the namespace is its reaper (free_pid() wakes us)
            PidNamespace ns = tsk.activePidNs();
            int initPids = tsk.isGroupLeader() ? 1 : 2;
            tsk.sigPending = false;
            if (ns.pidAllocated != initPids) {
                tsk.state = TaskState.TASK_INTERRUPTIBLE;
                return Syscall.BLOCK;
            }
            tsk.state = TaskState.TASK_RUNNING;
            e.phase = ExitGroup.Phase.NOTIFY;
        }
        exitNotify(k, tsk, e.groupDead);
        // do_task_dead(): the freezer is told to ignore the task from now on
        tsk.state = TaskState.TASK_DEAD;
        tsk.flags |= TaskFlags.PF_NOFREEZE;
        return Syscall.NORETURN;
    }

    /** do_group_exit(): the group's exit code, and every other thread is killed. */
    private static int doGroupExit(Kernel k, Task current, int exitCode) {
        SignalStruct sig = current.signal;
        if ((sig.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0) {
            return sig.groupExitCode;
        }
        if (sig.groupExecTask != null) {
            return 0;
        }
        sig.groupExitCode = exitCode;
        sig.flags = SignalStruct.SIGNAL_GROUP_EXIT;
        zapOtherThreads(k, current);
        return exitCode;
    }

    /** zap_other_threads(): SIGKILL to every other live thread; returns how many other threads there are. */
    public static int zapOtherThreads(Kernel k, Task p) {
        int count = 0;
        for (Task t : p.signal.threadHead) {
            if (t == p) {
                continue;
            }
            count++;
            if (t.exitState != 0) {
                continue;
            }
            Signals.addSigkill(k, t);
        }
        return count;
    }

    /** do_exit() up to exit_notify(): exit_signals(), synchronize_group_exit(), exit_mm(); true when the group is dead. */
    private static boolean exitPrologue(Kernel k, Task tsk, int code) {
        // synchronize_group_exit() marks the task PF_POSTCOREDUMP (a later core dump will not
        // wait for it), then exit_signals() PF_EXITING
        tsk.flags |= TaskFlags.PF_POSTCOREDUMP | TaskFlags.PF_EXITING;
        SignalStruct sig = tsk.signal;
        if (--sig.quickThreads == 0 && (sig.flags & SignalStruct.SIGNAL_GROUP_EXIT) == 0) {
            sig.flags = SignalStruct.SIGNAL_GROUP_EXIT;
            sig.groupExitCode = code;
        }
        boolean groupDead = --sig.live == 0;
        tsk.exitCode = code;
        if (k.trace != null) k.trace.schedProcessExit(tsk, groupDead);
        exitMm(k, tsk);
        if (tsk.files != null) { // exit_files()
            tsk.files.put(k);
            tsk.files = null;
        }
        return groupDead;
    }

    /** exit_mm(): the task keeps its mm only as a lazy-TLB active_mm until it is switched out. */
    private static void exitMm(Kernel k, Task tsk) {
        ksim.kernel.fork.Fork.mmRelease(k, tsk); // exit_mm_release()
        MmStruct mm = tsk.mm;
        if (mm == null) {
            return;
        }
        mm.grab(); // mmgrab_lazy_tlb(): active_mm keeps the struct until the final switch
        tsk.mm = null;
        mm.put();
    }

    /** zap_pid_ns_processes(), first half: no more forks into the namespace, SIGKILL to every task in it. */
    private static void zapPidNsProcesses(Kernel k, Task me, PidNamespace ns) {
        ns.adding = false;
        me.sighand.setHandler(Signal.SIGCHLD - 1, SigAction.SIG_IGN);
        for (int nr = ns.nextUsedNr(2); nr > 0; nr = ns.nextUsedNr(nr + 1)) {
            Pid pid = ns.find(nr);
            Task task = pid == null ? null : pid.task(PidType.PIDTYPE_PID);
            if (task != null && !Signals.fatalSignalPending(task) && task.exitState == 0) {
                Signals.sendSigkill(k, task);
            }
        }
    }

    /** exit_notify(): reparent the children, become a zombie (or autoreap), tell the parent. */
    private static void exitNotify(Kernel k, Task tsk, boolean groupDead) {
        List<Task> dead = new ArrayList<>(0);
        forgetOriginalParent(k, tsk, dead);
        if (groupDead) {
            JobControl.killOrphanedPgrp(k, tsk.groupLeader, null);
        }
        tsk.exitState = TaskState.EXIT_ZOMBIE;
        boolean autoreap;
        if (tsk.isGroupLeader()) {
            autoreap = tsk.threadGroupEmpty() && doNotifyParent(k, tsk, tsk.exitSignal);
        } else {
            autoreap = true;
        }
        if (autoreap) {
            tsk.exitState = TaskState.EXIT_DEAD;
            dead.add(tsk);
        } else if (tsk.isGroupLeader()) { // a zombie on its parent's children list
            tsk.realParent.mayHaveZombieChildren = true;
        }
        if (tsk.signal.notifyCount < 0 && tsk.signal.groupExecTask != null) {
            k.sched.wakeUpProcess(tsk.signal.groupExecTask);
        }
        for (Task p : dead) {
            releaseTask(k, p);
        }
    }

    /** forget_original_parent(): every child goes to the new reaper. */
    private static void forgetOriginalParent(Kernel k, Task father, List<Task> dead) {
        Task reaper = findChildReaper(father);
        if (father.children.isEmpty()) {
            return;
        }
        reaper = findNewReaper(father, reaper);
        for (Task p : father.children) {
            for (Task t : p.signal.threadHead) {
                t.realParent = reaper;
                if (t.parent == father) {
                    t.parent = t.realParent;
                }
                if (t.pdeathSignal != 0) {
                    // group_send_sig_info(pdeath_signal, SEND_SIG_NOINFO, t, PIDTYPE_TGID)
                    Signals.sendSignal(k, t.pdeathSignal, t, PidType.PIDTYPE_TGID,
                            father.pidNr(t.activePidNs()) == 0, Signals.SEND_SIG_NOINFO);
                }
            }
            if (!reaper.sameThreadGroup(father)) {
                reparentLeader(k, father, p, dead);
            }
        }
        reaper.mayHaveZombieChildren |= father.mayHaveZombieChildren;
        father.children.spliceTailInto(reaper.children);
    }

    /**
     * find_child_reaper(): the namespace's reaper, unless the exiting task is that reaper;
     * then a live thread of it takes over (a dying init was zapped before we got here).
     */
    private static Task findChildReaper(Task father) {
        PidNamespace ns = father.activePidNs();
        Task reaper = ns.childReaper;
        if (reaper != father) {
            return reaper;
        }
        Task thread = findAliveThread(father);
        if (thread != null) {
            ns.childReaper = thread;
            return thread;
        }
        return father;
    }

    /** find_alive_thread(). */
    private static Task findAliveThread(Task p) {
        for (Task t : p.signal.threadHead) {
            if ((t.flags & TaskFlags.PF_EXITING) == 0) {
                return t;
            }
        }
        return null;
    }

    /**
     * find_new_reaper(): a live thread of the group, else the nearest child-subreaper
     * ancestor in the same PID namespace, else the namespace's reaper.
     */
    private static Task findNewReaper(Task father, Task childReaper) {
        Task thread = findAliveThread(father);
        if (thread != null) {
            return thread;
        }
        if (father.signal.hasChildSubreaper) {
            int nsLevel = father.threadPid.level();
            for (Task reaper = father.realParent; reaper.threadPid.level() == nsLevel;
                    reaper = reaper.realParent) {
                if (reaper.threadPid.globalNr() == 0) { // &init_task
                    break;
                }
                if (!reaper.signal.isChildSubreaper) {
                    continue;
                }
                thread = findAliveThread(reaper);
                if (thread != null) {
                    return thread;
                }
            }
        }
        return childReaper;
    }

    /** reparent_leader(): a zombie child is announced to its new parent. */
    private static void reparentLeader(Kernel k, Task father, Task p, List<Task> dead) {
        if (p.exitState == TaskState.EXIT_DEAD) {
            return;
        }
        p.exitSignal = Signal.SIGCHLD; // we don't want people slaying init
        if (p.exitState == TaskState.EXIT_ZOMBIE && p.threadGroupEmpty()) {
            if (doNotifyParent(k, p, p.exitSignal)) {
                p.exitState = TaskState.EXIT_DEAD;
                dead.add(p);
            }
        }
        JobControl.killOrphanedPgrp(k, p, father);
    }

    /**
     * do_notify_parent() for an exit: autoreap when the parent ignores SIGCHLD or set
     * SA_NOCLDWAIT, then __wake_up_parent(). Returns whether the child is to be autoreaped.
     */
    static boolean doNotifyParent(Kernel k, Task tsk, int sig) {
        boolean autoreap = false;
        Task parent = tsk.parent;
        if (sig == Signal.SIGCHLD) {
            int handler = parent.sighand.handler(Signal.SIGCHLD - 1);
            if (handler == SigAction.SIG_IGN || (parent.sighand.flags(Signal.SIGCHLD - 1) & SA_NOCLDWAIT) != 0) {
                autoreap = true;
                if (handler == SigAction.SIG_IGN) {
                    sig = 0;
                }
            }
        }
        if (sig > 0 && sig <= Signal._NSIG) {
            // an exit signal that is real-time may find no sigqueue and be dropped (-EAGAIN, ignored)
            int status = (tsk.signal.flags & SignalStruct.SIGNAL_GROUP_EXIT) != 0 ? tsk.signal.groupExitCode
                    : tsk.exitCode;
            int why = (status & 0x7f) == 0 ? CLD_EXITED : (status & 0x80) != 0 ? CLD_DUMPED : CLD_KILLED;
            Signals.sendSignal(k, sig, parent, PidType.PIDTYPE_TGID, false, why);
        }
        parent.signal.waitChldexit.wakeUp(k, TaskState.TASK_INTERRUPTIBLE, tsk);
        return autoreap;
    }

    /** release_task(): the last trace of a task goes: pids, lists, thread count. */
    public static void releaseTask(Kernel k, Task p) {
        for (;;) {
            k.userProcesses.dec(p.cred.uid()); // dec_rlimit_ucounts()
            k.nrThreads--;
            exitSignal(k, p);
            if (k.trace != null) k.trace.released(p);
            Task leader = p.groupLeader;
            boolean zapLeader = false;
            if (leader != p && leader.threadGroupEmpty() && leader.exitState == TaskState.EXIT_ZOMBIE) {
                zapLeader = doNotifyParent(k, leader, leader.exitSignal);
                if (zapLeader) {
                    leader.exitState = TaskState.EXIT_DEAD;
                }
            }
            if (!zapLeader) {
                return;
            }
            p = leader;
        }
    }

    /** __exit_signal() + __unhash_process(). */
    private static void exitSignal(Kernel k, Task tsk) {
        SignalStruct sig = tsk.signal;
        boolean groupDead = tsk.isGroupLeader();
        if (!groupDead) {
            // a de_thread() in progress is waiting for the other threads to go
            if (sig.notifyCount > 0 && --sig.notifyCount == 0) {
                k.sched.wakeUpProcess(sig.groupExecTask);
            }
            sig.utime += tsk.utime;
            sig.stime += tsk.stime;
            sig.sumExecRuntime += tsk.se.sumExecRuntime;
            sig.nvcsw += tsk.nvcsw;
            sig.nivcsw += tsk.nivcsw;
        }
        tsk.sighand.count--; // __cleanup_sighand()
        sig.nrThreads--;
        Pids.detachPid(k, tsk, PidType.PIDTYPE_PID);
        if (groupDead) {
            Pids.detachPid(k, tsk, PidType.PIDTYPE_TGID);
            Pids.detachPid(k, tsk, PidType.PIDTYPE_PGID);
            Pids.detachPid(k, tsk, PidType.PIDTYPE_SID);
            tsk.tasks.unlink();
            tsk.sibling.unlink();
            k.nrProcesses--;
        }
        tsk.threadNode.unlink();
        tsk.pending.flushAll(k.userSigpending); // flush_sigqueue(): a zombie's signals were charged until now
        if (groupDead) {
            sig.sharedPending.flushAll(k.userSigpending);
        }
    }

}
