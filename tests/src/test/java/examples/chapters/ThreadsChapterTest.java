package examples.chapters;

import static org.assertj.core.api.Assertions.assertThat;

import examples.harness.Project;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The claims of docs/threads.md, one test per sentence the page makes. */
class ThreadsChapterTest {

    static SnippetRun race() {
        return SnippetRunner.runOnce(Project.snippet("race"));
    }

    @Test
    void unsafeCounterLosesUpdatesOnTwoOrMoreCores() {
        SnippetRun run = race();
        long cpus = run.number("^CPUs: (?<n>\\d+)", "n");
        long trials = run.number("trials: (?<n>\\d+)", "n");
        long lost = run.number("^unsafe counter : lost updates in (?<n>\\d+) of", "n");

        assertThat(lost).as("lost-update trials are between 0 and the number of trials\n%s",
                run.describe()).isBetween(0L, trials);
        if (cpus >= 2) {
            // Four threads start counting at the same instant (a spin handshake), 500,000
            // volatile ++ each: 6-18 of 20 trials lost updates even with both cores loaded by
            // other processes (load average 6.7). At least 1 of 20 is a safe bound for the claim.
            assertThat(lost).as("on %d CPUs counter++ must lose updates in at least one of %d"
                    + " trials\n%s", cpus, trials, run.describe()).isGreaterThanOrEqualTo(1);
        }
        // race.out bounds the lowest total by 2..2,000,000: a thread that writes back a stale
        // value erases every increment the others made meanwhile, so one thread's share is no
        // lower bound (with 2 threads, 998,119 of 2,000,000 was seen), and in theory even 2 is.
        // On 1 CPU the threads take turns in time slices, so the race is rarely hit: the page
        // says so, and the count may be 0. The fixes below are asserted on every machine.
    }

    @Test
    void everyFixedCounterIsExactInEveryTrial() {
        SnippetRun run = race();
        long trials = run.number("trials: (?<n>\\d+)", "n");
        for (String fix : new String[] {"synchronized", "AtomicInteger", "LongAdder"}) {
            long exact = run.number("^" + fix + " +: exact in (?<n>\\d+) of " + trials + " trials", "n");
            assertThat(exact).as("%s must be exact in all %d trials\n%s", fix, trials, run.describe())
                    .isEqualTo(trials);
        }
    }

    @Test
    void raceRejectsABadArgumentWithAUsageLineAndExitCode2() {
        SnippetRun run = SnippetRunner.run(Project.snippet("race").file(), Duration.ofSeconds(60),
                "--trials", "abc");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stdout()).as("nothing on stdout").isEmpty();
        assertThat(run.stderr().strip()).startsWith("usage: race.java [--trials N]");
    }
}
