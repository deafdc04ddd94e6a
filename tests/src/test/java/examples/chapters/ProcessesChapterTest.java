package examples.chapters;

import static org.assertj.core.api.Assertions.assertThat;

import examples.harness.CheckedRun;
import examples.harness.Project;
import examples.harness.RunningSnippet;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The claims of docs/processes.md that a recorded output cannot state by itself: conditions
 * (on 1 CPU), relations between values (this pid answered, that pid started this one), what a
 * snippet does when it is started as its own worker, and that no worker outlives its run,
 * checked by pid, so a worker re-parented to init after its parent died still counts.
 * Everything else is a literal line or a declared bound in the .out files.
 */
class ProcessesChapterTest {
    /** A worker notices that its parent is gone and exits; then init reaps it (~1-2 s). */
    static final Duration WORKERS_GONE_WITHIN = Duration.ofSeconds(10);

    // --- cpu_workers -------------------------------------------------------------------

    @Test
    void workerJvmsAreNoFasterThanAThreadPerCpu() {
        CheckedRun run = CheckedRun.of("cpu_workers");
        assertThat((double) run.integer("workers_ms")).as("a worker JVM per CPU adds no CPUs"
                + " to a thread per CPU, only start-ups: no faster\n%s",
                run.evidence("threads_ms", "workers_ms"))
                .isGreaterThanOrEqualTo(run.integer("threads_ms")
                        * run.threshold("workers_vs_threads_min"));
    }

    @Test
    void onOneCpuNeitherThreadsNorWorkerJvmsSpeedItUp() {
        CheckedRun run = CheckedRun.of("cpu_workers");
        assertThat(run.text("verdict")).as("the verdict matches the CPU count\n%s",
                run.evidence("cpus", "verdict"))
                .startsWith(run.integer("cpus") == 1 ? "1 CPU" : "worker JVMs");
        if (run.integer("cpus") > 1) return;   // on 2+ CPUs: threads.md#no_gil has the claim
        for (String speedup : List.of("threads_speedup", "workers_speedup")) {
            assertThat(run.number(speedup)).as("one CPU runs one part at a time\n%s",
                    run.evidence("cpus", speedup))
                    .isLessThanOrEqualTo(run.threshold("one_cpu_speedup_max"));
        }
    }

    // --- worker ------------------------------------------------------------------------

    @Test
    void theWorkerIsAnotherProcessAndAnswersItself() throws InterruptedException {
        CheckedRun run = CheckedRun.of("worker");
        String evidence = run.evidence("parent_pid", "worker_pid", "answered_pid");
        assertThat(run.integer("answered_pid")).as("the reply comes from the worker\n%s",
                evidence).isEqualTo(run.integer("worker_pid"));
        assertThat(run.integer("worker_pid")).as("the worker is another process\n%s",
                evidence).isNotEqualTo(run.integer("parent_pid"));
        RunningSnippet.assertNoneAlive(List.of(run.integer("worker_pid"),
                run.integer("crashed_pid")), WORKERS_GONE_WITHIN, "worker.java's workers");
    }

    @Test
    void startedAsAWorkerItServesUntilItsInputEndsAndStartsNothing() {
        // The harness gives it no input: a worker sees EOF at once, replies nothing, starts
        // no worker of its own (that would print "parent pid"), and exits with 0.
        SnippetRun run = SnippetRunner.run(Project.snippet("worker").file(), "--worker");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as("a worker without requests prints nothing\n%s",
                run.describe()).isEmpty();
    }

    // --- runaway -----------------------------------------------------------------------

    @Test
    void eachCopyWasStartedByTheCopyBeforeItAndNoneIsLeft() throws InterruptedException {
        CheckedRun run = CheckedRun.of("runaway");
        List<Long> pids = IntStream.rangeClosed(0, 4).mapToObj(d -> run.integer("pid" + d))
                .toList();
        for (int depth = 1; depth <= 4; depth++) {
            assertThat(run.integer("parent" + depth)).as("copy %d was started by copy %d\n%s",
                    depth, depth - 1, run.evidence("pid" + (depth - 1), "parent" + depth))
                    .isEqualTo(pids.get(depth - 1));
        }
        RunningSnippet.assertNoneAlive(pids, WORKERS_GONE_WITHIN, "runaway.java's copies");
    }

    // --- orphans -----------------------------------------------------------------------

    @Test
    void noWorkerOfTheSignalledParentsIsLeft() throws InterruptedException {
        CheckedRun run = CheckedRun.of("orphans");
        RunningSnippet.assertNoneAlive(List.of(run.integer("term_worker1"),
                run.integer("term_worker2"), run.integer("kill_worker1"),
                run.integer("kill_worker2")), WORKERS_GONE_WITHIN, "orphans.java's workers");
    }

    @Test
    void sigtermToAParentWithWorkersLeavesNoWorker() throws InterruptedException {
        signalAParentWithWorkers(RunningSnippet::terminate, 143);
    }

    @Test
    void sigkillToAParentWithWorkersLeavesNoWorker() throws InterruptedException {
        signalAParentWithWorkers(RunningSnippet::kill, 137);
    }

    /** Runs orphans.java as a parent, signals it once its workers run, checks their pids. */
    private static void signalAParentWithWorkers(Consumer<RunningSnippet>
            signal, int exitCode) throws InterruptedException {
        try (RunningSnippet parent = SnippetRunner.start(Project.snippet("orphans").file(),
                "--parent")) {
            String announced = parent.awaitLine("^workers: \\[\\d+, \\d+\\]$",
                    SnippetRunner.DEFAULT_LIMIT);
            List<Long> workers = Arrays.stream(announced.replaceAll("[^0-9 ]", "")
                    .strip().split(" +")).map(Long::valueOf).toList();
            try {
                signal.accept(parent);
                SnippetRun run = parent.finish(SnippetRunner.DEFAULT_LIMIT);
                assertThat(run.exitCode()).as("the signal ended the parent\n%s",
                        run.describe()).isEqualTo(exitCode);
                RunningSnippet.assertNoneAlive(workers, WORKERS_GONE_WITHIN, "workers of a"
                        + " parent that exited with " + exitCode + " (" + announced + ")");
            } finally {   // an orphan is no descendant any more: end it by pid
                workers.forEach(pid -> ProcessHandle.of(pid).filter(h -> h.info()
                        .commandLine().orElse("").contains("orphans --worker"))
                        .ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }

    // --- shared_memory -----------------------------------------------------------------

    @Test
    void readThenWriteLosesUpdatesAcrossProcessesOnTwoOrMoreCpus()
            throws InterruptedException {
        CheckedRun run = CheckedRun.of("shared_memory");
        RunningSnippet.assertNoneAlive(List.of(run.integer("child1"), run.integer("child2")),
                WORKERS_GONE_WITHIN, "shared_memory.java's children");
        if (run.integer("cpus") < 2) return;   // one CPU: the page claims nothing there
        assertThat(run.integer("lost")).as("on 2+ CPUs two JVMs that read, then write one"
                + " mapped counter lose updates in at least %s of the trials\n%s",
                run.threshold("lost_trials_min"), run.evidence("cpus", "lost"))
                .isGreaterThanOrEqualTo((long) run.threshold("lost_trials_min"));
    }
}
