package ksim.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ksim test} is run by the launcher script (it builds and runs the test suite); here it only explains. */
@Command(name = "test", description = "Run ksim's whole test suite (handled by the ./ksim launcher: ./mvnw verify).")
final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("ksim: run the test suite through the launcher at the repository root: ./ksim test");
        return 2;
    }
}
