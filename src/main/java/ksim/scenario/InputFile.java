package ksim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file ksim was given to read (a scenario, a golden trace): at most {@link #MAX_BYTES} of
 * strict UTF-8. Every failure is one {@link ScenarioException}: {@code cannot read FILE: REASON}
 * with REASON as strerror(3) words it (what cat or grep print), or
 * {@code FILE:LINE:COL: invalid UTF-8} at the first byte that is not.
 */
public final class InputFile {
    private InputFile() {}

    /**
     * 16 MiB: thousands of times the largest scenario or golden trace ksim ships, and small
     * enough that reading and parsing it fits comfortably in a default Java heap.
     */
    public static final int MAX_BYTES = 16 << 20;

    /** The text of {@code path}, strict UTF-8. */
    public static String read(Path path) throws ScenarioException {
        return decode(path.toString(), readBytes(path));
    }

    /** The bytes of {@code path} (a /proc capture is bytes); reads at most MAX_BYTES + 1, so /dev/zero is refused, not exhausted. */
    public static byte[] readBytes(Path path) throws ScenarioException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw ScenarioException.unreadable(path.toString(), reason(e));
        }
        if (bytes.length > MAX_BYTES) {
            throw ScenarioException.unreadable(path.toString(),
                    "File too large (ksim reads at most " + (MAX_BYTES >> 20) + " MiB)");
        }
        return bytes;
    }

    /** Strict UTF-8 (no replacement characters); a leading byte-order mark is dropped, as compilers do. */
    static String decode(String file, byte[] bytes) throws ScenarioException {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < out.position(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ScenarioException(file, line, out.position() - lineStart + 1, "invalid UTF-8");
        }
        out.flip();
        if (out.hasRemaining() && out.charAt(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }

    /**
     * Why an I/O operation failed, in strerror(3)'s words ("No such file or directory"), not a
     * Java exception's class: the NIO exceptions that carry no reason are the errno they stand for.
     */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        String why = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (why == null) {
            return "Input/output error";
        }
        // ELOOP: the JDK appends its own guess to the kernel's words
        return why.replace(" or unable to access attributes of symbolic link", "");
    }
}
