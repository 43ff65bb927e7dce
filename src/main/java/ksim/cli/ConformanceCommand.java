package ksim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import ksim.scenario.Approx;
import ksim.scenario.Ast;
import ksim.scenario.InputFile;
import ksim.scenario.Parser;
import ksim.scenario.ScenarioException;
import ksim.scenario.ScenarioRunner;
import ksim.scenario.TraceCompare;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ksim conformance}: every scenario with a real-kernel golden, run on the simulated kernel. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Run every scenario that has a golden trace (NAME.ksim beside NAME.trace) on the",
            "simulated kernel and compare it with the real kernel's, task by task. One line per",
            "scenario, a total per area (directory), and the overall count. Exit 1 if any differs."})
final class ConformanceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "where to look (default: examples conformance)")
    List<Path> dirs = new ArrayList<>();

    @Override
    public Integer call() {
        if (dirs.isEmpty()) {
            dirs = List.of(Path.of("examples"), Path.of("conformance"));
        }
        List<Path> scenarios = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                System.err.println("ksim conformance: " + d + " is not a directory");
                return 2;
            }
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(p -> p.toString().endsWith(".ksim") && Files.exists(TraceCompare.goldenOf(p)))
                        .forEach(scenarios::add);
            } catch (IOException | UncheckedIOException e) {
                IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                String where = cause instanceof java.nio.file.FileSystemException fs && fs.getFile() != null
                        ? fs.getFile() : d.toString();
                System.err.println("ksim conformance: cannot read " + where + ": " + InputFile.reason(cause));
                return 2;
            }
        }
        scenarios.sort(null);
        Map<String, int[]> perArea = new TreeMap<>();
        int passed = 0;
        int failed = 0;
        for (Path p : scenarios) {
            String problem = check(p);
            int[] area = perArea.computeIfAbsent(p.getParent() == null ? "." : p.getParent().toString(),
                    a -> new int[2]);
            if (problem == null) {
                passed++;
                area[0]++;
                System.out.println("PASS " + p);
            } else {
                failed++;
                area[1]++;
                System.out.println("FAIL " + p + ": " + problem);
            }
            Stdout.check();
        }
        System.out.println();
        perArea.forEach((a, n) -> System.out.printf("%-28s %3d / %3d%n", a, n[0], n[0] + n[1]));
        System.out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /** Null when the simulated kernel agrees with the golden; else the first difference (or why either file is bad). */
    private static String check(Path p) {
        Ast.Scenario sc;
        String golden;
        try {
            sc = Parser.parseFile(p);
            golden = InputFile.read(TraceCompare.goldenOf(p));
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        StringBuilder sim = new StringBuilder();
        ScenarioRunner.Outcome o = ScenarioRunner.run(sc, ScenarioRunner.Options.NONE, l -> sim.append(l).append('\n'));
        if (!o.end().ranToItsEnd()) {
            return "did not run to its end: " + o.end().message().lines().findFirst().orElse("");
        }
        List<String> diff = TraceCompare.differences(golden, sim.toString(), Approx.of(sc));
        return diff.isEmpty() ? null : diff.get(0) + (diff.size() > 1 ? " (and " + (diff.size() - 1) + " more tasks)" : "");
    }
}
