package ksim.kernel.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A real /proc (or a copy of one) on disk: lets the tools be checked against procps on this machine. */
public final class RealProcView implements ProcView {
    private final Path root;

    public RealProcView(Path root) {
        this.root = root;
    }

    private Path resolve(String path) {
        return root.resolve(path.startsWith("/proc/") ? path.substring(6) : path.equals("/proc") ? "" : path);
    }

    @Override
    public String read(String path) {
        try {
            return new String(Files.readAllBytes(resolve(path)), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public List<String> list(String dir) {
        try (Stream<Path> s = Files.list(resolve(dir))) {
            List<String> names = new ArrayList<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            return names;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String readlink(String path) {
        try {
            return Files.readSymbolicLink(resolve(path)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
