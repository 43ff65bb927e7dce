package ksim.tools;

import java.util.ArrayList;
import java.util.List;
import ksim.kernel.proc.ProcView;

/**
 * library/devname.c dev_to_tty() with ABBREV_DEV: tty_nr from /proc/PID/stat to the name ps
 * prints ("pts/0", "tty1", "ttyS0", "console", or "?" for none). procps confirms a candidate
 * path by stat()ing it under /dev; a tool that reads only /proc cannot, so the device files
 * are taken to be the standard Linux ones ({@link #standardDev}), which is what /dev holds on
 * a machine with devtmpfs and devpts.
 */
final class TtyName {
    private record Driver(String name, boolean devfsType, int major, long minorFirst, long minorLast) {}

    private final ProcView view;
    private List<Driver> drivers;

    TtyName(ProcView view) {
        this.view = view;
    }

    /** major()/minor() of a dev_t as glibc decodes the kernel's new_encode_dev() number. */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }

    /** dev_to_tty(ret, 64, dev, pid, ABBREV_DEV). */
    String name(int ttyNr, int pid) {
        long dev = ttyNr & 0xffffffffL;
        if (dev == 0) {
            return "?";
        }
        int maj = major(dev);
        int min = minor(dev);
        String path = driverName(maj, min);
        if (path == null) {
            path = linkName(maj, min, pid, "fd/2");
        }
        if (path == null) {
            path = guessName(maj, min);
        }
        if (path == null) {
            path = linkName(maj, min, pid, "fd/255");
        }
        if (path == null) {
            return "?";
        }
        String tmp = path;
        if (tmp.startsWith("/dev/") && tmp.length() > 5) {
            tmp = tmp.substring(5);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tmp.length() && i < 64; i++) {
            char c = tmp.charAt(i);
            if (c <= ' ' || c > 126) {
                c = '?';
            }
            b.append(c);
        }
        return b.toString();
    }

    /** load_drivers(): the " /dev/" column of /proc/tty/drivers; later lines are searched first. */
    private List<Driver> drivers() {
        if (drivers != null) {
            return drivers;
        }
        drivers = new ArrayList<>();
        String text = view.read("/proc/tty/drivers");
        if (text == null) {
            return drivers;
        }
        if (text.length() > 9999) {
            text = text.substring(0, 9999);
        }
        int p = 0;
        while ((p = text.indexOf(" /dev/", p)) >= 0) {
            p += 6;
            int end = text.indexOf(' ', p);
            if (end < 0) {
                continue;
            }
            String name = text.substring(p, end);
            boolean devfs = false;
            if (name.length() >= 3 && name.endsWith("%d")) {
                name = name.substring(0, name.length() - 2);
                devfs = true;
            }
            if (name.length() > 15) {
                name = name.substring(0, 15);
            }
            p = end;
            while (p < text.length() && text.charAt(p) == ' ') {
                p++;
            }
            int maj = (int) digits(text, p);
            while (p < text.length() && Character.isDigit(text.charAt(p))) {
                p++;
            }
            while (p < text.length() && text.charAt(p) == ' ') {
                p++;
            }
            // sscanf(p, "%u-%u", &first, &last): one number or a range, else the line is dropped
            int q = p;
            if (q >= text.length() || !Character.isDigit(text.charAt(q))) {
                continue;
            }
            long first = digits(text, q);
            while (q < text.length() && Character.isDigit(text.charAt(q))) {
                q++;
            }
            long last = first;
            if (q + 1 < text.length() && text.charAt(q) == '-' && Character.isDigit(text.charAt(q + 1))) {
                last = digits(text, q + 1);
            }
            drivers.add(0, new Driver(name, devfs, maj, first, last));
        }
        return drivers;
    }

    private static long digits(String s, int at) {
        long v = 0;
        while (at < s.length() && Character.isDigit(s.charAt(at))) {
            v = v * 10 + (s.charAt(at) - '0');
            at++;
        }
        return v;
    }

    /** driver_name(): "/dev/NAME%d", "/dev/NAME/%d", then "/dev/NAME" (not for devfs names). */
    private String driverName(int maj, int min) {
        for (Driver d : drivers()) {
            if (d.major == maj && d.minorFirst <= min && d.minorLast >= min) {
                String[] tries = d.devfsType
                        ? new String[] {"/dev/" + d.name + min, "/dev/" + d.name + "/" + min}
                        : new String[] {"/dev/" + d.name + min, "/dev/" + d.name + "/" + min, "/dev/" + d.name};
                for (String t : tries) {
                    long[] rdev = standardDev(t);
                    if (rdev != null) {
                        return rdev[0] == maj && rdev[1] == min ? t : null;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** link_name(): where /proc/PID/fd/N points, if that is the device. */
    private String linkName(int maj, int min, int pid, String fd) {
        String target = view.readlink("/proc/" + pid + "/" + fd);
        if (target == null || target.isEmpty() || target.length() >= 63) {
            return null;
        }
        long[] rdev = standardDev(target);
        return rdev != null && rdev[0] == maj && rdev[1] == min ? target : null;
    }

    /** guess_name(): the traditional names of the major numbers. */
    private static String guessName(int maj, int min) {
        String p = switch (maj) {
            case 3 -> min > 255 ? null
                    : "/dev/tty" + "pqrstuvwxyzabcde".charAt(min >> 4) + "0123456789abcdef".charAt(min & 0x0f);
            case 4 -> min < 64 ? "/dev/tty" + min : "/dev/ttyS" + (min - 64);
            case 11 -> "/dev/ttyB" + min;
            case 17 -> "/dev/ttyH" + min;
            case 19 -> "/dev/ttyC" + min;
            case 22, 23 -> "/dev/ttyD" + min;
            case 24 -> "/dev/ttyE" + min;
            case 32 -> "/dev/ttyX" + min;
            case 43 -> "/dev/ttyI" + min;
            case 46 -> "/dev/ttyR" + min;
            case 48 -> "/dev/ttyL" + min;
            case 57 -> "/dev/ttyP" + min;
            case 71 -> "/dev/ttyF" + min;
            case 75 -> "/dev/ttyW" + min;
            case 78, 112 -> "/dev/ttyM" + min;
            case 105 -> "/dev/ttyV" + min;
            case 136, 137, 138, 139, 140, 141, 142, 143 -> "/dev/pts/" + (min + (maj - 136) * 256);
            case 148 -> "/dev/ttyT" + min;
            case 154 -> "/dev/ttySR" + min;
            case 156 -> "/dev/ttySR" + (min + 256);
            case 164 -> "/dev/ttyCH" + min;
            case 166 -> "/dev/ttyACM" + min;
            case 172 -> "/dev/ttyMX" + min;
            case 174 -> "/dev/ttySI" + min;
            case 188 -> "/dev/ttyUSB" + min;
            case 208 -> "/dev/ttyU" + min;
            case 216 -> "/dev/ttyUB" + min;
            case 224 -> "/dev/ttyY" + min;
            case 227 -> "/dev/3270/tty" + min;
            case 229 -> "/dev/iseries/vtty" + min;
            default -> null;
        };
        if (p == null) {
            return null;
        }
        long[] rdev = standardDev(p);
        return rdev != null && rdev[0] == maj && rdev[1] == min ? p : null;
    }

    /**
     * The device number of a terminal file under a standard Linux /dev, or null when no such
     * file is there: /dev/tty (5,0), /dev/console (5,1), /dev/ptmx (5,2), /dev/ttyN for N in
     * 0..63 (4,N), /dev/ttySN (4,64+N), /dev/pts/N (136+N/256, N%256), /dev/ttyUSBN (188,N),
     * /dev/ttyACMN (166,N).
     */
    static long[] standardDev(String path) {
        switch (path) {
            case "/dev/tty":
                return new long[] {5, 0};
            case "/dev/console":
                return new long[] {5, 1};
            case "/dev/ptmx":
                return new long[] {5, 2};
            default:
                break;
        }
        Long n;
        if ((n = number(path, "/dev/pts/")) != null) {
            return new long[] {136 + n / 256, n % 256};
        }
        if ((n = number(path, "/dev/ttyS")) != null) {
            return new long[] {4, 64 + n};
        }
        if ((n = number(path, "/dev/ttyUSB")) != null) {
            return new long[] {188, n};
        }
        if ((n = number(path, "/dev/ttyACM")) != null) {
            return new long[] {166, n};
        }
        if ((n = number(path, "/dev/tty")) != null && n < 64) {
            return new long[] {4, n};
        }
        return null;
    }

    private static Long number(String path, String prefix) {
        if (!path.startsWith(prefix) || path.length() == prefix.length()) {
            return null;
        }
        String rest = path.substring(prefix.length());
        if (rest.length() > 9 || (rest.length() > 1 && rest.charAt(0) == '0')) {
            return null;
        }
        for (int i = 0; i < rest.length(); i++) {
            if (!Character.isDigit(rest.charAt(i))) {
                return null;
            }
        }
        return Long.parseLong(rest);
    }
}
