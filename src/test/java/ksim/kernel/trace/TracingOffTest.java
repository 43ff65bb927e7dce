package ksim.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ksim.kernel.Kernel;
import ksim.scenario.Ast;
import ksim.scenario.Parser;
import ksim.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;

/**
 * Tracing off costs nothing: each tracepoint site is one null check, an untraced run never
 * builds an event (the event classes are not even loaded), and tracing on does not change
 * what the simulated machine does.
 */
class TracingOffTest {
    /** A site: {@code if (k.trace != null) k.trace.x(…);}, possibly with one more condition after the check. */
    static final Pattern SITE = Pattern.compile("^\\s*if \\(k\\.trace != null( && [^;]*)?\\) k\\.trace\\.\\w+\\(.*;( //.*)?$");

    @Test
    void everyTracepointIsBehindOneNullCheck() throws IOException {
        List<String> bad = new ArrayList<>();
        int sites = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/ksim/kernel"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/trace/")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i);
                    if (l.contains("k.trace") || l.contains(".trace.")) {
                        if (l.contains("public ksim.kernel.trace.Tracepoints trace;") || l.startsWith("import ")) {
                            continue; // the field itself, an import of the constants
                        }
                        sites++;
                        if (!SITE.matcher(l).matches() && !l.contains("k.trace != null && deThreadPhase")) {
                            bad.add(f + ":" + (i + 1) + ": " + l.trim());
                        }
                    }
                }
            }
        }
        assertTrue(sites >= 25, "found the sites: " + sites);
        assertEquals(List.of(), bad);
    }

    /** A class loader of its own for ksim's classes, to see which of them a run loads. */
    static final class Isolated extends URLClassLoader {
        Isolated() {
            super(new URL[] {Kernel.class.getProtectionDomain().getCodeSource().getLocation()},
                    ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        /** Runs demo.ksim in this loader, traced into a TraceBuffer when {@code traced}. */
        void runDemo(boolean traced) throws Exception {
            Object sc = loadClass("ksim.scenario.Parser").getMethod("parseFile", Path.class)
                    .invoke(null, Path.of("examples/demo.ksim"));
            Class<?> opts = loadClass("ksim.scenario.ScenarioRunner$Options");
            Class<?> tracer = loadClass("ksim.kernel.trace.Tracer");
            Object buffer = traced ? loadClass("ksim.kernel.trace.TraceBuffer").getConstructor().newInstance() : null;
            Consumer<String> out = s -> {};
            loadClass("ksim.scenario.ScenarioRunner")
                    .getMethod("run", loadClass("ksim.scenario.Ast$Scenario"), opts, Consumer.class, tracer)
                    .invoke(null, sc, opts.getField("NONE").get(null), out, buffer);
        }
    }

    @Test
    void anUntracedRunBuildsNoEvent() throws Exception {
        try (Isolated l = new Isolated()) {
            l.runDemo(false);
            assertTrue(l.loaded("ksim.kernel.Kernel"), "the run used this loader");
            for (String c : List.of("TraceEvent", "Tracepoints", "Tp$SchedSwitch", "Tp$SchedWakeup", "Tp$Counter")) {
                assertFalse(l.loaded("ksim.kernel.trace." + c), c + " loaded by an untraced run");
            }
        }
        try (Isolated l = new Isolated()) {
            l.runDemo(true);
            assertTrue(l.loaded("ksim.kernel.trace.TraceEvent"), "a traced run does build events");
        }
    }

    @Test
    void tracingDoesNotChangeTheRun() throws Exception {
        for (String name : List.of("examples/demo.ksim", "examples/orphan.ksim", "conformance/sched/three-hogs.ksim",
                "conformance/lifecycle/exec-thread.ksim")) {
            Ast.Scenario sc = Parser.parseFile(Path.of(name));
            StringBuilder plain = new StringBuilder(), traced = new StringBuilder();
            Kernel a = ScenarioRunner.run(sc, ScenarioRunner.Options.NONE, s -> plain.append(s).append('\n')).kernel();
            Kernel b = ScenarioRunner.run(sc, ScenarioRunner.Options.NONE, s -> traced.append(s).append('\n'),
                    new TraceBuffer()).kernel();
            assertEquals(plain.toString(), traced.toString(), name);
            assertEquals(a.now(), b.now(), name + ": the run ends at the same instant");
            assertEquals(a.totalForks, b.totalForks, name);
            assertEquals(a.lastPid, b.lastPid, name);
            for (int cpu = 0; cpu < a.config.cpus; cpu++) {
                assertEquals(a.sched.rqs[cpu].nrSwitches, b.sched.rqs[cpu].nrSwitches, name + ": switches on CPU " + cpu);
                assertEquals(a.sched.rqs[cpu].busyNs, b.sched.rqs[cpu].busyNs, name + ": busy time on CPU " + cpu);
            }
            assertTrue(a.trace == null && b.trace != null);
        }
    }
}
