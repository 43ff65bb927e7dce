package ksim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A cgroup hierarchy the recorder can put a recording in ({@link Sandbox}): the cgroup v2 one
 * (which has cgroup.kill, and pids.max where the pids controller is enabled there), and a
 * cgroup v1 hierarchy of the pids controller (pids.max; killed member by member). Found in
 * /proc/self/mounts; each recording's group lives under {@value Sandbox#PARENT}/.
 */
record CgroupMount(Path root, boolean v2) {
    private static final Pattern STALE = Pattern.compile("rec-(\\d+)-\\d+");

    /** The usable hierarchies: cgroup v2 first, then the v1 pids controller's. */
    static List<CgroupMount> find() {
        List<CgroupMount> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/mounts"));
        } catch (IOException | RuntimeException e) {
            return out;
        }
        CgroupMount v1pids = null;
        for (String l : lines) {
            String[] f = l.split(" ");
            if (f.length < 4) {
                continue;
            }
            if (f[2].equals("cgroup2") && out.isEmpty()) {
                out.add(new CgroupMount(Path.of(f[1]), true));
            } else if (f[2].equals("cgroup") && List.of(f[3].split(",")).contains("pids") && v1pids == null) {
                v1pids = new CgroupMount(Path.of(f[1]), false);
            }
        }
        if (v1pids != null) {
            out.add(v1pids);
        }
        return out;
    }

    /**
     * A new group {@code name} in this hierarchy, with pids.max set where the hierarchy has the
     * pids controller; null when it cannot be made (not writable, no delegation). Groups left
     * by recorders that no longer run are emptied and removed first.
     */
    Path newGroup(String name) {
        Path parent = root.resolve(Sandbox.PARENT);
        try {
            Files.createDirectories(parent);
            sweep(parent);
            if (v2) {
                enablePids(parent);
            }
            Path g = Files.createDirectory(parent.resolve(name));
            Path max = g.resolve("pids.max");
            if (Files.exists(max)) {
                Files.writeString(max, Integer.toString(Sandbox.PIDS_MAX));
            }
            return g;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Lets the groups below {@code parent} use pids.max, where the hierarchy offers the controller. */
    private static void enablePids(Path parent) {
        try {
            if (List.of(Files.readString(parent.resolve("cgroup.controllers")).strip().split(" ")).contains("pids")) {
                Files.writeString(parent.resolve("cgroup.subtree_control"), "+pids");
            }
        } catch (IOException | RuntimeException e) {
            // no pids.max then: the group still kills everything at the end
        }
    }

    /** Empties and removes the groups of recorders that died without doing it (killed with SIGKILL). */
    private static void sweep(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            for (Path g : s.toList()) {
                Matcher m = STALE.matcher(g.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    killAll(g);
                    remove(g);
                }
            }
        }
    }

    /** Kills every process in group {@code g}: cgroup.kill where there is one, else each member until none is left. */
    static void killAll(Path g) {
        Path kill = g.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            try {
                Files.writeString(kill, "1");
                return;
            } catch (IOException e) {
                // fall back to killing the members one by one
            }
        }
        for (int round = 0; round < 100; round++) {
            List<Long> pids = members(g);
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
            pause();
        }
    }

    /** Removes group {@code g} once its members are gone (they may take a moment to be reaped). */
    static void remove(Path g) {
        for (int round = 0; round < 200 && !members(g).isEmpty(); round++) {
            pause();
        }
        try {
            Files.deleteIfExists(g);
        } catch (IOException e) {
            // still populated: the next recording's sweep removes it
        }
    }

    private static List<Long> members(Path g) {
        List<Long> out = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(g.resolve("cgroup.procs"))) {
                if (!l.isBlank()) {
                    out.add(Long.parseLong(l.strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return out;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
