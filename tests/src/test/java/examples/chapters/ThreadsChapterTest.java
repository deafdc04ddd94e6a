package examples.chapters;

import static org.assertj.core.api.Assertions.assertThat;

import examples.harness.Project;
import examples.harness.SnippetRun;
import examples.harness.SnippetRunner;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The claims of docs/threads.md, one test per sentence the page makes. */
class ThreadsChapterTest {

    // --- race --------------------------------------------------------------------------

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
            long exact = run.number("^" + fix + " +: exact in (?<n>\\d+) of " + trials
                    + " trials", "n");
            assertThat(exact).as("%s must be exact in all %d trials\n%s", fix, trials,
                    run.describe()).isEqualTo(trials);
        }
    }

    @Test
    void raceRejectsABadArgumentWithAUsageLineAndExitCode2() {
        SnippetRun run = SnippetRunner.run(Project.snippet("race").file(), Duration.ofSeconds(60),
                "--trials", "abc");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stdout()).as("nothing on stdout").isEmpty();
        assertThat(run.snippetStderr().strip()).startsWith("usage: race.java [--trials N]");
    }

    // --- locks -------------------------------------------------------------------------

    static SnippetRun locks() {
        return SnippetRunner.runOnce(Project.snippet("locks"));
    }

    @Test
    void everyFixIsExactInEveryTrialUnderFourThreads() {
        SnippetRun run = locks();
        long threads = run.number("each (?<n>\\d+) threads x", "n");
        long trials = run.number("trials: (?<n>\\d+)", "n");
        assertThat(threads).as("the fixes are compared under contention, with 4 threads\n%s",
                run.describe()).isEqualTo(4);
        for (String fix : new String[] {"synchronized", "ReentrantLock", "AtomicInteger",
                "LongAdder"}) {
            long exact = run.number("^" + fix + " +: exact in (?<n>\\d+) of " + trials
                    + " trials", "n");
            assertThat(exact).as("%s must be exact in all %d trials with %d threads\n%s", fix,
                    trials, threads, run.describe()).isEqualTo(trials);
        }
        // The times on these lines are printed, and declared in locks.out as 0..60,000 ms, but
        // not asserted: which fix is fastest depends on the CPU count, the JIT and the load.
    }

    @Test
    void tryLockGivesUpAfterItsTimeoutWhileAnotherThreadHoldsTheLock() {
        SnippetRun run = locks();
        Matcher line = run.line("^tryLock\\((?<timeout>\\d+) ms\\) while main holds it *:"
                + " (?<outcome>acquired|gave up) after (?<waited>\\d+) ms");
        long timeout = Long.parseLong(line.group("timeout"));
        long waited = Long.parseLong(line.group("waited"));
        assertThat(line.group("outcome")).as("tryLock must fail while another thread holds the"
                + " lock\n%s", run.describe()).isEqualTo("gave up");
        // tryLock(timeout) returns false only once the timeout has elapsed on System.nanoTime,
        // the clock the snippet measures with, so the wait is never shorter than the timeout.
        assertThat(waited).as("tryLock gives up only after its %d ms timeout\n%s", timeout,
                run.describe()).isGreaterThanOrEqualTo(timeout);
        // Bounded, not forever: it returns when the timeout expires (seen: 200-201 ms). 5 s
        // leaves room for a loaded CI box to run the waiting thread late.
        assertThat(waited).as("tryLock must give up soon after its %d ms timeout, not block\n%s",
                timeout, run.describe()).isLessThanOrEqualTo(5_000);
    }

    @Test
    void tryLockAcquiresTheLockOnceItIsReleased() {
        SnippetRun run = locks();
        Matcher line = run.line("^tryLock\\(\\d+ ms\\) after main released it *:"
                + " (?<outcome>acquired|gave up) after");
        assertThat(line.group("outcome")).as("a free lock must be acquired\n%s", run.describe())
                .isEqualTo("acquired");
    }

    // imports needed (besides those already in ThreadsChapterTest):
    //   import java.util.regex.Matcher;

    // --- visibility --------------------------------------------------------------------

    static SnippetRun visibility() {
        return SnippetRunner.runOnce(Project.snippet("visibility"));
    }

    @Test
    void volatileFlagAlwaysStopsTheWorkerWithinOneSecond() {
        SnippetRun run = visibility();
        Matcher line = run.line("^volatile flag: worker (?<outcome>stopped|still spinning)"
                + "( (?<ms>[\\d.]+) ms)?");
        // The memory model guarantees the volatile write is seen; the snippet prints "stopped"
        // only if join(1 s) saw the worker end. 1 s is thousands of times what we measured
        // (0.1-0.3 ms on 2 CPUs and on 1), so only a badly overloaded box could miss it.
        assertThat(line.group("outcome")).as("a worker spinning on a volatile flag must see the"
                + " write and stop within 1 s\n%s", run.describe()).isEqualTo("stopped");
        // The printed time adds main's own wake-up after join returns, hence 1.5 s, not 1 s.
        assertThat(Double.parseDouble(line.group("ms"))).as("the volatile worker stopped within"
                + " about 1 s of the write\n%s", run.describe()).isLessThanOrEqualTo(1_500);
    }

    @Test
    void plainFlagWorkerMayNeverStopButDoesNotKeepTheJvmAlive() {
        SnippetRun run = visibility();
        // Which outcome happened is reported, never asserted: the memory model allows the
        // worker to see the plain write (stopped) and to never see it (JIT hoisted the read).
        Matcher line = run.line("^plain flag   : worker (?<outcome>stopped within|still spinning)"
                + " 1 s (of|after) the write");
        // What must hold either way: the snippet ends on its own, because the plain worker is a
        // daemon thread. A non-daemon spinner would keep the JVM alive until the runner's 60 s
        // limit killed it (timedOut) with a thread dump.
        assertThat(run.timedOut()).as("the snippet must end by itself although the plain-flag"
                + " worker was %s\n%s", line.group("outcome"), run.describe()).isFalse();
        assertThat(run.exitCode()).as("the snippet must exit normally\n%s", run.describe())
                .isZero();
    }

    // --- no_gil ------------------------------------------------------------------------

    static SnippetRun noGil() {
        return SnippetRunner.runOnce(Project.snippet("no_gil"));
    }

    /** Speedup of {@code way} over "1 thread", from the best of no_gil's 5 rounds. */
    static double noGilSpeedup(String way) {
        SnippetRun run = noGil();
        return (double) run.number("^1 thread *: (?<n>[\\d,]+) ms", "n")
                / run.number("^" + way + " *: (?<n>[\\d,]+) ms", "n");
    }

    @Test
    void threadPerCpuIsAtLeast1_3xFasterThanOneThreadOnTwoOrMoreCpus() {
        SnippetRun run = noGil();
        long cpus = run.number("^CPUs: (?<n>\\d+)", "n");
        double speedup = noGilSpeedup("thread per CPU");
        if (cpus >= 2) {
            // No GIL: the threads count primes on every CPU at once. Ideal: min(CPUs, 20
            // chunks)x; 1.86-1.95x seen on 2 CPUs, 1.45x with a busy loop running beside it.
            // A GIL (or the global lock below) gives ~1.0x, so 1.3x tells the two apart.
            assertThat(speedup).as("on %d CPUs one platform thread per CPU must be at least"
                    + " 1.3x faster than 1 thread on CPU work\n%s", cpus, run.describe())
                    .isGreaterThanOrEqualTo(1.3);
        } else {
            // One CPU runs one thread at a time: threads cannot beat one thread doing the same
            // work (1.00-1.01x seen). 1.2x leaves room for timing noise, and would still fail
            // if the timing were wrong enough to show a speedup that one CPU cannot give.
            assertThat(speedup).as("on 1 CPU threads cannot be faster than one thread\n%s",
                    run.describe()).isLessThanOrEqualTo(1.2);
        }
    }

    @Test
    void noGilSaysWhetherThisMachineCanGiveASpeedup() {
        SnippetRun run = noGil();
        long cpus = run.number("^CPUs: (?<n>\\d+)", "n");
        String expected = cpus >= 2 ? "(no GIL: the threads can run on several CPUs at once)"
                : "(1 CPU: no speedup is possible)";
        assertThat(run.line("^thread per CPU *:.*$").group()).as("on %d CPU(s) the"
                + " thread-per-CPU line must end %s\n%s", cpus, expected, run.describe())
                .endsWith(expected);
    }

    @Test
    void oneGlobalLockTakesTheSpeedupAway() {
        // Every chunk holds the one lock, so one chunk runs at a time whatever the CPU count:
        // as serial as 1 thread, plus hand-offs (0.97-1.02x seen, 2 CPUs and 1). 1.2x allows
        // for the baseline's best being disturbed more than the lock's.
        assertThat(noGilSpeedup("one global lock")).as("threads that share one global lock"
                + " (like Python's GIL) must get no real speedup: at most 1.2x\n%s",
                noGil().describe()).isLessThanOrEqualTo(1.2);
    }

    @Test
    void virtualThreadsAreNoFasterThanOnePlatformThreadPerCpuForCpuWork() {
        double virtual = noGilSpeedup("virtual threads");
        double platform = noGilSpeedup("thread per CPU");
        // Virtual threads run on a scheduler with one carrier thread per CPU: the same CPUs
        // doing the same work, so the ideal ratio is 1.0 (0.96-1.05 seen). 1.25 allows for
        // noise between two best times; we never claim virtual threads are slower.
        assertThat(virtual).as("virtual threads (%.2fx) must not beat one platform thread"
                + " per CPU (%.2fx) by more than 25%% on CPU work\n%s", virtual, platform,
                noGil().describe()).isLessThanOrEqualTo(platform * 1.25);
    }

    @Test
    void everyWayFindsTheSame148933Primes() {
        SnippetRun run = noGil();
        // The snippet throws if any way's count differs from the others (exit code 1), and
        // printing the count keeps the JIT from removing the work as dead code.
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.number("(?<n>[\\d,]+) primes found", "n"))
                .as("there are 148,933 primes below 2,000,000\n%s", run.describe())
                .isEqualTo(148_933L);
    }

    // --- io_bound ----------------------------------------------------------------------

    static SnippetRun ioBound() {
        return SnippetRunner.runOnce(Project.snippet("io_bound"));
    }

    @Test
    void sequentialBlockingTasksTakeTheSumOfTheirWaits() {
        SnippetRun run = ioBound();
        long sum = run.number("the waits add up to (?<n>[\\d,]+) ms", "n");
        long sequential = run.number("^sequential *: (?<n>[\\d,]+) ms", "n");
        // Thread.sleep never returns early, so the sum is a hard lower bound (1,451-1,466 ms
        // seen for 1,450). Up to 5 s allows for wake-up delays on a loaded machine.
        assertThat(sequential).as("one task after another takes the sum of the waits\n%s",
                run.describe()).isBetween(sum, 5_000L);
    }

    @Test
    void withAThreadPerTaskBlockingTasksTakeTheLongestWaitNotTheSum() {
        SnippetRun run = ioBound();
        long sum = run.number("the waits add up to (?<n>[\\d,]+) ms", "n");
        long longest = run.number("the longest is (?<n>\\d+) ms", "n");
        for (String way : new String[] {"fixed pool of \\d+", "virtual threads"}) {
            long elapsed = run.number("^" + way + " *: (?<n>[\\d,]+) ms", "n");
            // The longest task is a hard lower bound: the batch ends when it ends. Ideal: 190 ms
            // plus starting the threads (195-210 ms seen on 2 CPUs, up to 285 ms on 1 CPU).
            // Half the sum (725 ms) is far above that and far below one-after-another.
            assertThat(elapsed).as("/%s/: the waits overlap, so the batch takes at least the"
                    + " longest wait (%d ms) and less than half their sum (%d ms)\n%s", way,
                    longest, sum, run.describe()).isGreaterThanOrEqualTo(longest)
                    .isLessThan(sum / 2);
        }
    }

    @Test
    void tenThousandVirtualThreadsSleepingOneSecondFinishInAboutOneSecond() {
        SnippetRun run = ioBound();
        long elapsed = run.number("^10,000 tasks x 1 s on virtual threads: (?<n>[\\d,]+) ms", "n");
        // 10,000 sleeps of 1 s: ideal 1 s (the hard lower bound), 1.09-1.21 s seen on 2 CPUs
        // and 1; allow 5 s for starting 10,000 threads on a loaded CI box. One after another
        // they would take 10,000 s.
        assertThat(elapsed).as("10,000 virtual threads that each sleep 1 s all finish in"
                + " about one sleep\n%s", run.describe()).isBetween(1_000L, 4_999L);
    }

    // --- events ------------------------------------------------------------------------

    static SnippetRun events() {
        return SnippetRunner.runOnce(Project.snippet("events"));
    }

    @Test
    void oneSetReleasesEveryBlockedWaiterOfEachEvent() {
        SnippetRun run = events();
        // Each round starts 5 waiters, waits (bounded) until all 5 are parked in their timed
        // wait, calls set once, and counts the waiters whose wait returned true. Exact, on any
        // number of CPUs: no waiter can miss a set() that it was already waiting for.
        for (String round : new String[] {"CountDownLatch\\(1\\) : ", "CompletableFuture : ",
                "ResettableEvent   : ", "ResettableEvent   : reused, "}) {
            var line = run.line("^" + round + "(?<blocked>\\d+) waiters blocked, one \\S+"
                    + " released (?<released>\\d+) of (?<waiters>\\d+)$");
            long waiters = Long.parseLong(line.group("waiters"));
            assertThat(waiters).as("the demo uses several waiters\n%s", run.describe())
                    .isEqualTo(5);
            assertThat(Long.parseLong(line.group("blocked")))
                    .as("%s all %d waiters were blocked before set\n%s", round, waiters,
                            run.describe()).isEqualTo(waiters);
            assertThat(Long.parseLong(line.group("released")))
                    .as("%s one set releases every waiter, exactly %d\n%s", round, waiters,
                            run.describe()).isEqualTo(waiters);
        }
    }

    @Test
    void latchAndFutureStaySetSoANewWaiterPassesAtOnce() {
        SnippetRun run = events();
        // await(0)/get(0) do not wait at all: they report the state at that moment, so
        // "true"/"-> null" is the one-shot event still set, not a timing accident.
        run.line("^CountDownLatch\\(1\\) : stays set, a new waiter passes at once:"
                + " await\\(0\\) -> true; there is no reset\\(\\)$");
        run.line("^CompletableFuture : stays set, a new waiter passes at once: get\\(0\\) -> null;"
                + " complete\\(null\\) again -> false$");
    }

    @Test
    void futureCarriesAValueOrAFailureToItsWaiters() {
        SnippetRun run = events();
        run.line("^CompletableFuture : can carry a value, get\\(\\) -> v2$");
        run.line("^CompletableFuture : or a failure, get\\(\\) throws ExecutionException"
                + " \\(IllegalStateException: no config\\)$");
    }

    @Test
    void resettableEventBlocksNewWaitersAfterClearUntilTheirTimeout() {
        SnippetRun run = events();
        var line = run.line("^ResettableEvent   : after clear\\(\\) a new waiter blocks again:"
                + " await\\(200 ms\\) -> (?<passed>\\w+) after (?<ms>\\d+) ms$");
        assertThat(line.group("passed")).as("after clear() the wait must time out\n%s",
                run.describe()).isEqualTo("false");
        // awaitNanos reports a timeout only once System.nanoTime() has moved past the deadline,
        // and the snippet measures around the call with nanoTime, so 200 is a hard lower bound.
        // No upper bound here: a loaded machine may be late to wake the waiter (events.out
        // allows up to 10 s, the longest wait in the snippet).
        assertThat(Long.parseLong(line.group("ms"))).as("the waiter really blocked for the whole"
                + " 200 ms timeout\n%s", run.describe()).isGreaterThanOrEqualTo(200);
    }

    // --- daemon ------------------------------------------------------------------------

    static SnippetRun daemon() {
        return SnippetRunner.runOnce(Project.snippet("daemon"));
    }

    /** What the child JVM of one kind printed, joined by " | " (the snippet's own line). */
    static String childPrinted(SnippetRun run, String kind) {
        return run.line("^" + kind + " +: child printed: (?<printed>.*)$").group("printed");
    }

    /** How many ms after its worker started the child JVM ran its shutdown hook. */
    static long exitMillis(SnippetRun run, String printed) {
        var exit = java.util.regex.Pattern.compile("JVM exits (\\d+) ms after the worker started")
                .matcher(printed);
        assertThat(exit.find()).as("the child reported its exit: %s\n%s", printed,
                run.describe()).isTrue();
        return Long.parseLong(exit.group(1));
    }

    @Test
    void theJvmWaitsForANonDaemonThreadAndItsFinallyRuns() {
        SnippetRun run = daemon();
        String printed = childPrinted(run, "non-daemon");
        // The order is the proof: the worker's lines come before the JVM's exit.
        assertThat(printed).as("the non-daemon worker finished, ran its finally, then the JVM"
                + " exited normally\n%s", run.describe()).matches(
                "worker finished \\| worker finally \\| JVM exits \\d+ ms after the worker"
                + " started \\| exit code 0");
        // Thread.sleep(500) on HotSpot sleeps until System.nanoTime() has moved 500 ms, and the
        // hook runs after the worker ended, so the child cannot report less than 500 ms.
        assertThat(exitMillis(run, printed)).as("the JVM exited only after the worker's 500 ms"
                + " of work\n%s", run.describe()).isGreaterThanOrEqualTo(500);
        run.line("^non-daemon : the JVM waited for the worker: yes, its finally ran: yes$");
    }

    @Test
    void theJvmDoesNotWaitForADaemonThreadAndItsFinallyDoesNotRun() {
        SnippetRun run = daemon();
        String printed = childPrinted(run, "daemon");
        assertThat(printed).as("the daemon worker neither finished nor ran its finally, and the"
                + " JVM exited normally\n%s", run.describe())
                .matches("JVM exits \\d+ ms after the worker started \\| exit code 0");
        // The worker was inside its try block before main returned, and works 500 ms: an exit
        // reported later than that would mean the JVM did wait (typically 2-10 ms here).
        assertThat(exitMillis(run, printed)).as("the JVM exited before the daemon worker's"
                + " 500 ms were up\n%s", run.describe()).isLessThan(500);
        run.line("^daemon     : the JVM waited for the worker: no, its finally ran: no$");
    }

    @Test
    void aVirtualThreadIsAlwaysDaemonAndRefusesSetDaemonFalse() {
        SnippetRun run = daemon();
        String printed = childPrinted(run, "virtual");
        assertThat(printed).as("a virtual thread is a daemon, setDaemon(false) throws, and the"
                + " JVM does not wait for it\n%s", run.describe()).matches(
                "isDaemon\\(\\) true \\| setDaemon\\(false\\) -> IllegalArgumentException \\|"
                + " JVM exits \\d+ ms after the worker started \\| exit code 0");
        assertThat(exitMillis(run, printed)).as("the JVM exited before the virtual worker's"
                + " 500 ms were up\n%s", run.describe()).isLessThan(500);
        run.line("^virtual    : the JVM waited for the worker: no, its finally ran: no$");
    }

    @Test
    void aChildRunsOnlyItsModeAndStartsNoChildrenOfItsOwn() {
        // The argument switch is the fork-bomb guard: run as a child, the file must do the
        // child's job and nothing else (no "child printed" lines from children of its own).
        SnippetRun run = SnippetRunner.run(Project.snippet("daemon").file(),
                Duration.ofSeconds(60), "child-daemon");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(0);
        assertThat(run.stdout()).as("the child prints only its exit line\n%s", run.describe())
                .singleElement().asString().matches("JVM exits \\d+ ms after the worker started");
    }

    // --- deadlock ----------------------------------------------------------------------

    static SnippetRun deadlock() {
        return SnippetRunner.runOnce(Project.snippet("deadlock"));
    }

    @Test
    void oppositeLockOrderIsDetectedAsADeadlockOfExactlyTwoThreads() {
        SnippetRun run = deadlock();
        // The barrier makes the cycle certain. If ThreadMXBean finds none within the snippet's
        // 5 s polling limit, it prints "no deadlock found" and this line is missing.
        long threads = run.number("^opposite order  : deadlocked, found in \\d+ ms"
                + " \\((?<n>\\d+) threads\\)", "n");
        assertThat(threads).as("ThreadMXBean must report exactly the 2 threads of the cycle\n%s",
                run.describe()).isEqualTo(2);
        // Each thread waits for the lock the other one holds: that is the cycle.
        assertThat(run.stdout()).as("each thread waits for the other's lock\n%s", run.describe())
                .contains("  A-to-B waits for lock B, held by B-to-A",
                          "  B-to-A waits for lock A, held by A-to-B");
    }

    @Test
    void globalLockOrderAlwaysFinishes() {
        SnippetRun run = deadlock();
        long millis = run.number("^same order      : both finished in (?<n>\\d+) ms", "n");
        // 2 x 100,000 rounds took 11-60 ms on 2 CPUs and on 1 (a loaded box); 5 s allows a
        // CI box 80x slower and still means "finished", not "stuck".
        assertThat(millis).as("both threads taking A before B finish within 5 s\n%s",
                run.describe()).isBetween(0L, 5_000L);
    }

    @Test
    void tryLockWithBackoffRecoversFromTheSameCollision() {
        SnippetRun run = deadlock();
        var line = run.line("^tryLock\\+backoff : both finished in (?<ms>\\d+) ms"
                + " \\(retries: (?<retries>\\d+);");
        long millis = Long.parseLong(line.group("ms"));
        long retries = Long.parseLong(line.group("retries"));
        // The barrier forces the same collision as the deadlock on the first attempt, so one
        // thread's tryLock(50 ms) must time out: at least 1 retry and at least 50 ms. Each
        // thread makes at most 20 attempts (19 retries) before it gives up with an exception.
        assertThat(retries).as("the forced collision costs at least one retry, and both"
                + " threads finish within their 20 attempts\n%s", run.describe())
                .isBetween(1L, 38L);
        // 57-76 ms seen on 2 CPUs and on 1 (a 50 ms timeout plus JIT warm-up); 5 s allows a
        // CI box 60x slower and still means "finished", not "stuck".
        assertThat(millis).as("at least one 50 ms tryLock timeout, and finished within 5 s\n%s",
                run.describe()).isBetween(50L, 5_000L);
    }

    @Test
    void deadlockSnippetExitsZeroWithoutWaitingForItsDeadlockedThreads() {
        SnippetRun run = deadlock();
        // The deadlocked threads are daemon threads, so the JVM exits at the end of main.
        // Waiting for them would hang until the 60 s limit; 30 s covers JBang's start and a
        // cold compile (3-5 s) on a loaded CI box on top of the snippet's < 1 s.
        assertThat(run.timedOut()).as("the snippet must not hang\n%s", run.describe()).isFalse();
        assertThat(run.exitCode()).as("exit code 0\n%s", run.describe()).isZero();
        assertThat(run.seconds()).as("the JVM exits within 30 s\n%s", run.describe())
                .isLessThan(30.0);
    }

    // imports needed (besides those already in ThreadsChapterTest):
    //   import java.util.regex.Matcher;
}
