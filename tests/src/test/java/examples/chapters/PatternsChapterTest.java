package examples.chapters;

import static org.assertj.core.api.Assertions.assertThat;

import examples.harness.CheckedRun;
import examples.harness.Project;
import examples.harness.RecordedOutput;
import examples.harness.RunningSnippet;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The claims of docs/async-patterns.md that a recorded output cannot state by itself:
 * relations between two values, conditions, and behaviour under a signal. Everything else a
 * section claims is a literal line or a declared bound in its .out file, checked on every run.
 */
class PatternsChapterTest {

    // --- timeouts ----------------------------------------------------------------------

    @Test
    void theScopeReturnsOnlyAfterItsInterruptedSubtaskHasEnded() {
        // The subtask's time is measured inside the caller's: it starts after the caller
        // opened the scope, and close() waits for it, so it cannot be the longer of the two.
        CheckedRun timeouts = CheckedRun.of("timeouts");
        assertThat(timeouts.integer("scope_work_ms")).as("a StructuredTaskScope's close()"
                + " waits for its interrupted subtask, so the caller returns after the work"
                + " ended\n%s", timeouts.evidence("scope_caller_ms", "scope_work_ms"))
                .isLessThanOrEqualTo(timeouts.integer("scope_caller_ms"));
    }

    // --- bounded -----------------------------------------------------------------------

    @Test
    void theLimitedTimelinesNeverHaveMoreThanThreeCallsInFlight() {
        // Each call's end is noted before its permit (or pool thread) is free again, and the
        // times are cut to whole ms the same way, so a call let in after another ended never
        // seems to overlap it: the picture may show exactly what the limit allows, no more.
        CheckedRun bounded = CheckedRun.of("bounded");
        for (String way : List.of("semaphore", "pool")) {
            assertThat(RecordedOutput.mostAtOnce(bounded.timeline(way))).as("the %s"
                    + " timeline: at most 3 calls in flight at any moment\n%s", way,
                    bounded.timelineEvidence(way)).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void withoutALimitTheTimelineShowsMoreThanThreeCallsInFlight() {
        CheckedRun bounded = CheckedRun.of("bounded");
        assertThat(RecordedOutput.mostAtOnce(bounded.timeline("unlimited"))).as("no limit:"
                + " the service ran more calls at once than it can take\n%s",
                bounded.timelineEvidence("unlimited")).isGreaterThan(3);
    }

    // --- graceful_shutdown -------------------------------------------------------------

    static final Pattern ACCOUNT = Pattern.compile(
            "^processed (\\d+), handed back (\\d+), lost (-?\\d+)$");

    @Test
    void theShutdownHookEndsOnlyAfterTheIntakeAndEveryWorkerHaveEnded() {
        // The hook interrupts the intake and joins it, then waits for the workers (and
        // interrupts them at the deadline); one clock, one origin, whole ms cut alike.
        CheckedRun shutdown = CheckedRun.of("graceful_shutdown");
        List<RecordedOutput.Span> rows = shutdown.timeline("service");
        RecordedOutput.Span hook = rows.getLast();
        for (RecordedOutput.Span thread : rows.subList(0, rows.size() - 1)) {
            assertThat(thread.endMs()).as("%s ended before the hook did\n%s", thread.label(),
                    shutdown.timelineEvidence("service")).isLessThanOrEqualTo(hook.endMs());
        }
    }

    /**
     * A real SIGTERM to the service's own JVM (./jbang execs it: same pid), sent once it
     * says it is ready. Run a few times by every ./verify; the acceptance loop runs it 20
     * times. 143 is 128 + 15, the shell's code for "ended by signal 15" after the hooks ran.
     */
    @RepeatedTest(3)
    void onSigtermTheServiceAccountsForEveryItemExitsWith143AndLeavesNothingRunning()
            throws InterruptedException {
        SnippetRun run;
        long pid;
        try (RunningSnippet service = SnippetRunner.start(
                Project.snippet("graceful_shutdown").file(), "serve")) {
            pid = service.pid();
            service.awaitLine("^ready", Duration.ofSeconds(60));
            service.terminate();
            run = service.finish(Duration.ofSeconds(30));
        }
        assertThat(run.exitCode()).as("SIGTERM: the hooks run, then the JVM exits with"
                + " 128 + 15\n%s", run.describe()).isEqualTo(143);
        List<Matcher> accounts = run.stdout().stream().map(ACCOUNT::matcher)
                .filter(Matcher::matches).toList();
        assertThat(accounts).as("the shutdown hook prints its account once\n%s",
                run.describe()).hasSize(1);
        Matcher account = accounts.getFirst();
        assertThat(account.group(3)).as("every item was processed or handed back\n%s",
                run.describe()).isEqualTo("0");
        assertThat(Long.parseLong(account.group(2))).as("the queue was full at the signal,"
                + " more than the workers can finish before the deadline: some items go"
                + " back\n%s", run.describe()).isPositive();
        RunningSnippet.assertNoneAlive(List.of(pid), Duration.ofSeconds(5),
                "the service's JVM after SIGTERM");
    }

    // --- pinning -----------------------------------------------------------------------

    @Test
    void jdk25IgnoresTracePinnedThreadsWhileJfrSeesThePinning() {
        // pinning.java runs with -Djdk.tracePinnedThreads=full. JDK 21-23 printed a stack
        // trace per pinning; its recorded output (stdout) has none, and neither may stderr.
        CheckedRun pinning = CheckedRun.of("pinning");
        assertThat(pinning.run().snippetStderr()).as("no pinned-thread trace on stderr\n%s",
                pinning.run().describe()).isBlank();
    }
}
