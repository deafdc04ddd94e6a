package examples.harness;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What one run of a snippet did: its output, exit code, time, and, if it hung, thread dumps. */
public record SnippetRun(String command, int exitCode, List<String> stdout, String stderr,
                         Duration elapsed, Duration limit, String threadDumps) {

    public boolean timedOut() {
        return threadDumps != null;
    }

    public double seconds() {
        return elapsed.toMillis() / 1000.0;
    }

    /** What the snippet itself wrote to stderr: without the launcher's "[jbang] ..." lines. */
    public String snippetStderr() {
        return stderr.lines().filter(line -> !line.startsWith("[jbang] "))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Everything a reader of a failure needs: command, exit code, time, stdout, stderr. */
    public String describe() {
        var text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "$ %s%n(exit code %d after %.1f s)%n",
                command, exitCode, seconds()));
        text.append("--- stdout ---\n");
        stdout.forEach(line -> text.append(line).append('\n'));
        if (!stderr.isBlank()) text.append("--- stderr ---\n").append(stderr.strip()).append('\n');
        return text.toString();
    }
}
