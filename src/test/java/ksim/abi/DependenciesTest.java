package ksim.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ksim.abi depends on nothing; the kernel packages on the JDK and ksim.abi only. */
class DependenciesTest {
    private static final Pattern KSIM = Pattern.compile("\\bksim\\.[a-z]+");

    /** The ksim packages {@code dir}'s sources name, other than those {@code allowed}. */
    private static List<String> outside(String dir, List<String> allowed) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(dir))) {
            return files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    Matcher m = KSIM.matcher(Files.readString(p));
                    return m.results().map(r -> p.getFileName() + ": " + r.group())
                            .filter(s -> allowed.stream().noneMatch(a -> s.endsWith(": " + a)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    @Test
    void abiNamesNoOtherPackage() throws IOException {
        assertEquals(List.of(), outside("src/main/java/ksim/abi", List.of("ksim.abi")));
    }

    @Test
    void kernelNamesOnlyItselfAndAbi() throws IOException {
        assertEquals(List.of(), outside("src/main/java/ksim/kernel", List.of("ksim.abi", "ksim.kernel")));
    }
}
