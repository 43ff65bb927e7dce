package ksim.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import ksim.kernel.trace.Tp;

/**
 * The Chrome trace-event JSON that ui.perfetto.dev (and chrome://tracing) opens:
 * {@code {"traceEvents":[…]}} with times in microseconds (three decimals keep the
 * nanoseconds).
 *
 * <ul>
 *   <li>a process "CPUs" with a lane per CPU: what ran there, one slice per run ("comm pid");
 *   <li>a lane per thread under its process (pid = tgid, tid = pid): "Running" slices, and
 *       instant marks for fork, exec, exit and delivered signals;
 *   <li>names: process_name and thread_name metadata (M) events, the names the tasks ended with;
 *   <li>wake-ups as flows (flow v2: bind_id with flow_out / flow_in): from a zero-length
 *       "waking" slice on the waker's CPU lane to the run the wake-up led to;
 *   <li>counters (C): nr_running per CPU and the 1, 5 and 15 minute load averages.
 * </ul>
 *
 * The CPU lanes use pid {@value #CPUS_PID} (PID_MAX_LIMIT + 1, which no task can have) so
 * they never mix with a real process. Events are written sorted by time, metadata first,
 * so the file is the same byte for byte for the same run.
 */
final class PerfettoJson {
    /** PID_MAX_LIMIT + 1. */
    static final int CPUS_PID = 4_194_305;

    private PerfettoJson() {}

    static int cpuTid(int cpu) {
        return CPUS_PID + 1 + cpu;
    }

    /** A timed event waiting to be written, in time order (then in the order it was made). */
    private record Timed(long ts, long seq, Writer w) {}

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    static void write(Timeline t, OutputStream out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeStringField("displayTimeUnit", "ns");
        g.writeObjectFieldStart("otherData");
        g.writeStringField("generator", "ksim");
        g.writeNumberField("cpus", t.cpus);
        g.writeEndObject();
        g.writeArrayFieldStart("traceEvents");
        metadata(g, t);
        for (Timed e : timed(t)) {
            e.w.write(g);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.close();
    }

    private static void metadata(JsonGenerator g, Timeline t) throws IOException {
        meta(g, "process_name", CPUS_PID, CPUS_PID, "name", "CPUs");
        meta(g, "process_sort_index", CPUS_PID, CPUS_PID, "sort_index", -1);
        for (int cpu = 0; cpu < t.cpus; cpu++) {
            meta(g, "thread_name", CPUS_PID, cpuTid(cpu), "name", "CPU " + cpu);
            meta(g, "thread_sort_index", CPUS_PID, cpuTid(cpu), "sort_index", cpu);
        }
        // a process is named after its leader (pid = tgid), or else its lowest-numbered thread
        Map<Integer, String> processes = new TreeMap<>();
        TreeSet<Integer> pids = new TreeSet<>(t.comms.keySet());
        for (int pid : pids) {
            int tgid = t.tgids.get(pid);
            if (pid == tgid || !processes.containsKey(tgid)) {
                processes.put(tgid, t.comms.get(pid));
            }
        }
        for (Map.Entry<Integer, String> p : processes.entrySet()) {
            meta(g, "process_name", p.getKey(), p.getKey(), "name", p.getValue() + " " + p.getKey());
        }
        for (int pid : pids) {
            meta(g, "thread_name", t.tgids.get(pid), pid, "name", t.comms.get(pid) + " " + pid);
        }
    }

    private static void meta(JsonGenerator g, String name, int pid, int tid, String key, Object value) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", name);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        if (value instanceof Integer i) {
            g.writeNumberField(key, i);
        } else {
            g.writeStringField(key, (String) value);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static List<Timed> timed(Timeline t) {
        List<Timed> out = new ArrayList<>();
        long[] seq = {0};
        java.util.function.BiConsumer<Long, Writer> add = (ts, w) -> out.add(new Timed(ts, seq[0]++, w));
        for (Timeline.Wake w : t.wakes) {
            add.accept(w.ts(), g -> {
                begin(g, "X", w.newTask() ? "wake_up_new_task" : "waking", "sched", CPUS_PID, cpuTid(w.cpu()), w.ts());
                g.writeFieldName("dur");
                g.writeNumber("0");
                g.writeNumberField("bind_id", w.id());
                g.writeBooleanField("flow_out", true);
                g.writeObjectFieldStart("args");
                g.writeNumberField("pid", w.pid());
                g.writeStringField("comm", t.comms.getOrDefault(w.pid(), ""));
                g.writeNumberField("waker_pid", w.wakerPid());
                g.writeEndObject();
                g.writeEndObject();
            });
        }
        for (Timeline.Slice s : t.slices) {
            add.accept(s.start(), g -> {
                begin(g, "X", s.comm() + " " + s.pid(), "sched", CPUS_PID, cpuTid(s.cpu()), s.start());
                dur(g, s);
                sliceArgs(g, s);
                g.writeEndObject();
            });
            add.accept(s.start(), g -> {
                begin(g, "X", "Running", "sched", s.tgid(), s.pid(), s.start());
                dur(g, s);
                if (s.wake() != null) {
                    g.writeNumberField("bind_id", s.wake().id());
                    g.writeBooleanField("flow_in", true);
                }
                sliceArgs(g, s);
                g.writeEndObject();
            });
        }
        for (Timeline.Mark m : t.marks) {
            if (m.pid() == 0) {
                continue; // the idle tasks (boot's forks) have no lane
            }
            add.accept(m.ts(), g -> {
                begin(g, "i", m.name(), "task", t.tgids.getOrDefault(m.pid(), m.pid()), m.pid(), m.ts());
                g.writeStringField("s", "t");
                g.writeObjectFieldStart("args");
                g.writeStringField("detail", m.detail());
                g.writeEndObject();
                g.writeEndObject();
            });
        }
        for (Timeline.Sample s : t.samples) {
            Tp.Counter c = s.counter();
            add.accept(s.ts(), g -> {
                if (c.kind() == Tp.CounterKind.NR_RUNNING) {
                    begin(g, "C", "nr_running cpu" + c.cpu(), "sched", CPUS_PID, cpuTid(c.cpu()), s.ts());
                    g.writeObjectFieldStart("args");
                    g.writeNumberField("value", c.values()[0]);
                } else {
                    begin(g, "C", "loadavg", "sched", CPUS_PID, CPUS_PID, s.ts());
                    g.writeObjectFieldStart("args");
                    String[] keys = {"1min", "5min", "15min"};
                    for (int i = 0; i < 3; i++) {
                        g.writeFieldName(keys[i]);
                        g.writeNumber(fixed1(c.values()[i]));
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            });
        }
        out.sort(Comparator.comparingLong(Timed::ts).thenComparingLong(Timed::seq));
        return out;
    }

    private static void begin(JsonGenerator g, String ph, String name, String cat, int pid, int tid, long ts)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", ph);
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(micros(ts));
    }

    private static void dur(JsonGenerator g, Timeline.Slice s) throws IOException {
        g.writeFieldName("dur");
        g.writeNumber(micros(s.end() - s.start()));
    }

    private static void sliceArgs(JsonGenerator g, Timeline.Slice s) throws IOException {
        g.writeObjectFieldStart("args");
        g.writeNumberField("cpu", s.cpu());
        g.writeNumberField("pid", s.pid());
        g.writeNumberField("tgid", s.tgid());
        g.writeNumberField("prio", s.prio());
        if (!s.endState().isEmpty()) {
            g.writeStringField("end_state", s.endState());
        }
        g.writeEndObject();
    }

    /** Nanoseconds as microseconds with three decimals, written exactly (no floating point). */
    static String micros(long ns) {
        long us = ns / 1000;
        long frac = ns % 1000;
        return us + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }

    /** A FIXED_1 (2048) fixed-point load as a decimal with two places, as /proc/loadavg rounds it. */
    static String fixed1(long load) {
        return ksim.kernel.sched.LoadAvg.format(load);
    }
}
