package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Same scenario + same seed = byte-identical trace, every time. */
class DeterminismTest {
    @Test
    void hundredRunsOfTheDemoAreIdentical() throws Exception {
        Ast.Scenario sc = Parser.parseFile(Path.of("examples/demo.ksim"));
        String first = trace(sc, 42L);
        for (int i = 0; i < 100; i++) {
            assertEquals(first, trace(sc, 42L), "run " + i + " differs");
        }
    }

    @Test
    void aBusierScenarioIsIdenticalToo() throws Exception {
        String src = """
                cpus 3
                main {
                    repeat 20 {
                        fork w {
                            spin(3ms)
                            fork g {
                                sleep(1ms)
                                spin(2ms)
                                exit(2)
                            }
                            sleep(2ms)
                            exit(1)
                        }
                    }
                    repeat 40 {
                        wait()
                    }
                }
                """;
        Ast.Scenario sc = Parser.parse("busy.ksim", src);
        String first = trace(sc, 7L);
        for (int i = 0; i < 100; i++) {
            assertEquals(first, trace(sc, 7L), "run " + i + " differs");
        }
    }

    private static String trace(Ast.Scenario sc, long seed) {
        StringBuilder sb = new StringBuilder();
        ScenarioRunner.run(sc, new ScenarioRunner.Options(seed, null), l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
