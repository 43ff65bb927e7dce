package ksim.verify;

import java.nio.file.Path;
import ksim.kernel.KernelConfig;
import ksim.scenario.Parser;

/** What this machine can check: its CPUs against a scenario's. */
final class Host {
    private Host() {}

    /** The CPUs this process may run on (the recorder pins a scenario to CPUs 0..N-1 among them). */
    static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Why {@code scenario} cannot run here as on the simulated machine (it has more CPUs), or null. */
    static String cpusMissing(Path scenario) {
        int want;
        try {
            Integer h = Parser.parseFile(scenario).header().cpus();
            want = h == null ? new KernelConfig().cpus : h;
        } catch (Exception e) {
            return null; // the attempt reports the parse error
        }
        int have = cpus();
        return want <= have ? null : "needs " + want + " CPUs, this machine gives ksim " + have;
    }
}
