package ksim.kernel.kthread;

import java.util.List;
import ksim.kernel.Kernel;

/** The example modules a simulated kernel can load at boot (like built-in modules' initcalls). */
public final class Modules {
    private Modules() {}

    /** Module names, for the command line's --module. */
    public static final List<String> NAMES = List.of(ZombieMonitor.NAME);

    public static void load(Kernel k, String name) {
        switch (name) {
            case ZombieMonitor.NAME -> ZombieMonitor.init(k);
            default -> throw new IllegalArgumentException("no module named " + name);
        }
    }
}
