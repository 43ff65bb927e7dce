package ksim.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ksim.scenario.Ast;
import ksim.scenario.Parser;
import ksim.scenario.Recorder;

/**
 * A check of the recorder itself, with its golden inline: a scenario, the trace, stderr and
 * exit status the real kernel gives for it.
 */
record RecorderCheck(String name, String source, String trace, String errors, int exitCode, Duration timeout)
        implements Check {
    /** The recorder's own checks. */
    static List<Check> all(Duration timeout) {
        return List.of(new RecorderCheck("recorder: a failed expect names its line",
                "main {\n    expect getpid() = main\n    expect wait() = 0\n}\n",
                "[main] getpid() = main\n[main] wait() = -1 ECHILD\n",
                "recorder-expect.ksim:3:5: expect failed: wait() = -1 ECHILD, expected 0\n", 1, timeout));
    }

    @Override
    public Path scenario() {
        return Path.of("recorder-expect.ksim");
    }

    @Override
    public String kind() {
        return "recorder";
    }

    @Override
    public boolean measured() {
        return false;
    }

    @Override
    public String skip() {
        return null;
    }

    @Override
    public Attempt attempt() throws Exception {
        Ast.Scenario sc = Parser.parse(scenario().toString(), source);
        Recorder.Recording r;
        try {
            r = Recorder.record(sc, timeout);
        } catch (Recorder.Unavailable | Recorder.Failure e) {
            return Attempt.broken(e.getMessage());
        }
        List<String> diff = new ArrayList<>();
        expect(diff, "trace", trace, r.trace());
        expect(diff, "stderr", errors, r.errors());
        expect(diff, "exit status", Integer.toString(exitCode), Integer.toString(r.exitCode()));
        String seen = r.trace() + "\0" + r.errors() + "\0" + r.exitCode();
        return new Attempt(diff, seen, Object::equals);
    }

    private static void expect(List<String> diff, String what, String want, String got) {
        if (!want.equals(got)) {
            diff.add(what + ": expected '" + want.strip() + "', got '" + got.strip() + "'");
        }
    }
}
