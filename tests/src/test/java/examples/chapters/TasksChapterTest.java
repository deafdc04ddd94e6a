package examples.chapters;

import static org.assertj.core.api.Assertions.assertThat;

import examples.harness.CheckedRun;
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
}
