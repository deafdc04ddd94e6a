package examples.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself, end to end through ./jbang with fixture scripts: a hang fails within its
 * limit with a thread dump, a non-zero exit fails, and a changed recorded line fails with a diff.
 */
class HarnessTest {
    static final Path FIXTURES = Project.root().resolve("tests/src/test/resources/fixtures");

    @Test
    void aSnippetThatHangsIsKilledAtItsLimitAndTheFailureShowsWhereItWasStuck() {
        Path script = FIXTURES.resolve("sleeps_forever.java");
        // Build first, so the limit times the snippet itself and the dump shows its threads.
        SnippetRun build = SnippetRunner.jbang(Duration.ofSeconds(120),
                List.of("build", Project.root().relativize(script).toString()));
        OutputCheck.assertFinishedCleanly(build);
        Duration limit = Duration.ofSeconds(3);
        SnippetRun run = SnippetRunner.run(script, limit);

        assertThat(run.timedOut()).as("the run is reported as timed out").isTrue();
        // Dump and kill take a few seconds on top of the limit; never anything like a hang.
        assertThat(run.elapsed()).isLessThan(limit.plusSeconds(30));
        assertThatThrownBy(() -> OutputCheck.assertFinishedCleanly(run))
                .hasMessageContaining("still running after its limit of 3 s")
                .hasMessageContaining("Where its main thread was stuck:\n\"main\"")
                .hasMessageContaining("Thread.sleep")
                .hasMessageContaining("waitForever")          // the frame where it was stuck
                .hasMessageContaining("about to hang");        // and the output so far
    }

    @Test
    void aSnippetsLaterRunsStartTheJavaCommandJbangChoseWithoutJbangAndBehaveTheSame() {
        Path script = Project.snippet("eager_start").file();
        SnippetRun first = SnippetRunner.run(script, "--help");        // JBang, unless it ran
        SnippetRun later = SnippetRunner.run(script, "--no-such-option");

        assertThat(later.command()).as("how the later run started")
                .isEqualTo("./jbang snippets/eager_start.java --no-such-option"
                        + "   (the java command JBang chose)");
        assertThat(later.exitCode()).as(later.describe()).isEqualTo(2);
        assertThat(later.stderr().strip()).as("its usage line, and nothing from JBang")
                .isEqualTo(first.stdout().getFirst());
    }

    @Test
    void aSnippetThatExitsNonZeroFailsWithItsExitCodeAndStderr() {
        SnippetRun run = SnippetRunner.run(FIXTURES.resolve("exits_one.java"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThatThrownBy(() -> OutputCheck.assertFinishedCleanly(run))
                .hasMessageContaining("exited with code 1, expected 0")
                .hasMessageContaining("something went wrong");
    }

    @Test
    void aChangedRecordedLineFailsWithAReadableDiffButADeclaredVaryingPartMayDiffer(
            @TempDir Path tmp) throws IOException {
        SnippetRun run = greets();
        Path recorded = FIXTURES.resolve("greets.out");
        // The recorded CPU count is a declared varying part, so any machine matches it.
        OutputCheck.assertMatchesRecorded(run, recorded, "record greets");

        Path edited = tmp.resolve("greets.out");
        Files.writeString(edited, Files.readString(recorded).replace("goodbye", "good bye"));
        assertThatThrownBy(() -> OutputCheck.assertMatchesRecorded(run, edited, "record greets"))
                .hasMessageContaining("1 line(s) differ")
                .hasMessageContaining("line 3: text differs")
                .hasMessageContaining("recorded: good bye")
                .hasMessageContaining("fresh   : goodbye")
                .hasMessageContaining("If the fresh output is right, record it: record greets");
    }

    @Test
    void aReRecordThatChangesALiteralLineIsRefusedWithTheDiffUnlessAccepted(@TempDir Path tmp)
            throws IOException {
        SnippetRun run = greets();
        Path recorded = tmp.resolve("greets.out");
        String claimed = Files.readString(FIXTURES.resolve("greets.out")).replace("goodbye",
                "good bye").replace("cpus=2|", "cpus=3|");
        Files.writeString(recorded, claimed);

        assertThatThrownBy(() -> OutputCheck.record(run, recorded, false))
                .hasMessageContaining("greets.out: not recorded")
                .hasMessageContaining("+ line 3 (new): goodbye")
                .hasMessageContaining("- line 3 (gone): good bye")
                .hasMessageContaining("./verify --record --accept greets");
        assertThat(Files.readString(recorded)).as("a refused re-record writes nothing")
                .isEqualTo(claimed);

        List<String> notes = OutputCheck.record(run, recorded, true);
        assertThat(notes).contains("accepted + line 3 (new): goodbye");
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(Files.readString(recorded)).as("accepted: the fresh text, declarations kept")
                .isEqualTo("hello from a snippet\nCPUs: {{cpus=" + cpus
                        + "|int 1..4096}}\ngoodbye\n");
    }

    @Test
    void aReRecordThatOnlyMovesDeclaredValuesNeedsNoAcceptance(@TempDir Path tmp)
            throws IOException {
        Path recorded = tmp.resolve("greets.out");
        Files.writeString(recorded, Files.readString(FIXTURES.resolve("greets.out"))
                .replace("cpus=2|", "cpus=4000|"));
        assertThat(OutputCheck.record(greets(), recorded, false)).isEmpty();
        assertThat(Files.readString(recorded)).contains("CPUs: {{cpus="
                + Runtime.getRuntime().availableProcessors() + "|int 1..4096}}");
    }

    @Test
    void aRunningSnippetIsSignalledAfterTheLineItWaitsForAndItsHooksRun()
            throws InterruptedException {
        try (RunningSnippet running = SnippetRunner.start(FIXTURES.resolve("waits_for_term.java"))) {
            assertThat(running.awaitLine("^ready$", Duration.ofSeconds(60))).isEqualTo("ready");
            running.terminate();
            SnippetRun run = running.finish(Duration.ofSeconds(30));
            assertThat(run.exitCode()).as("SIGTERM: 128 + 15\n%s", run.describe()).isEqualTo(143);
            assertThat(run.stdout()).as(run.describe()).containsExactly("ready", "hook ran");
            RunningSnippet.assertNoneAlive(List.of(running.pid()), Duration.ofSeconds(5), "it");
        }
        try (RunningSnippet running = SnippetRunner.start(FIXTURES.resolve("waits_for_term.java"))) {
            running.awaitLine("^ready$", Duration.ofSeconds(60));
            running.kill();
            SnippetRun run = running.finish(Duration.ofSeconds(30));
            assertThat(run.exitCode()).as("SIGKILL: 128 + 9\n%s", run.describe()).isEqualTo(137);
            assertThat(run.stdout()).as("no hook runs on SIGKILL").containsExactly("ready");
            assertThatThrownBy(() -> running.awaitLine("never", Duration.ofSeconds(1)))
                    .hasMessageContaining("no line matching /never/")
                    .hasMessageContaining("its output ended");
        }
    }

    private static SnippetRun greets() {
        return SnippetRunner.runOnce(new Snippet("fixture greets", FIXTURES.resolve("greets.java")));
    }
}
