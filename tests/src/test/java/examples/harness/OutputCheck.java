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
                    + " line(s) differ from a fresh run (only declared {{name=value|type}} parts may"
                    + " vary):\n"
                    + String.join("\n", differences)
                    + "\nIf the fresh output is right, record it: " + recordCommand
                    + "\n" + run.describe());
        }
    }

    /**
     * Rewrites the recorded output from the run and returns notes for the person recording.
     * A re-record may move declared values freely, but a change to what the file claims (a
     * literal line changed, added or gone, or a declaration dropped with its line) is refused
     * with the diff unless {@code accept} is set: a claim is never weakened in passing.
     */
    public static List<String> record(SnippetRun run, Path recorded, boolean accept) {
        assertFinishedCleanly(run);
        var notes = new ArrayList<String>();
        try {
            if (!Files.isRegularFile(recorded)) {
                Files.writeString(recorded, String.join("\n", run.stdout()) + "\n");
                notes.add("new file: declare each part that varies between runs where it"
                        + " stands, {{name=value|type bounds}}");
                return notes;
            }
            RecordedOutput.Rerecording rerecording;
            try {
                rerecording = RecordedOutput.parse(Files.readString(recorded))
                        .rerecord(run.stdout());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new AssertionError(recorded.getFileName() + " " + e.getMessage()
                        + "\n" + run.describe(), e);
            }
            if (!rerecording.changes().isEmpty() && !accept) {
                throw new AssertionError(recorded.getFileName() + ": not recorded. The fresh"
                        + " run changes what the file claims, not only declared values:\n"
                        + String.join("\n", rerecording.changes())
                        + "\nIf that is intended, record with --accept and declare the parts"
                        + " of new lines that vary: ./verify --record --accept "
                        + recorded.getFileName().toString().replaceFirst("\\.out$", "")
                        + "\n" + run.describe());
            }
            Files.writeString(recorded, rerecording.text());
            rerecording.changes().forEach(change -> notes.add("accepted " + change));
            if (!rerecording.changes().isEmpty()) notes.add("new lines are literal text:"
                    + " declare the parts that vary, {{name=value|type bounds}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return notes;
    }
}
