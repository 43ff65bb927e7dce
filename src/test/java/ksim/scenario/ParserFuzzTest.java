package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The parser and everything that walks its tree, fed {@link FuzzInputs}: each input is read
 * as InputFile decodes a file, parsed, and when it parses, turned into C and its approximate
 * statements collected, and (when cheap) run on the simulated kernel and inspected. The only
 * exception allowed is the parser's own, as one line of bounded length; nothing may hang.
 */
class ParserFuzzTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Test
    void noInputMakesAStackTraceOrAHang() throws Exception {
        long seed = FuzzInputs.seed();
        int parsed = 0;
        int ran = 0;
        for (int i = 0; i < FuzzInputs.count(2000); i++) {
            FuzzInputs.Input in = FuzzInputs.make(seed, i);
            try {
                int outcome = FuzzInputs.within(LIMIT, () -> check(in));
                parsed += outcome > 0 ? 1 : 0;
                ran += outcome > 1 ? 1 : 0;
            } catch (Throwable t) {
                throw new AssertionError(in.describe() + "\n" + t, t);
            }
        }
        // the inputs must reach past the parser, or the rest was never tried
        assertTrue(parsed > 150 && ran > 100, parsed + " parsed, " + ran + " ran");
    }

    /** 0: rejected (one short line), 1: parsed, 2: parsed and run. */
    private static int check(FuzzInputs.Input in) throws Exception {
        Ast.Scenario sc;
        try {
            sc = Parser.parse("f.ksim", InputFile.decode("f.ksim", in.bytes()));
        } catch (ScenarioException e) {
            String m = e.getMessage();
            if (!m.startsWith("f.ksim:") || m.contains("\n") || m.length() > 400) {
                fail("not one short FILE:LINE:COL line: " + m);
            }
            return 0;
        }
        Approx.of(sc);
        CGenerator.generate(sc);
        if (!FuzzInputs.cheapToRun(sc)) {
            return 1;
        }
        ScenarioRunner.run(sc, ScenarioRunner.Options.NONE, line -> { });
        ScenarioRunner.inspect(sc, ScenarioRunner.Options.NONE, 10_000_000L, false);
        return 2;
    }
}
