package examples.chapters;

import static org.assertj.core.api.Assertions.assertThat;

import examples.harness.CheckedRun;
import examples.harness.Project;
import examples.harness.RecordedOutput;
import examples.harness.RecordedOutput.Span;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claims of docs/async-basics.md that a recorded output cannot state by itself: conditions
 * and relations between two values of one run. Everything else a section claims is a literal
 * line or a declared bound in its .out file, checked on every run; the thresholds below live
 * in the snippets' .claims files, which the page quotes.
 */
class TasksChapterTest {

    // --- waiting_tasks -----------------------------------------------------------------

    @Test
    void platformThreadsTakeSeveralTimesLongerThanVirtualThreadsToGetEveryTaskWaiting() {
        CheckedRun waiting = CheckedRun.of("waiting_tasks");
        double atLeast = waiting.threshold("platform_vs_virtual_waiting_min");
        assertThat((double) waiting.integer("platform_waiting_ms"))
                .as("creating 10,000 platform threads takes at least %sx as long as"
                        + " 10,000 virtual threads\n%s", atLeast,
                        waiting.evidence("virtual_waiting_ms", "platform_waiting_ms"))
                .isGreaterThanOrEqualTo(atLeast * waiting.integer("virtual_waiting_ms"));
    }

    // --- gather ------------------------------------------------------------------------

    @Test
    void everyWayToGatherRunsTheFiveTasksAtOnce() {
        // The shortest task waits 100 ms and all five start within milliseconds.
        CheckedRun gather = CheckedRun.of("gather");
        for (String way : List.of("invoke_all", "all_of", "scope")) {
            assertThat(RecordedOutput.mostAtOnce(gather.timeline(way))).as("%s: all five"
                    + " tasks wait at once\n%s", way, gather.timelineEvidence(way))
                    .isEqualTo(5);
        }
    }

    @Test
    void theCallerGetsTheFailureOnlyAfterSiblingAHasEnded() {
        // Each way closes its executor or scope before it returns, and close() waits for
        // every task: what differs is whether a is interrupted or left to finish its wait.
        CheckedRun gather = CheckedRun.of("gather");
        for (String way : List.of("invoke_all_fail", "all_of_fail", "scope_fail")) {
            List<Span> rows = gather.timeline(way);
            Span a = rows.getFirst(), caller = rows.getLast();
            assertThat(caller.endMs()).as("%s: the caller returns after a ended\n%s", way,
                    gather.timelineEvidence(way)).isGreaterThanOrEqualTo(a.endMs());
        }
    }

    // --- as_completed ------------------------------------------------------------------

    @Test
    void resultsArriveOneByOneAsTheirTasksFinishNotAllAtOnce() {
        CheckedRun asCompleted = CheckedRun.of("as_completed");
        double minGap = asCompleted.threshold("min_gap_ms");
        for (String way : new String[] {"service", "future"}) {
            long fast = asCompleted.integer(way + "_fast_ms");
            long medium = asCompleted.integer(way + "_medium_ms");
            long slow = asCompleted.integer(way + "_slow_ms");
            String evidence = asCompleted.evidence(way + "_fast_ms", way + "_medium_ms",
                    way + "_slow_ms");
            assertThat(medium - fast).as("%s: medium arrives at least %s ms after fast,"
                    + " as its task finishes later\n%s", way, minGap, evidence)
                    .isGreaterThanOrEqualTo((long) minGap);
            assertThat(slow - medium).as("%s: slow arrives at least %s ms after medium\n%s",
                    way, minGap, evidence).isGreaterThanOrEqualTo((long) minGap);
        }
    }

    @Test
    void eachResultArrivesOnlyAfterItsTaskHasEnded() {
        // Both times come from one clock and one origin, cut to whole ms alike.
        CheckedRun asCompleted = CheckedRun.of("as_completed");
        for (String way : List.of("service", "future")) {
            for (Span task : asCompleted.timeline(way)) {
                String arrived = way + "_" + task.label() + "_ms";
                assertThat(asCompleted.integer(arrived)).as("%s: %s's result arrives after"
                        + " its task ended\n%s%s", way, task.label(),
                        asCompleted.evidence(arrived), asCompleted.timelineEvidence(way))
                        .isGreaterThanOrEqualTo(task.endMs());
            }
        }
    }

    // --- forgotten_join ----------------------------------------------------------------

    @Test
    void aChildRunsOnlyItsModeAndStartsNoChildrenOfItsOwn() {
        // The mode switch is what keeps a child from starting children: run as the fixed
        // executor child, the file does that child's job, prints its two lines, and exits.
        SnippetRun run = SnippetRunner.run(Project.snippet("forgotten_join").file(),
                "leak-fixed");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(0);
        assertThat(run.stdout()).as("the child prints only its own lines\n%s",
                run.describe()).containsExactly("result: ready", "main returns");
    }

    // --- common_pool -------------------------------------------------------------------

    @Test
    void theCommonPoolHasOneThreadFewerThanTheCpusAndAtLeastOne() {
        CheckedRun commonPool = CheckedRun.of("common_pool");
        long cpus = commonPool.integer("cpus");
        assertThat(commonPool.integer("parallelism")).as("JDK 25's common pool: CPUs - 1"
                + " threads, at least 1\n%s", commonPool.evidence("cpus", "parallelism"))
                .isEqualTo(Math.max(1, cpus - 1));
    }

    @Test
    void theCommonPoolGetsFourBlockingTasksPerThread() {
        // The common pool's bound (at least 4 rounds of 200 ms) holds on any machine only
        // because the snippet scales the tasks to the pool it measured.
        CheckedRun commonPool = CheckedRun.of("common_pool");
        assertThat(commonPool.integer("tasks")).as("4 tasks per common-pool thread\n%s",
                commonPool.evidence("parallelism", "tasks"))
                .isEqualTo(4 * commonPool.integer("parallelism"));
    }
}
