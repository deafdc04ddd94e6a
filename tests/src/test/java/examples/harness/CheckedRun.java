package examples.harness;

import examples.harness.RecordedOutput.Span;
import examples.harness.RecordedOutput.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A snippet's shared run (one per test JVM) that matched its recorded output, with the values
 * of its declared varying parts by name and its declared thresholds. What a claim test reads:
 *
 * <pre>
 *   CheckedRun noGil = CheckedRun.of("no_gil");
 *   if (noGil.integer("cpus") == 1) assertThat(noGil.number("threads_speedup"))
 *           .as(noGil.evidence("threads_speedup"))
 *           .isLessThanOrEqualTo(noGil.threshold("one_cpu_speedup_max"));
 * </pre>
 *
 * If the run does not match its recorded output, {@link #of} fails with the same diff as the
 * output test, so a claim is never judged on output the page does not show.
 */
public final class CheckedRun {
    private final Snippet snippet;
    private final SnippetRun run;
    private final RecordedOutput recorded;
    private final Map<String, Value> values;
    private final ClaimsFile claims;

    private CheckedRun(Snippet snippet, SnippetRun run, RecordedOutput recorded,
                       ClaimsFile claims) {
        this.snippet = snippet;
        this.run = run;
        this.recorded = recorded;
        this.values = recorded.values(run.stdout());
        this.claims = claims;
    }

    public static CheckedRun of(String name) {
        Snippet snippet = Project.snippet(name);
        SnippetRun run = SnippetRunner.runOnce(snippet);
        OutputCheck.assertMatchesRecorded(run, snippet.recordedOutput(),
                "./verify --record " + snippet.name());
        try {
            var recorded = RecordedOutput.parse(Files.readString(snippet.recordedOutput()));
            return new CheckedRun(snippet, run, recorded,
                    ClaimsFile.beside(snippet.recordedOutput()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Value value(String name) {
        Value value = values.get(name);
        if (value == null) throw new IllegalArgumentException(snippet.recordedOutput()
                .getFileName() + " declares no '" + name + "'; it declares " + values.keySet());
        return value;
    }

    /** An {@code int} value of this run. */
    public long integer(String name) {
        return value(name).asLong();
    }

    /** An {@code int} or {@code num} value of this run. */
    public double number(String name) {
        return value(name).asDouble();
    }

    /** Any value of this run as printed (a {@code word} or a {@code one of} outcome). */
    public String text(String name) {
        return value(name).text();
    }

    /** The rows this run printed under a declared timeline, in order. */
    public List<Span> timeline(String name) {
        return List.copyOf(recorded.rows(name, run.stdout()).values());
    }

    /** The evidence for an assertion about a timeline: its rows as this run printed them. */
    public String timelineEvidence(String name) {
        return recorded.rows(name, run.stdout()).keySet().stream()
                .map(n -> String.format("%s line %d: %s", snippet.recordedOutput()
                        .getFileName(), n, run.stdout().get(n - 1)))
                .collect(Collectors.joining("\n", "evidence:\n", "\n"))
                + "(whole run below)\n" + run.describe();
    }

    /** A threshold from the snippet's .claims file. */
    public double threshold(String name) {
        return claims.number(name);
    }

    /** The evidence for an assertion message: the output lines that hold these values. */
    public String evidence(String... names) {
        return Arrays.stream(names).map(this::value).map(Value::lineNumber).distinct().sorted()
                .map(n -> String.format("%s line %d: %s", snippet.recordedOutput()
                        .getFileName(), n, run.stdout().get(n - 1)))
                .collect(Collectors.joining("\n", "evidence:\n", "\n"))
                + "(whole run below)\n" + run.describe();
    }

    public SnippetRun run() {
        return run;
    }
}
