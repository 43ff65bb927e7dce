package ksim.kernel.proc;

import ksim.kernel.Kernel;
import ksim.kernel.pid.PidNamespace;
import ksim.kernel.sched.LoadAvg;
import ksim.kernel.sched.RunQueue;

/**
 * fs/proc/loadavg.c: loadavg_proc_show(): the three averages, running/total threads of the
 * whole machine, and the last PID handed out in the reader's own namespace
 * (idr_get_cursor() - 1).
 */
final class LoadavgProcShow {
    private LoadavgProcShow() {}

    static String render(Kernel k, PidNamespace readerNs) {
        long[] avnrun = k.sched.loadAvg.read(k.sched, k.now());
        return LoadAvg.format(avnrun[0]) + " " + LoadAvg.format(avnrun[1]) + " " + LoadAvg.format(avnrun[2]) + " "
                + nrRunning(k) + "/" + k.nrThreads + " " + (readerNs.cursor() - 1) + "\n";
    }

    /** nr_running(): runnable tasks on every CPU. */
    static int nrRunning(Kernel k) {
        int n = 0;
        for (RunQueue rq : k.sched.rqs) {
            n += rq.nrRunning;
        }
        return n;
    }
}
