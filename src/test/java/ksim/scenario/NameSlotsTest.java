package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which names get a slot in a task's memory: those some statement reads, and no others. */
class NameSlotsTest {
    private static NameSlots slots(String src) throws ScenarioException {
        return NameSlots.of(Parser.parse("t.ksim", src).main());
    }

    @Test
    void namesReadAnywhereGetASlotAndNoOtherDoes() throws ScenarioException {
        NameSlots s = slots("""
                main {
                    pipe(p)
                    repeat 3 {
                        fork w {
                            write(p, 1)
                            kill(-main, 0)
                        }
                    }
                    fork x { }
                    read(p, 1)
                    close(p.w)
                    waitpid(w.2, 0)
                    sched_setaffinity(w, {0})
                }
                """);
        for (String read : new String[] {"main", "p", "p.r", "p.w", "w.2", "w"}) {
            assertTrue(s.slotOf(read) >= 0, read);
        }
        assertEquals(-1, s.slotOf("x"), "x is forked but never read");
        assertEquals(-1, s.slotOf("w.1"), "only w.2 of the repeat is read");
        assertEquals(2, s.spawns());
    }

    @Test
    void forkCopiesAMemoryWhoseSizeTheScenarioFixes() throws ScenarioException {
        NameSlots s = slots("""
                main {
                    repeat 1000 {
                        fork w { }
                        waitpid(w, 0)
                    }
                }
                """);
        ScenarioMemory m = new ScenarioMemory(s);
        for (int k = 1; k <= 1000; k++) {
            m.nextSpawnCount(0);
            m.bind("w." + k, 100 + k); // no slot: binding it changes nothing
            m.bind("w", 100 + k);
        }
        ScenarioMemory copy = m.copy();
        m.bind("w", 7);
        assertEquals(1100, copy.get("w"), "fork copied the value w had then");
        assertEquals(ScenarioMemory.UNBOUND, copy.get("w.1000"));
        assertEquals(1001, copy.nextSpawnCount(0), "the count of NAME.k is copied too");
    }
}
