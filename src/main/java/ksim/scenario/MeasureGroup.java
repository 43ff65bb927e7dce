package ksim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the recorder runs a scenario that measures CPU time (one with {@code expect … ~}):
 * a cgroup of the v1 cpu controller with the highest cpu.shares, so that whatever else runs
 * on the machine takes next to nothing from the scenario's tasks, and with the RT runtime
 * the root group has (RT_GROUP_SCHED kernels refuse SCHED_FIFO/RR in a group that has none).
 * Without root or a v1 cpu controller, or if the RT runtime cannot be given, there is no
 * group and the scenario runs where the recorder runs.
 */
final class MeasureGroup {
    private MeasureGroup() {}

    static final Path CPU_V1 = Path.of("/sys/fs/cgroup/cpu");
    static final String NAME = "ksim-record";
    /** The largest cpu.shares (MAX_SHARES = 1 << 18). */
    static final String SHARES = "262144";

    /** The group's directory, ready to join, or null. */
    static Path prepare(boolean root) {
        if (!root || !Files.isWritable(CPU_V1.resolve("cpu.shares"))) {
            return null;
        }
        try {
            Path g = CPU_V1.resolve(NAME);
            Files.createDirectories(g);
            Files.writeString(g.resolve("cpu.shares"), SHARES);
            Path rt = g.resolve("cpu.rt_runtime_us");
            Path rootRt = CPU_V1.resolve("cpu.rt_runtime_us");
            if (Files.exists(rt) && Files.exists(rootRt)) {
                Files.writeString(rt, Files.readString(rootRt).strip());
            }
            return g;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
