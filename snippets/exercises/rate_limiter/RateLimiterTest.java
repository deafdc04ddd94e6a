///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DEPS org.junit.jupiter:junit-jupiter:5.14.4
//DEPS org.junit.platform:junit-platform-launcher:1.14.4
//SOURCES RateLimiter.java ../Exercise.java
//DESCRIPTION Exercise 2 (★★): checks your RateLimiter.java, one behaviour at a time
//DOCS ../../../docs/exercises/rate_limiter.md

import module java.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The behaviours of RateLimiter.runAll, in the order to make them work. Each test forces
 * the situation it checks with latches (never with sleeps or speedups), so it gives the
 * same verdict on one CPU or many, idle or loaded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimiterTest {
    /** How long a task waits for what a working runAll makes happen at once. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    /**
     * How long the test gives a broken limiter to start one task too many. A working one
     * never does, so this only costs time; a task starts within milliseconds.
     */
    static final Duration WINDOW = Duration.ofSeconds(1);

    public static void main(String[] args) {
        Exercise.check(RateLimiterTest.class, args);
    }

    @Test
    @Order(1)
    @DisplayName("runs every task exactly once")
    @Exercise.Hint("Submit each task to Executors.newVirtualThreadPerTaskExecutor(),"
            + " created in try-with-resources.")
    void runsEveryTaskOnce() throws Exception {
        int n = 100;
        var runs = new AtomicIntegerArray(n);
        RateLimiter.Report report = RateLimiter.runAll(IntStream.range(0, n)
                .mapToObj(i -> (Runnable) () -> runs.incrementAndGet(i)).toList(), 4);
        List<Integer> wrong = IntStream.range(0, n).filter(i -> runs.get(i) != 1).boxed()
                .toList();
        assertTrue(wrong.isEmpty(), "these tasks did not run exactly once: " + wrong);
        assertEquals(0, report.failed(), "no task threw, so the report's failed count");
    }

    @Test
    @Order(2)
    @DisplayName("runs each task on a virtual thread")
    @Exercise.Hint("Executors.newVirtualThreadPerTaskExecutor() starts a virtual thread"
            + " per task; a fixed pool's threads are platform threads.")
    void runsEachTaskOnAVirtualThread() throws Exception {
        Set<Thread> platform = ConcurrentHashMap.newKeySet();
        RateLimiter.runAll(tasks(20, () -> {
            if (!Thread.currentThread().isVirtual()) platform.add(Thread.currentThread());
        }), 4);
        assertTrue(platform.isEmpty(), "tasks ran on platform threads: " + platform);
    }

    @Test
    @Order(3)
    @DisplayName("returns only when every task has ended")
    @Exercise.Hint("Close the executor before you return (try-with-resources does it):"
            + " close() waits for every task it was given.")
    void returnsOnlyWhenEveryTaskHasEnded() throws Exception {
        int n = 10;
        Thread caller = Thread.currentThread();
        var ended = new AtomicInteger();
        // Forced: a task ends only once the caller is blocked, waiting inside runAll.
        RateLimiter.runAll(tasks(n, () -> {
            awaitBlocked(caller);
            ended.incrementAndGet();
        }), 3);
        assertEquals(n, ended.get(), "runAll returned while tasks were still running");
    }

    @Test
    @Order(4)
    @DisplayName("runs `limit` tasks at the same time")
    @Exercise.Hint("A Semaphore with `limit` permits: acquire() before the task runs,"
            + " release() after. Not a single lock, nor a Semaphore(1).")
    void runsLimitTasksAtTheSameTime() throws Exception {
        int limit = 3;
        var allThree = new CountDownLatch(limit);   // opens when 3 tasks are running
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        var gaveUp = new AtomicBoolean();
        RateLimiter.runAll(tasks(9, () -> {
            allThree.countDown();
            if (!await(allThree, deadline)) gaveUp.set(true);
        }), limit);
        assertFalse(gaveUp.get(), "3 tasks never ran at the same time with limit = 3:"
                + " they waited " + PATIENCE.toSeconds() + " s for each other");
    }

    @Test
    @Order(5)
    @DisplayName("never runs more than `limit` tasks at once")
    @Exercise.Hint("Every task must get a permit before it runs: acquire() blocks when"
            + " all `limit` are taken; tryAcquire() does not, so check what it returns.")
    void neverRunsMoreThanLimitAtOnce() throws Exception {
        int limit = 3;
        var running = new AtomicInteger();
        var mostRunning = new AtomicInteger();
        var threeStarted = new CountDownLatch(limit);
        var fourthStarted = new CountDownLatch(limit + 1);
        var release = new CountDownLatch(1);
        Thread run = Thread.ofVirtual().start(() -> call(() -> RateLimiter.runAll(
                tasks(12, () -> {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    threeStarted.countDown();
                    fourthStarted.countDown();
                    await(release, System.nanoTime() + PATIENCE.toNanos());
                    running.decrementAndGet();
                }), limit)));
        assertTrue(await(threeStarted, System.nanoTime() + PATIENCE.toNanos()),
                "3 tasks did not start within " + PATIENCE.toSeconds() + " s");
        // The 3 hold their permits until released: a 4th task must not start meanwhile.
        boolean fourth = await(fourthStarted, System.nanoTime() + WINDOW.toNanos());
        release.countDown();
        run.join(PATIENCE);
        assertFalse(fourth, "a 4th task started while 3 were running, with limit = 3");
        assertEquals(limit, mostRunning.get(), "most tasks running at once, limit = 3");
    }

    @Test
    @Order(6)
    @DisplayName("reports the most tasks that really ran at once")
    @Exercise.Hint("Count the tasks in flight with an AtomicInteger (up after acquire(),"
            + " down before release()); keep the top: accumulateAndGet(n, Math::max).")
    void reportsTheMostThatRanAtOnce() throws Exception {
        int limit = 3;
        var allThree = new CountDownLatch(limit);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        RateLimiter.Report full = RateLimiter.runAll(tasks(9, () -> {
            allThree.countDown();
            await(allThree, deadline);
        }), limit);
        assertEquals(3, full.peakInFlight(), "9 tasks, limit = 3, 3 of them ran at once:"
                + " the peak in the report");

        var both = new CountDownLatch(2);   // two tasks that run at the same time
        long deadline2 = System.nanoTime() + PATIENCE.toNanos();
        RateLimiter.Report two = RateLimiter.runAll(tasks(2, () -> {
            both.countDown();
            await(both, deadline2);
        }), 5);
        assertEquals(2, two.peakInFlight(), "2 tasks with limit = 5 ran at once: the peak"
                + " is what really ran, not the limit");
    }

    @Test
    @Order(7)
    @DisplayName("a task that throws frees its slot, and is counted")
    @Exercise.Hint("release() in a finally block, so a task that throws gives its permit"
            + " back; catch its exception in the task and count it.")
    void aFailingTaskFreesItsSlot() throws Exception {
        var ran = new AtomicInteger();
        Runnable fails = () -> {
            throw new IllegalStateException("a task failed (on purpose)");
        };
        Runnable works = ran::incrementAndGet;
        var report = new AtomicReference<RateLimiter.Report>();
        Thread run = Thread.ofVirtual().start(() -> call(() -> report.set(
                RateLimiter.runAll(List.of(fails, works, fails, works, works), 1))));
        assertTrue(run.join(PATIENCE), "with limit = 1, runAll did not return within "
                + PATIENCE.toSeconds() + " s after a task threw: " + ran.get()
                + " of the 3 tasks that work ran");
        assertEquals(3, ran.get(), "the tasks that do not throw must all run");
        assertEquals(2, report.get().failed(), "2 tasks threw: the report's failed"
                + " count");
    }

    // --- helpers ---------------------------------------------------------------------

    static List<Runnable> tasks(int n, Runnable task) {
        return Collections.nCopies(n, task);
    }

    /** Waits for the latch until the deadline (System.nanoTime()); true if it opened. */
    static boolean await(CountDownLatch latch, long deadline) {
        try {
            return latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits, at most PATIENCE, until the thread is blocked (waiting, not running). */
    static void awaitBlocked(Thread thread) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.TERMINATED) {
                return;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** Runs it on the thread the test started, where an exception would be lost. */
    static void call(Call call) {
        try {
            call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
