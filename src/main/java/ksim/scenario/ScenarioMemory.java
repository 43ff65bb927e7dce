package ksim.scenario;

import java.util.Arrays;
import ksim.kernel.task.UserMemory;

/**
 * A scenario task's user memory: the values its names are bound to (PIDs, pipe file
 * descriptors), one slot per name the scenario reads ({@link NameSlots}), and how many times
 * each spawn statement inside a repeat has run (for NAME.k). Fork copies it; CLONE_VM tasks
 * share it. Its size is fixed by the scenario's text, as a C program's data is.
 */
final class ScenarioMemory implements UserMemory {
    /** What an unbound slot holds: no PID or file descriptor is negative. */
    static final long UNBOUND = Long.MIN_VALUE;

    private final NameSlots slots;
    private final long[] values;
    private final int[] spawnCounts;

    ScenarioMemory(NameSlots slots) {
        this(slots, new long[slots.size()], new int[slots.spawns()]);
        Arrays.fill(values, UNBOUND);
    }

    private ScenarioMemory(NameSlots slots, long[] values, int[] spawnCounts) {
        this.slots = slots;
        this.values = values;
        this.spawnCounts = spawnCounts;
    }

    /** The value bound to {@code name} in this memory, or {@link #UNBOUND} when this task never learnt it. */
    long get(String name) {
        int i = slots.slotOf(name);
        return i < 0 ? UNBOUND : values[i];
    }

    /** Binds {@code name} to {@code value}; a name no statement reads has no slot, and binding it changes nothing. */
    void bind(String name, long value) {
        int i = slots.slotOf(name);
        if (i >= 0) {
            values[i] = value;
        }
    }

    /** The next k of spawn statement {@code id}: 1 the first time. */
    int nextSpawnCount(int id) {
        return ++spawnCounts[id];
    }

    @Override
    public ScenarioMemory copy() {
        return new ScenarioMemory(slots, values.clone(), spawnCounts.clone());
    }
}
