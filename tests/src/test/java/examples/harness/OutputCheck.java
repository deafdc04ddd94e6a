package examples.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verdict on one run: it finished within its limit, exited 0, and printed what its recorded
 * output says (see {@link RecordedOutput}). Each failure message teaches what to do next.
 */
public final class OutputCheck {
    private OutputCheck() {}

    /** Fails if the run hung or exited non-zero; the message carries the output and dumps. */
    public static void assertFinishedCleanly(SnippetRun run) {
        if (run.timedOut()) {
            throw new AssertionError("still running after its limit of " + run.limit().toSeconds()
                    + " s, so it was killed. Where its main thread was stuck:\n"
                    + mainThreadOf(run.threadDumps()) + "\n" + run.describe()
                    + "--- thread dumps ---\n" + run.threadDumps());
        }
        if (run.exitCode() != 0) {
            throw new AssertionError("exited with code " + run.exitCode() + ", expected 0\n"
                    + run.describe());
        }
    }

    /** The "main" thread's entry of a jcmd Thread.print dump (up to the blank line after it). */
    static String mainThreadOf(String threadDumps) {
        Matcher main = Pattern.compile("(?m)^\"main\".*?(?:\\R\\R|\\z)", Pattern.DOTALL)
                .matcher(threadDumps);
        return main.find() ? main.group().strip() + "\n" : "(no thread named main in the dumps)\n";
    }

    /** Fails with a line-by-line diff if the run's stdout does not match the recorded output. */
    public static void assertMatchesRecorded(SnippetRun run, Path recorded, String recordCommand) {
        assertFinishedCleanly(run);
        if (!Files.isRegularFile(recorded)) {
            throw new AssertionError("no recorded output " + recorded.getFileName()
                    + "; create it from a real run: " + recordCommand);
        }
        List<String> differences;
        try {
            differences = RecordedOutput.parse(Files.readString(recorded)).differences(run.stdout());
        } catch (IllegalArgumentException e) {
            throw new AssertionError(recorded.getFileName() + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!differences.isEmpty()) {
            throw new AssertionError(recorded.getFileName() + ": " + differences.size()
                    + " line(s) differ from a fresh run (only {{value|type}} parts may vary):\n"
                    + String.join("\n", differences)
                    + "\nIf the fresh output is right, record it: " + recordCommand
                    + "\n" + run.describe());
        }
    }

    /** Rewrites the recorded output from the run; returns notes on lines that need a look. */
    public static List<String> record(SnippetRun run, Path recorded) {
        assertFinishedCleanly(run);
        var notes = new ArrayList<String>();
        try {
            RecordedOutput previous = RecordedOutput.parse(
                    Files.isRegularFile(recorded) ? Files.readString(recorded) : "");
            if (!Files.isRegularFile(recorded)) {
                notes.add("new file: mark the parts that vary between runs as {{value|type}}");
            }
            Files.writeString(recorded, previous.rerecord(run.stdout(), notes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return notes;
    }
}
