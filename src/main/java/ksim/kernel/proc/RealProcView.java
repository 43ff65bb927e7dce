package ksim.kernel.proc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Reads in large chunks from offset 0: a file of size 0 read a byte at a time gives only its
     * first byte when it is a sysctl (proc_dointvec() answers a read at a nonzero offset with EOF).
     */
    @Override
    public String read(String path) {
        try (InputStream in = Files.newInputStream(resolve(path))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf, 0, buf.length)) > 0;) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
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
