package ksim.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three exports: determinism, and the Perfetto JSON's and the picture's structure. */
class ExportsTest {
    static final Path DEMO = Path.of("examples/demo.ksim");
    static final Path HOGS = Path.of("conformance/sched/three-hogs.ksim");

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void theSameScenarioAndSeedGiveByteIdenticalExports() {
        for (Path p : List.of(DEMO, HOGS)) {
            Traced a = Traced.run(p, 7L);
            Traced b = Traced.run(p, 7L);
            assertEquals(a.ftrace(), b.ftrace(), p + ": ftrace");
            assertArrayEquals(a.perfetto(), b.perfetto(), p + ": perfetto json");
            assertArrayEquals(a.gantt(false), b.gantt(false), p + ": svg");
        }
    }

    @Test
    void anotherSeedGivesAnotherSchedule() {
        // the seed is the balancer's jitter: three hogs on two CPUs move at other times
        assertTrue(!Traced.run(HOGS, 1L).ftrace().equals(Traced.run(HOGS, 2L).ftrace()));
    }

    static JsonNode json(Traced t) throws Exception {
        return new ObjectMapper().readTree(t.perfetto());
    }

    static double ts(JsonNode e) {
        return e.get("ts").asDouble();
    }

    @Test
    void thePerfettoJsonIsAWellFormedChromeTrace() throws Exception {
        for (Path p : List.of(DEMO, HOGS)) {
            Traced t = Traced.run(p);
            JsonNode root = json(t);
            JsonNode events = root.get("traceEvents");
            assertTrue(events.isArray() && events.size() > 0, p.toString());
            Set<String> threadNames = new HashSet<>();
            Set<Integer> namedProcesses = new HashSet<>();
            Map<Long, JsonNode> flowOut = new HashMap<>();
            List<JsonNode> flowIn = new ArrayList<>();
            Map<String, List<double[]>> lanes = new HashMap<>();
            Set<String> counters = new HashSet<>();
            double last = -1;
            boolean timed = false;
            for (JsonNode e : events) {
                String ph = e.get("ph").asText();
                assertTrue(Set.of("M", "X", "i", "C").contains(ph), e.toString());
                if (ph.equals("M")) {
                    assertTrue(!timed, "metadata comes first: " + e);
                    if (e.get("name").asText().equals("thread_name")) {
                        threadNames.add(e.get("pid").asInt() + "/" + e.get("tid").asInt());
                    } else if (e.get("name").asText().equals("process_name")) {
                        namedProcesses.add(e.get("pid").asInt());
                    }
                    continue;
                }
                timed = true;
                assertTrue(ts(e) >= last, "sorted by time: " + e);
                last = ts(e);
                String lane = e.get("pid").asInt() + "/" + e.get("tid").asInt();
                switch (ph) {
                    case "X" -> {
                        double dur = e.get("dur").asDouble();
                        assertTrue(dur >= 0, e.toString());
                        assertTrue(threadNames.contains(lane), "a named lane: " + e);
                        assertTrue(namedProcesses.contains(e.get("pid").asInt()), "a named process: " + e);
                        if (dur > 0) {
                            lanes.computeIfAbsent(lane, k -> new ArrayList<>()).add(new double[] {ts(e), ts(e) + dur});
                        }
                        if (e.has("flow_out")) {
                            assertEquals(null, flowOut.put(e.get("bind_id").asLong(), e), "one start per flow");
                        }
                        if (e.has("flow_in")) {
                            flowIn.add(e);
                        }
                    }
                    case "C" -> counters.add(e.get("name").asText());
                    default -> assertTrue(threadNames.contains(lane), "a named lane: " + e);
                }
            }
            for (int cpu = 0; cpu < t.cpus(); cpu++) {
                assertTrue(threadNames.contains(PerfettoJson.CPUS_PID + "/" + PerfettoJson.cpuTid(cpu)), "CPU lane " + cpu);
                assertTrue(counters.contains("nr_running cpu" + cpu), "nr_running of CPU " + cpu);
            }
            assertTrue(counters.contains("loadavg"));
            for (Map.Entry<String, List<double[]>> lane : lanes.entrySet()) {
                double end = -1;
                for (double[] s : lane.getValue()) {
                    assertTrue(s[0] >= end - 1e-9, p + ": slices overlap on lane " + lane.getKey());
                    end = s[1];
                }
            }
            assertTrue(!flowIn.isEmpty(), "wake-ups as flows");
            for (JsonNode in : flowIn) {
                JsonNode out = flowOut.get(in.get("bind_id").asLong());
                assertTrue(out != null, "a flow into " + in + " starts somewhere");
                assertTrue(ts(out) <= ts(in), "a wake-up precedes the run it leads to: " + in);
                assertEquals(out.get("args").get("pid").asInt(), in.get("tid").asInt(), "the woken task runs");
            }
        }
    }

    @Test
    void theCpuLanesHoldEveryRunTheFtraceShows() throws Exception {
        Traced t = Traced.run(HOGS);
        long switchesIn = t.ftrace().lines().filter(l -> l.contains("sched_switch:") && !l.endsWith("next_pid=0 next_prio=120"))
                .count();
        long cpuSlices = 0;
        for (JsonNode e : json(t).get("traceEvents")) {
            if (e.get("ph").asText().equals("X") && e.get("pid").asInt() == PerfettoJson.CPUS_PID
                    && !e.get("name").asText().startsWith("wak")) {
                cpuSlices++;
            }
        }
        assertEquals(switchesIn, cpuSlices);
    }

    @Test
    void theLoadAverageIsCounted(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // the load average is sampled every 5 s and a tick: two hogs for 6 s see one sample
        Path f = dir.resolve("hogs.ksim");
        java.nio.file.Files.writeString(f, "main {\n fork a {\n spin(6s)\n }\n fork b {\n spin(6s)\n }\n wait()\n wait()\n}\n");
        double max = 0;
        for (JsonNode e : json(Traced.run(f)).get("traceEvents")) {
            if (e.get("ph").asText().equals("C") && e.get("name").asText().equals("loadavg")) {
                max = Math.max(max, e.get("args").get("1min").asDouble());
            }
        }
        assertTrue(max > 0.1, "two hogs raise the 1-minute load average: " + max);
    }

    @Test
    void theGanttIsAnSvgWithALegendOrAPng() throws Exception {
        Traced t = Traced.run(DEMO);
        String svg = new String(t.gantt(false), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, 50));
        assertTrue(svg.contains("CPU 0") && svg.contains("CPU 1"), "a row per CPU");
        assertTrue(svg.contains("main (25)"), "the legend names the tasks");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(t.gantt(true)));
        assertEquals(GanttChart.width(), png.getWidth());
        assertEquals(200 + 50 * t.cpus(), png.getHeight());
    }
}
