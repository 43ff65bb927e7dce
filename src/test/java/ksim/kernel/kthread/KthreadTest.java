package ksim.kernel.kthread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.Invariants;
import ksim.kernel.Kernel;
import ksim.kernel.KernelConfig;
import ksim.kernel.pid.Pids;
import ksim.kernel.sched.Scheduler;
import ksim.kernel.sys.Pause;
import ksim.kernel.task.Program;
import ksim.kernel.task.Task;
import ksim.kernel.task.TaskState;
import ksim.kernel.task.UserOp;
import org.junit.jupiter.api.Test;

/** The boot-time kernel threads and the kthread API (create, run, park, unpark, stop). */
class KthreadTest {
    /** init's stand-in for these tests: sleeps for good. */
    private static final class Idle implements Program {
        @Override
        public UserOp next(Task current) {
            return new Pause();
        }

        @Override
        public void complete(Task current, UserOp op, long ret) {
        }

        @Override
        public Program copyForChild() {
            return this;
        }
    }

    private static Kernel boot() {
        Kernel k = new Kernel(new KernelConfig());
        k.boot(new Idle());
        k.afterEvent = () -> {
            List<String> bad = Invariants.check(k);
            assertTrue(bad.isEmpty(), String.join("\n", bad));
        };
        return k;
    }

    private static Task byPid(Kernel k, int pid) {
        return Pids.findTaskByPidNs(pid, k.initPidNs);
    }

    private static Task byComm(Kernel k, String comm) {
        for (Task t : k.initTasks) {
            if (t.comm.equals(comm)) {
                return t;
            }
        }
        return null;
    }

    /** As a 6.18 kernel shows them (see shared/reference/linux-facts.md and this machine's /proc). */
    @Test
    void bootLeavesTheKernelThreadsARealKernelHas() {
        Kernel k = boot();
        k.run(10_000_000L);
        assertEquals("init", byPid(k, 1).comm);
        Task kthreadd = byPid(k, 2);
        assertEquals("kthreadd", kthreadd.comm);
        assertEquals(0x208040, kthreadd.flags);
        assertEquals(k.idle(0), kthreadd.realParent);
        assertNull(kthreadd.mm);
        Task migration1 = byComm(k, "migration/1");
        assertEquals(1, migration1.policy); // SCHED_FIFO
        assertEquals(99, migration1.rtPriority);
        assertEquals("stop", Scheduler.className(migration1));
        assertEquals(k.sched.rqs[1].stop, migration1);
        Task ksoftirqd1 = byComm(k, "ksoftirqd/1");
        assertEquals(0x4208040, ksoftirqd1.flags);
        assertEquals("{1}", ksoftirqd1.cpusAllowed.toString());
        assertEquals('S', TaskState.letter(ksoftirqd1));
        Task worker = byComm(k, "kworker/0:0H");
        assertEquals(0x4208060, worker.flags);
        assertEquals(100, worker.staticPrio); // nice -20
        assertEquals('I', TaskState.letter(worker));
        for (Task t : k.initTasks) {
            if (t != byPid(k, 1)) {
                assertEquals(kthreadd, t == kthreadd ? kthreadd : t.realParent, t + " is kthreadd's child");
                assertTrue(t.isKthread(), t + " is a kernel thread");
            }
        }
    }

    /** A controller thread drives a worker through kthread_run, park, unpark and stop. */
    @Test
    void runParkUnparkStop() {
        Kernel k = boot();
        int[] loops = new int[1];
        List<String> seen = new ArrayList<>();
        KthreadFn worker = new KthreadFn() {
            @Override
            public UserOp next(Kthread self, Task current) {
                UserOp park = self.parkme();
                if (park != null) {
                    return park;
                }
                loops[0]++;
                return Schedule.timeout(TaskState.TASK_INTERRUPTIBLE, 10_000_000L, false);
            }
        };
        KthreadFn controller = new KthreadFn() {
            int step;
            Kthread.Create create;

            @Override
            public UserOp next(Kthread self, Task current) {
                switch (step++) {
                    case 0:
                        return create = new Kthread.Create(k, worker, "worker", true);
                    case 1:
                        seen.add("created " + TaskState.letter(create.kthread.task));
                        return Schedule.timeout(TaskState.TASK_INTERRUPTIBLE, 55_000_000L, false);
                    case 2:
                        return new Kthread.Park(create.kthread);
                    case 3:
                        seen.add("parked " + TaskState.letter(create.kthread.task));
                        return Schedule.timeout(TaskState.TASK_INTERRUPTIBLE, 100_000_000L, false);
                    case 4:
                        seen.add("loops while parked " + loops[0]);
                        create.kthread.unpark();
                        return Schedule.timeout(TaskState.TASK_INTERRUPTIBLE, 25_000_000L, false);
                    case 5:
                        return new Kthread.Stop(create.kthread);
                    case 6:
                        seen.add("stopped, alive " + create.kthread.task.pidAlive());
                        return null;
                    default:
                        throw new IllegalStateException();
                }
            }
        };
        Kthread ctl = new Kthread(k, controller, "controller");
        Kthreadd.createNow(k, ctl, null);
        k.run(1_000_000_000L);
        assertTrue(seen.get(0).equals("created R") || seen.get(0).equals("created S"),
                "kthread_run() has woken it from kthread()'s TASK_UNINTERRUPTIBLE wait: " + seen.get(0));
        assertEquals("parked P", seen.get(1));
        assertTrue(seen.get(2).startsWith("loops while parked "), seen.toString());
        int parkedLoops = Integer.parseInt(seen.get(2).substring("loops while parked ".length()));
        assertTrue(parkedLoops >= 5 && parkedLoops <= 7, "about 55 ms of 10 ms loops before parking: " + parkedLoops);
        assertTrue(loops[0] > parkedLoops, "it ran again after unpark");
        assertEquals("stopped, alive false", seen.get(3));
        assertNull(byComm(k, "worker"), "the stopped thread was reaped by kthreadd's SIGCHLD being ignored");
        assertNull(byComm(k, "controller"), "the controller returned and exited");
        assertFalse(k.kthreadCreateList.iterator().hasNext());
        assertNotNull(byComm(k, "kthreadd"));
    }

    /** The example module logs a zombie every 30 s while it exists, and never keeps the machine running by itself. */
    @Test
    void zombieMonitorLogsZombies() {
        KernelConfig cfg = new KernelConfig();
        cfg.modules.add(ZombieMonitor.NAME);
        Kernel k = new Kernel(cfg);
        k.boot(new Idle());
        Task zmon = byComm(k, ZombieMonitor.NAME);
        assertNotNull(zmon);
        assertFalse(k.run(Long.MAX_VALUE), "only the monitor's deferrable timer is left");
        assertTrue(k.log.isEmpty(), "no zombies, nothing logged: " + k.log);
    }
}
