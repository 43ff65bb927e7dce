package ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a file ksim was given: bounded, strict UTF-8, and each failure one line worded as strerror words it. */
class InputFileTest {
    private static String error(Path p) {
        return assertThrows(ScenarioException.class, () -> InputFile.read(p)).getMessage();
    }

    @Test
    void aFileOverTheLimitIsRefusedWithoutReadingItAll(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.ksim");
        Files.write(f, new byte[InputFile.MAX_BYTES]);
        assertEquals(InputFile.MAX_BYTES, InputFile.read(f).length());
        Files.write(f, new byte[] {'\n'}, java.nio.file.StandardOpenOption.APPEND);
        assertEquals("cannot read " + f + ": File too large (ksim reads at most 16 MiB)", error(f));
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        assertEquals("cannot read /dev/zero: File too large (ksim reads at most 16 MiB)", error(zero));
    }

    @Test
    void missingAndUnreadableFilesSayWhyAsLinuxToolsDo(@TempDir Path dir) throws Exception {
        assertEquals("cannot read " + dir.resolve("none") + ": No such file or directory", error(dir.resolve("none")));
        assertEquals("cannot read " + dir + ": Is a directory", error(dir));
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        assertEquals("cannot read " + plain + "/x: Not a directory", error(plain.resolve("x")));
        Path loop = dir.resolve("loop");
        Files.createSymbolicLink(loop, loop);
        assertEquals("cannot read " + loop + ": Too many levels of symbolic links", error(loop));
        // as root nothing is unreadable: the exceptions Java raises for EACCES and ENOENT carry no words
        assertEquals("Permission denied", InputFile.reason(new AccessDeniedException("f")));
        assertEquals("No such file or directory", InputFile.reason(new NoSuchFileException("f")));
        assertEquals("No space left on device", InputFile.reason(new FileSystemException("f", null, "No space left on device")));
        assertEquals("Input/output error", InputFile.reason(new IOException()));
    }

    @Test
    void invalidUtf8IsAnErrorAtItsLineAndColumn() {
        byte[] latin1 = "main {\n  getpid() # café\n}\n".getBytes(StandardCharsets.ISO_8859_1);
        ScenarioException e = assertThrows(ScenarioException.class, () -> InputFile.decode("t.ksim", latin1));
        assertEquals("t.ksim:2:17: invalid UTF-8", e.getMessage());
        byte[] cut = {'m', 'a', 'i', 'n', ' ', (byte) 0xe2, (byte) 0x98};
        e = assertThrows(ScenarioException.class, () -> InputFile.decode("t.ksim", cut));
        assertEquals("t.ksim:1:6: invalid UTF-8", e.getMessage());
        byte[] overlong = {'\n', '\n', (byte) 0xc0, (byte) 0xaf};
        e = assertThrows(ScenarioException.class, () -> InputFile.decode("t.ksim", overlong));
        assertEquals("t.ksim:3:1: invalid UTF-8", e.getMessage());
    }

    @Test
    void aByteOrderMarkIsDropped() throws Exception {
        byte[] bom = "\uFEFFmain {\n}\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("main {\n}\n", InputFile.decode("t.ksim", bom));
        assertEquals("é☃", InputFile.decode("t.ksim", "é☃".getBytes(StandardCharsets.UTF_8)));
    }
}
