package ksim.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where ps and pstree get user names (getpwuid() in procps's library/pwcache.c): a uid with
 * no entry, or with a name of 33 bytes or more, prints as its number.
 */
@FunctionalInterface
public interface UserNames {
    /** The user's name, or null when there is no entry for the uid. */
    String lookup(int uid);

    /** pwcache_get_user(): the name, or the uid in decimal. */
    default String name(int uid) {
        String n = lookup(uid);
        if (n == null || n.length() >= 33) {
            return Integer.toUnsignedString(uid);
        }
        return n;
    }

    /** The simulated system's: only root has a name. */
    static UserNames rootOnly() {
        return uid -> uid == 0 ? "root" : null;
    }

    /** A passwd(5) file (the host's /etc/passwd): the first entry with the uid wins, as getpwuid() does. */
    static UserNames passwd(Path file) {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                String[] f = line.split(":", -1);
                if (f.length < 3 || line.startsWith("+") || line.startsWith("-")) {
                    continue;
                }
                try {
                    names.putIfAbsent((int) Long.parseLong(f[2]), f[0]);
                } catch (NumberFormatException e) {
                    // not a uid: getpwuid() would not match this line either
                }
            }
        } catch (IOException e) {
            // no passwd file: every uid prints as a number
        }
        return names::get;
    }
}
