package ksim.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ksim.kernel.trace.FtraceText;
import ksim.kernel.trace.TraceEvent;

/** The three ways a traced run can be written out: ftrace text, Perfetto JSON, a Gantt picture. */
public final class Exports {
    private Exports() {}

    /** The trace file's text, as {@code cat /sys/kernel/tracing/trace} shows it with record-tgid on. */
    public static void ftrace(List<TraceEvent> events, int cpus, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        FtraceText.write(events, cpus, w);
        w.flush();
    }

    /** Chrome trace-event JSON for ui.perfetto.dev. */
    public static void perfetto(List<TraceEvent> events, int cpus, OutputStream out) throws IOException {
        PerfettoJson.write(Timeline.of(events, cpus), out);
    }

    /** The per-CPU timeline as SVG, or as PNG when {@code png}. */
    public static void gantt(List<TraceEvent> events, int cpus, String title, boolean png, OutputStream out)
            throws IOException {
        Timeline t = Timeline.of(events, cpus);
        if (png) {
            GanttChart.png(t, title, out);
        } else {
            out.write(GanttChart.svg(t, title).getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }
}
