package ksim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ksim.abi.Errno;
import ksim.kernel.pid.Pid;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.pid.Pids;
import org.junit.jupiter.api.Test;

/**
 * alloc_pid()'s numbering: idr_alloc_cyclic() from the cursor, wrapping to RESERVED_PIDS
 * (300) once the cursor has passed it, EAGAIN when full, ENOMEM once the namespace's init
 * died (kernel/pid.c, lib/idr.c; fork13 in LTP checks the wrap). Checked on Linux 6.18: in a fresh
 * PID namespace with pid_max 400, a fork+wait loop goes 1, 2, ... 399, then 300, 301, ...
 */
class PidNamespaceTest {
    private static final int PID_MAX = 400;
    /** free_pid() needs a kernel only to wake a dying namespace's reaper; these namespaces are alive. */
    private static final Kernel KERNEL = new Kernel(new KernelConfig());

    private static int alloc(PidNamespace ns, long[] err) {
        Pid p = Pids.allocPid(ns, PID_MAX, err);
        return p == null ? -1 : p.numbers[ns.level].nr();
    }

    @Test
    void numbersAreHandedOutCyclicallyAndWrapTo300() {
        PidNamespace ns = new PidNamespace(null, 0);
        long[] err = new long[1];
        for (int want = 1; want < PID_MAX; want++) {
            assertEquals(want, alloc(ns, err));
        }
        assertEquals(-1, alloc(ns, err));
        assertEquals(Errno.EAGAIN.ret(), err[0]);
        // free 5, 200 and 350: the next numbers come from 300 upward, then nothing below 300
        for (int nr : new int[] {5, 200, 350}) {
            detach(ns, nr);
        }
        assertEquals(350, alloc(ns, err));
        assertEquals(-1, alloc(ns, err), "numbers below 300 are not reused after the first wrap");
    }

    @Test
    void theCursorMovesOnEvenWhenLowerNumbersAreFree() {
        PidNamespace ns = new PidNamespace(null, 0);
        long[] err = new long[1];
        assertEquals(1, alloc(ns, err));
        assertEquals(2, alloc(ns, err));
        detach(ns, 1);
        assertEquals(3, alloc(ns, err), "a freed PID is not reused before the wrap");
    }

    @Test
    void aNestedNamespaceNumbersAtEveryLevel() {
        PidNamespace root = new PidNamespace(null, 0);
        PidNamespace child = new PidNamespace(root, 1);
        long[] err = new long[1];
        alloc(root, err);
        alloc(root, err);
        Pid p = Pids.allocPid(child, PID_MAX, err);
        assertEquals(1, p.nrIn(child));
        assertEquals(3, p.nrIn(root));
        assertEquals(0, Pids.allocPid(root, PID_MAX, err).nrIn(child), "invisible in the child namespace");
    }

    @Test
    void aDeadNamespaceRefusesWithEnomem() {
        PidNamespace ns = new PidNamespace(null, 0);
        long[] err = new long[1];
        alloc(ns, err);
        ns.adding = false;
        assertNull(Pids.allocPid(ns, PID_MAX, err));
        assertEquals(Errno.ENOMEM.ret(), err[0]);
        assertEquals(1, ns.pidAllocated);
    }

    private static void detach(PidNamespace ns, int nr) {
        Pids.freePid(KERNEL, ns.find(nr));
    }
}
