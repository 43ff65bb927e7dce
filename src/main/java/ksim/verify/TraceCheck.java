package ksim.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ksim.scenario.Approx;
import ksim.scenario.Ast;
import ksim.scenario.InputFile;
import ksim.scenario.Parser;
import ksim.scenario.Recorder;
import ksim.scenario.ScenarioException;
import ksim.scenario.TraceCompare;

/** A golden trace (NAME.trace): the scenario recorded again, compared task by task as {@code ksim diff} does. */
record TraceCheck(Path scenario, Duration timeout) implements Check {
    @Override
    public String kind() {
        return "trace";
    }

    @Override
    public String name() {
        return TraceCompare.goldenOf(scenario).toString();
    }

    @Override
    public boolean measured() {
        try {
            return !Approx.of(Parser.parseFile(scenario)).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public String skip() {
        return Host.cpusMissing(scenario);
    }

    @Override
    public Attempt attempt() throws Exception {
        Ast.Scenario sc = Parser.parseFile(scenario);
        Map<String, Approx> approx = Approx.of(sc);
        String golden = InputFile.read(TraceCompare.goldenOf(scenario));
        Recorder.Recording r;
        try {
            r = Recorder.record(sc, timeout);
        } catch (Recorder.Unavailable | Recorder.Failure e) {
            return Attempt.broken(e.getMessage());
        }
        List<String> diff = new ArrayList<>(TraceCompare.differences(golden, r.trace(), approx));
        if (r.timedOut()) {
            diff.add("still running after " + timeout.toSeconds() + " s; stopped");
        }
        Recorded seen = new Recorded(r.trace(), r.timedOut());
        return new Attempt(diff, seen, (a, b) -> ((Recorded) a).timedOut() == ((Recorded) b).timedOut()
                && TraceCompare.differences(((Recorded) a).trace(), ((Recorded) b).trace(), approx).isEmpty(),
                diff.isEmpty() ? null : quirk(r.trace(), approx));
    }

    /**
     * The host quirk whose alternative golden (NAME.quirk-QUIRK.trace, recorded on a kernel
     * known to differ from upstream there) {@code trace} agrees with, or null. Such a kernel
     * may leave the scenario hanging (a signal upstream sends never comes): the alternative
     * then holds what it printed until it was stopped.
     */
    private String quirk(String trace, Map<String, Approx> approx) throws java.io.IOException, ScenarioException {
        String prefix = TraceCompare.goldenOf(scenario).getFileName().toString().replaceAll("\\.trace$", ".quirk-");
        try (java.util.stream.Stream<Path> s = Files.list(scenario.toAbsolutePath().getParent())) {
            for (Path alt : s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".trace")).sorted().toList()) {
                if (TraceCompare.differences(InputFile.read(alt), trace, approx).isEmpty()) {
                    String n = alt.getFileName().toString();
                    return n.substring(prefix.length(), n.length() - ".trace".length());
                }
            }
        }
        return null;
    }

    private record Recorded(String trace, boolean timedOut) {}
}
