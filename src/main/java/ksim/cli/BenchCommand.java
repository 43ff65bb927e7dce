package ksim.cli;

import java.util.concurrent.Callable;
import ksim.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ksim bench}: headline performance numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ksim's headline numbers (wall time of simulated operations).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "fewer and shorter rounds (a smoke test, not a measurement)")
    boolean quick;

    @Override
    public Integer call() {
        Benchmarks.runAll(System.out, quick);
        return 0;
    }
}
