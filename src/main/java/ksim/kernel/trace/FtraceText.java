package ksim.kernel.trace;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text /sys/kernel/tracing/trace shows (kernel/trace/trace.c, trace_output.c) for the nop
 * tracer with the record-tgid option: the header, then one line per event,
 * {@code "%16s-%-7d (%7d) [%03d] %s %5lu.%06lu: %s: %s"}.
 *
 * <p>The ring buffer stores only the current pid; the comm and tgid columns are looked up
 * when the text is read, in saved_cmdlines and saved_tgids, which the scheduler probes fill
 * at every sched_switch (prev and next) and sched_wakeup / sched_wakeup_new (the waker). As
 * {@code cat trace} after a run, every line of a pid shows the comm it had when it was last
 * recorded — its final one (a task renamed by exec shows its new name on lines from before
 * the exec). Pid 0 is "<idle>" with no tgid, an unknown pid "<...>".
 */
public final class FtraceText {
    private FtraceText() {}

    /** The header of {@code trace} with record-tgid on, as Linux 6.18 prints it. */
    static String header(int entries, int cpus) {
        return "# tracer: nop\n"
                + "#\n"
                + "# entries-in-buffer/entries-written: " + entries + "/" + entries + "   #P:" + cpus + "\n"
                + "#\n"
                + "#                                          _-----=> irqs-off/BH-disabled\n"
                + "#                                         / _----=> need-resched\n"
                + "#                                        | / _---=> hardirq/softirq\n"
                + "#                                        || / _--=> preempt-depth\n"
                + "#                                        ||| / _-=> migrate-disable\n"
                + "#                                        |||| /     delay\n"
                + "#           TASK-PID       TGID    CPU#  |||||  TIMESTAMP  FUNCTION\n"
                + "#              | |           |       |   |||||     |         |\n";
    }

    /** A saved_cmdlines / saved_tgids entry. */
    private record Saved(String comm, int tgid) {}

    /** Writes {@code events} (in the order they happened) as the trace file of a {@code cpus}-CPU machine. */
    public static void write(List<TraceEvent> events, int cpus, Appendable out) throws IOException {
        Map<Integer, Saved> saved = new HashMap<>();
        int entries = 0;
        for (TraceEvent e : events) {
            Tp.Fields f = e.fields();
            if (f instanceof Tp.Counter) {
                continue;
            }
            entries++;
            if (f instanceof Tp.SchedSwitch s) {
                save(saved, s.prevPid(), s.prevComm(), s.prevTgid());
                save(saved, s.nextPid(), s.nextComm(), s.nextTgid());
            } else if (f instanceof Tp.SchedWakeup w && w.kind() != Tp.WakeupKind.SCHED_WAKING) {
                save(saved, e.pid(), e.comm(), e.tgid());
            }
        }
        out.append(header(entries, cpus));
        StringBuilder line = new StringBuilder(160);
        for (TraceEvent e : events) {
            if (e.fields() instanceof Tp.Counter) {
                continue;
            }
            line.setLength(0);
            Saved s = saved.get(e.pid());
            appendLine(line, e, s == null ? null : s.comm(), s == null ? 0 : s.tgid());
            out.append(line);
        }
    }

    /** trace_save_cmdline() / tracing_record_tgid(): the idle tasks are never saved. */
    private static void save(Map<Integer, Saved> saved, int pid, String comm, int tgid) {
        if (pid != 0) {
            saved.put(pid, new Saved(comm, tgid));
        }
    }

    /** One line, with the comm and tgid saved for e's pid (null and 0 when none were). */
    static String line(TraceEvent e, String savedComm, int savedTgid) {
        StringBuilder b = new StringBuilder(160);
        appendLine(b, e, savedComm, savedTgid);
        return b.toString();
    }

    private static void appendLine(StringBuilder b, TraceEvent e, String savedComm, int tgid) {
        String comm = e.pid() == 0 ? "<idle>" : savedComm == null ? "<...>" : savedComm;
        pad(b, comm, 16, true);
        b.append('-');
        pad(b, Integer.toString(e.pid()), 7, false);
        b.append(' ');
        if (tgid == 0) {
            b.append("(-------) ");
        } else {
            b.append('(');
            pad(b, Integer.toString(tgid), 7, true);
            b.append(") ");
        }
        b.append('[').append(Tp.pad3(e.cpu())).append("] ");
        b.append(e.flags()).append(' ');
        long us = e.ts() / 1000;
        pad(b, Long.toString(us / 1_000_000), 5, true);
        b.append('.');
        String frac = Long.toString(us % 1_000_000);
        for (int i = frac.length(); i < 6; i++) {
            b.append('0');
        }
        b.append(frac).append(": ").append(e.fields().name()).append(": ").append(e.fields().format()).append('\n');
    }

    /** %Ns (right) or %-Ns (left). */
    private static void pad(StringBuilder b, String s, int width, boolean right) {
        if (!right) {
            b.append(s);
        }
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        if (right) {
            b.append(s);
        }
    }
}
