package ksim.scenario;

import java.util.Arrays;
import java.util.HashMap;
import ksim.kernel.task.UserMemory;

/**
 * A scenario task's user memory: the values its names are bound to (PIDs, pipe file
 * descriptors) and how many times each spawn statement inside a repeat has run (for
 * NAME.k). Fork copies it; CLONE_VM tasks share it.
 */
final class ScenarioMemory implements UserMemory {
    private final HashMap<String, Long> values;
    private int[] spawnCounts;

    ScenarioMemory() {
        this(new HashMap<>(), new int[8]);
    }

    private ScenarioMemory(HashMap<String, Long> values, int[] spawnCounts) {
        this.values = values;
        this.spawnCounts = spawnCounts;
    }

    /** The value bound to {@code name} in this memory, or null when this task never learnt it. */
    Long get(String name) {
        return values.get(name);
    }

    void bind(String name, long value) {
        values.put(name, value);
    }

    /** The next k of spawn statement {@code id}: 1 the first time. */
    int nextSpawnCount(int id) {
        if (id >= spawnCounts.length) {
            spawnCounts = Arrays.copyOf(spawnCounts, Math.max(id + 1, spawnCounts.length * 2));
        }
        return ++spawnCounts[id];
    }

    @Override
    public ScenarioMemory copy() {
        return new ScenarioMemory(new HashMap<>(values), spawnCounts.clone());
    }
}
