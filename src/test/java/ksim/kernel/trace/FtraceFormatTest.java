package ksim.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ksim.scenario.Ast;
import ksim.scenario.Parser;
import ksim.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;

/**
 * The ftrace text against a real capture (src/test/resources/ksim/trace, see its README):
 * every line the real kernel printed is read back into ksim's event records and printed by
 * ksim, and must come out byte for byte the same — columns, padding, flags, time stamp, and
 * each event's TP_printk. Then ksim's own trace of the same workload must use exactly the
 * events, field names and context flags the real one shows.
 */
class FtraceFormatTest {
    static String resource(String name) throws IOException {
        try (InputStream in = FtraceFormatTest.class.getResourceAsStream("/ksim/trace/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static final Pattern LINE = Pattern.compile(
            "^\\s*(.*)-(\\d+)\\s+\\(\\s*(-+|\\d+)\\) \\[(\\d{3})\\] (\\S{5})\\s+(\\d+)\\.(\\d{6}): (\\w+): (.*)$");

    /** The real line's fields, as the event's record. */
    static Tp.Fields fields(String event, String f) {
        Matcher m;
        switch (event) {
            case "sched_switch" -> {
                m = match("prev_comm=(.*) prev_pid=(\\d+) prev_prio=(-?\\d+) prev_state=(\\S+) ==> next_comm=(.*) next_pid=(\\d+) next_prio=(-?\\d+)", f);
                return new Tp.SchedSwitch(m.group(1), i(m, 2), i(m, 3), stateBits(m.group(4)), m.group(5), i(m, 6), i(m, 7), 0, 0);
            }
            case "sched_waking", "sched_wakeup", "sched_wakeup_new" -> {
                m = match("comm=(.*) pid=(\\d+) prio=(-?\\d+) target_cpu=(\\d+)", f);
                Tp.WakeupKind kind = Tp.WakeupKind.valueOf(event.toUpperCase());
                return new Tp.SchedWakeup(kind, m.group(1), i(m, 2), i(m, 3), i(m, 4), 0);
            }
            case "sched_migrate_task" -> {
                m = match("comm=(.*) pid=(\\d+) prio=(-?\\d+) orig_cpu=(\\d+) dest_cpu=(\\d+)", f);
                return new Tp.SchedMigrateTask(m.group(1), i(m, 2), i(m, 3), i(m, 4), i(m, 5));
            }
            case "sched_process_fork" -> {
                m = match("comm=(.*) pid=(\\d+) child_comm=(.*) child_pid=(\\d+)", f);
                return new Tp.SchedProcessFork(m.group(1), i(m, 2), m.group(3), i(m, 4), 0);
            }
            case "sched_process_exec" -> {
                m = match("filename=(.*) pid=(\\d+) old_pid=(\\d+)", f);
                return new Tp.SchedProcessExec(m.group(1), i(m, 2), i(m, 3));
            }
            case "sched_process_exit" -> {
                m = match("comm=(.*) pid=(\\d+) prio=(-?\\d+) group_dead=(true|false)", f);
                return new Tp.SchedProcessExit(m.group(1), i(m, 2), i(m, 3), Boolean.parseBoolean(m.group(4)));
            }
            case "sched_process_free", "sched_process_wait" -> {
                m = match("comm=(.*) pid=(\\d+) prio=(-?\\d+)", f);
                return new Tp.SchedProcess(event, m.group(1), i(m, 2), i(m, 3));
            }
            case "task_newtask" -> {
                m = match("pid=(\\d+) comm=(.*) clone_flags=([0-9a-f]+) oom_score_adj=(-?\\d+)", f);
                return new Tp.TaskNewtask(i(m, 1), m.group(2), Long.parseLong(m.group(3), 16), Short.parseShort(m.group(4)), 0);
            }
            case "task_rename" -> {
                m = match("pid=(\\d+) oldcomm=(.*) newcomm=(.*) oom_score_adj=(-?\\d+)", f);
                return new Tp.TaskRename(i(m, 1), m.group(2), m.group(3), Short.parseShort(m.group(4)));
            }
            case "signal_generate" -> {
                m = match("sig=(\\d+) errno=(-?\\d+) code=(-?\\d+) comm=(.*) pid=(\\d+) grp=(\\d+) res=(\\d+)", f);
                return new Tp.SignalGenerate(i(m, 1), i(m, 2), i(m, 3), m.group(4), i(m, 5), i(m, 6), i(m, 7));
            }
            case "signal_deliver" -> {
                m = match("sig=(\\d+) errno=(-?\\d+) code=(-?\\d+) sa_handler=([0-9a-f]+) sa_flags=([0-9a-f]+)", f);
                return new Tp.SignalDeliver(i(m, 1), i(m, 2), i(m, 3), Long.parseUnsignedLong(m.group(4), 16),
                        Long.parseUnsignedLong(m.group(5), 16));
            }
            default -> throw new AssertionError("unexpected event " + event);
        }
    }

    static Matcher match(String regex, String s) {
        Matcher m = Pattern.compile("^" + regex + "$").matcher(s);
        assertTrue(m.matches(), () -> regex + " does not match " + s);
        return m;
    }

    static int i(Matcher m, int g) {
        return Integer.parseInt(m.group(g));
    }

    /** prev_state's text back to __trace_sched_switch_state()'s value. */
    static long stateBits(String s) {
        long bits = s.endsWith("+") ? Tp.TASK_REPORT_MAX : 0;
        char c = s.charAt(0);
        return c == 'R' ? bits : bits | (1L << "SDTtXZPI".indexOf(c));
    }

    @Test
    void theHeaderIsTheKernels() throws IOException {
        String real = resource("real-6.18.trace");
        String[] lines = real.split("\n");
        long events = real.lines().filter(l -> !l.startsWith("#")).count();
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            head.append(lines[i]).append('\n');
        }
        assertEquals(head.toString(), FtraceText.header((int) events, 2));
    }

    @Test
    void everyRealLineComesOutTheSame() throws IOException {
        int n = 0;
        Set<String> events = new TreeSet<>();
        for (String l : resource("real-6.18.trace").split("\n")) {
            if (l.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(l);
            assertTrue(m.matches(), l);
            String comm = m.group(1).trim();
            int pid = Integer.parseInt(m.group(2));
            int tgid = m.group(3).startsWith("-") ? 0 : Integer.parseInt(m.group(3));
            long ts = (Long.parseLong(m.group(6)) * 1_000_000 + Long.parseLong(m.group(7))) * 1000;
            TraceEvent e = new TraceEvent(ts, Integer.parseInt(m.group(4)), pid, tgid, comm, m.group(5),
                    fields(m.group(8), m.group(9)));
            String saved = comm.equals("<idle>") || comm.equals("<...>") ? null : comm;
            assertEquals(l, FtraceText.line(e, saved, tgid).stripTrailing());
            events.add(m.group(8));
            n++;
        }
        assertEquals(14, events.size(), "the capture has all fourteen events: " + events);
        assertTrue(n > 100);
    }

    /** Each event's field names, in order: "prev_comm prev_pid … next_prio". */
    static String keys(String fields) {
        StringBuilder b = new StringBuilder();
        Matcher m = Pattern.compile("(?:^| )(\\w+)=").matcher(fields);
        while (m.find()) {
            b.append(m.group(1)).append(' ');
        }
        return b.toString().trim();
    }

    record Shape(String keys, Set<String> flags) {}

    /**
     * Per event: its field names and the irqs-off and hardirq/softirq columns of its flags (the
     * preempt depth varies with the path and the locks taken, from capture to capture).
     */
    static Map<String, Shape> shapes(String trace) {
        Map<String, Shape> out = new TreeMap<>();
        for (String l : trace.split("\n")) {
            Matcher m = LINE.matcher(l);
            if (l.startsWith("#") || !m.matches()) {
                continue;
            }
            String f = m.group(5);
            String flags = "" + f.charAt(0) + f.charAt(2);
            Shape s = out.computeIfAbsent(m.group(8), k -> new Shape(keys(m.group(9)), new TreeSet<>()));
            assertEquals(s.keys(), keys(m.group(9)), l);
            s.flags().add(flags);
        }
        return out;
    }

    @Test
    void ksimsTraceOfTheWorkloadHasTheRealShapes() throws Exception {
        Map<String, Shape> real = shapes(resource("real-6.18.trace"));
        java.nio.file.Path f = java.nio.file.Files.createTempFile("workload", ".ksim");
        java.nio.file.Files.writeString(f, resource("workload.ksim"));
        Ast.Scenario sc = Parser.parseFile(f);
        java.nio.file.Files.delete(f);
        TraceBuffer b = new TraceBuffer();
        ScenarioRunner.run(sc, ScenarioRunner.Options.NONE, s -> {}, b);
        StringBuilder text = new StringBuilder();
        FtraceText.write(b.events(), 2, text);
        Map<String, Shape> ksim = shapes(text.toString());
        assertEquals(real.keySet(), ksim.keySet(), "the same events");
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Shape> e : ksim.entrySet()) {
            Shape r = real.get(e.getKey());
            assertEquals(r.keys(), e.getValue().keys(), e.getKey());
            for (String flags : e.getValue().flags()) {
                if (!r.flags().contains(flags)) {
                    bad.add(e.getKey() + " " + flags + " (real: " + r.flags() + ")");
                }
            }
        }
        assertTrue(bad.isEmpty(), "context flags the real kernel does not show: " + bad);
    }

    @Test
    void perfettosLineParserReadsEveryLine() throws Exception {
        // Perfetto's systrace line regex (src/trace_processor/importers/systrace/systrace_line_tokenizer.cc)
        Pattern perfetto = Pattern.compile(
                "-(\\d+)\\s+\\(?\\s*(\\d+|-+)?\\)?\\s?\\[(\\d+)\\]\\s*[a-zA-Z0-9.]{0,5}\\s*(\\d+\\.\\d+):\\s+(\\S+):");
        java.nio.file.Path f = java.nio.file.Path.of("examples/demo.ksim");
        TraceBuffer b = new TraceBuffer();
        ScenarioRunner.run(Parser.parseFile(f), ScenarioRunner.Options.NONE, s -> {}, b);
        StringBuilder text = new StringBuilder();
        FtraceText.write(b.events(), 2, text);
        for (String l : text.toString().split("\n")) {
            if (!l.startsWith("#")) {
                assertTrue(perfetto.matcher(l).find(), l);
            }
        }
    }
}
