package ksim.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ksim.kernel.proc.ProcView;

/** A /proc held in memory: files by absolute path; a directory lists its entries in the order they were first added. */
final class MapProcView implements ProcView {
    final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, Set<String>> dirs = new LinkedHashMap<>();

    MapProcView put(String path, String text) {
        files.put(path, text);
        String p = path;
        while (p.lastIndexOf('/') > 0) {
            int slash = p.lastIndexOf('/');
            String dir = p.substring(0, slash);
            dirs.computeIfAbsent(dir, d -> new LinkedHashSet<>()).add(p.substring(slash + 1));
            p = dir;
        }
        return this;
    }

    MapProcView remove(String path) {
        files.remove(path);
        return this;
    }

    @Override
    public String read(String path) {
        return files.get(path);
    }

    @Override
    public List<String> list(String dir) {
        Set<String> s = dirs.get(dir);
        return s == null ? null : new ArrayList<>(s);
    }
}
