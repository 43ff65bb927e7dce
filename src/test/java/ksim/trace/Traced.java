package ksim.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import ksim.kernel.trace.TraceBuffer;
import ksim.kernel.trace.TraceEvent;
import ksim.scenario.Parser;
import ksim.scenario.ScenarioRunner;

/** Test helper: a scenario run traced, and its exports as bytes. */
record Traced(List<TraceEvent> events, int cpus) {
    static Traced run(Path file, Long seed) {
        TraceBuffer b = new TraceBuffer();
        ScenarioRunner.Options opt = new ScenarioRunner.Options(seed, null);
        ksim.scenario.Ast.Scenario sc;
        try {
            sc = Parser.parseFile(file);
        } catch (ksim.scenario.ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        ScenarioRunner.run(sc, opt, s -> {}, b);
        return new Traced(b.events(), ScenarioRunner.config(sc, opt).cpus);
    }

    static Traced run(Path file) {
        return run(file, null);
    }

    String ftrace() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Exports.ftrace(events, cpus, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    byte[] perfetto() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Exports.perfetto(events, cpus, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    byte[] gantt(boolean png) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Exports.gantt(events, cpus, "test", png, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every scenario under examples/ and conformance/. */
    static List<Path> allScenarios() {
        try (Stream<Path> a = Files.walk(Path.of("examples")); Stream<Path> b = Files.walk(Path.of("conformance"))) {
            return Stream.concat(a, b).filter(p -> p.toString().endsWith(".ksim")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
