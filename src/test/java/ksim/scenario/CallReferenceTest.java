package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/calls.md is what the call table says (regenerate it with CallReference's main). */
class CallReferenceTest {
    static final Path DOC = Path.of("docs/calls.md");

    @Test
    void theReferenceIsTheTable() throws IOException {
        String want = CallReference.markdown();
        String have = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (!want.equals(have)) {
            Path fresh = Files.writeString(Path.of("target/calls.md"), want, StandardCharsets.UTF_8);
            assertEquals(want, have, DOC + " is not what the call table says; the table's version is in " + fresh
                    + " (cp " + fresh + " " + DOC + ")");
        }
    }

    @Test
    void everyCallHasARowWithAnEntryAndACForm() {
        for (CallTable.Row<?> r : CallTable.rows()) {
            assertTrue(r.c().startsWith("rt_") && r.c().contains("%s"), r.name() + ": " + r.c());
            assertTrue(!r.doc().isBlank(), r.name());
        }
    }
}
