///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DEPS org.junit.jupiter:junit-jupiter:5.14.4
//DEPS org.junit.platform:junit-platform-launcher:1.14.4
//SOURCES ParallelMap.java ../Exercise.java
//DESCRIPTION Exercise 1 (★): checks your ParallelMap.java, one behaviour at a time
//DOCS ../../../docs/exercises/parallel_map.md

import module java.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The behaviours of ParallelMap.parallelMap, in the order to make them work. Each test
 * forces the situation it checks with latches and barriers (never with sleeps or
 * speedups), so it gives the same verdict on one CPU or many, idle or loaded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParallelMapTest {
    /** How long a call waits for what a working parallelMap makes happen at once. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    public static void main(String[] args) {
        Exercise.check(ParallelMapTest.class, args);
    }

    @Test
    @Order(1)
    @DisplayName("returns one result per item")
    @Exercise.Hint("Submit a task per item to Executors.newFixedThreadPool(threads), keep"
            + " the Futures in a list, then collect future.get() of each.")
    void returnsOneResultPerItem() throws Exception {
        assertEquals(List.of(10, 20, 30, 40, 50),
                ParallelMap.parallelMap(x -> x * 10, List.of(1, 2, 3, 4, 5), 2));
        assertEquals(List.of(), ParallelMap.parallelMap(x -> x, List.<Integer>of(), 2),
                "an empty list maps to an empty list");
    }

    @Test
    @Order(2)
    @DisplayName("runs `threads` calls at the same time, on the pool's threads")
    @Exercise.Hint("Submit every item before you wait for any result: a get() right"
            + " after each submit runs one call at a time.")
    void runsCallsAtTheSameTime() throws Exception {
        int threads = 3;
        var allThree = new CyclicBarrier(threads);   // opens when 3 calls are inside
        Thread caller = Thread.currentThread();
        var ranOnCaller = new AtomicBoolean();
        List<Boolean> met = ParallelMap.parallelMap(i -> {
            if (Thread.currentThread() == caller) ranOnCaller.set(true);
            return meet(allThree);
        }, range(threads), threads);
        assertFalse(ranOnCaller.get(), "function ran on the thread that called"
                + " parallelMap; run it on the pool's threads");
        assertEquals(List.of(true, true, true), met, "the 3 calls never ran at the same"
                + " time: each waited " + PATIENCE.toSeconds() + " s for the two others"
                + " (false: gave up)");
    }

    @Test
    @Order(3)
    @DisplayName("never uses more than `threads` threads")
    @Exercise.Hint("A pool of exactly `threads` threads,"
            + " Executors.newFixedThreadPool(threads), not a thread per item.")
    void neverUsesMoreThanThreadsThreads() throws Exception {
        int threads = 2;
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        var pairs = new CyclicBarrier(threads);   // keeps 2 calls busy at once, again
        ParallelMap.parallelMap(i -> {
            used.add(Thread.currentThread());
            return meet(pairs);
        }, range(8), threads);
        assertTrue(used.size() <= threads, "8 calls with threads = 2 ran on "
                + used.size() + " different threads: " + names(used));
    }

    @Test
    @Order(4)
    @DisplayName("returns results in input order, whatever order the calls finish in")
    @Exercise.Hint("Keep the Futures in the order you submitted them and get() them in"
            + " that order; a CompletionService hands them out as they finish.")
    void returnsResultsInInputOrder() throws Exception {
        int n = 5;
        // Reversed durations, forced: a call finishes only after the next item's has.
        List<CountDownLatch> finished = Stream.generate(() -> new CountDownLatch(1))
                .limit(n).toList();
        List<Integer> finishOrder = Collections.synchronizedList(new ArrayList<>());
        List<String> results = ParallelMap.parallelMap(i -> {
            if (i + 1 < n) await(finished.get(i + 1));
            finishOrder.add(i);
            finished.get(i).countDown();
            return "result " + i;
        }, range(n), n);
        assertEquals(List.of(4, 3, 2, 1, 0), finishOrder, "the 5 calls (threads = 5)"
                + " must run at the same time, so that each can wait for the next one");
        assertEquals(List.of("result 0", "result 1", "result 2", "result 3", "result 4"),
                results, "results must follow the items, though the calls finished in"
                        + " the order " + finishOrder);
    }

    @Test
    @Order(5)
    @DisplayName("a failing call reaches the caller: the first failing item's")
    @Exercise.Hint("Let future.get()'s ExecutionException propagate (its cause is what"
            + " function threw); do not catch it and carry on.")
    void aFailureReachesTheCaller() {
        var itemOne = new IllegalStateException("item 1 failed");
        var itemThree = new IllegalStateException("item 3 failed");
        var itemThreeFailed = new CountDownLatch(1);
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> ParallelMap.parallelMap(i -> switch (i) {
                    case 1 -> {
                        await(itemThreeFailed);   // item 3 fails first in time
                        throw itemOne;
                    }
                    case 3 -> {
                        itemThreeFailed.countDown();
                        throw itemThree;
                    }
                    default -> i;
                }, range(4), 4),
                "items 1 and 3 threw, so parallelMap must throw ExecutionException");
        assertSame(itemOne, thrown.getCause(), "the cause must be what the first failing"
                + " item in input order threw (item 1), though item 3 failed first; got "
                + thrown.getCause());
    }

    @Test
    @Order(6)
    @DisplayName("a failing call cancels the other calls")
    @Exercise.Hint("When get() throws, call cancel(true) on every Future before you"
            + " rethrow: it interrupts the calls still running.")
    void aFailureCancelsTheOthers() {
        int n = 6;
        var othersStarted = new CountDownLatch(n - 1);
        var neverOpens = new CountDownLatch(1);
        Set<Integer> interrupted = ConcurrentHashMap.newKeySet();
        assertThrows(ExecutionException.class, () -> ParallelMap.parallelMap(i -> {
            if (i == 0) {
                await(othersStarted);
                throw new IllegalStateException("item 0 failed");
            }
            othersStarted.countDown();
            try {
                neverOpens.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted.add(i);   // cancelled: the call ends here
            }
            return i;
        }, range(n), n), "item 0 threw, so parallelMap must throw ExecutionException");
        assertEquals(Set.of(1, 2, 3, 4, 5), interrupted, "after item 0 failed, the calls"
                + " for items 1 to 5 should have been interrupted; these were not");
    }

    @Test
    @Order(7)
    @DisplayName("leaves no thread running, after a result or a failure")
    @Exercise.Hint("Create the pool in try-with-resources: close() waits for its tasks"
            + " and ends its threads on every way out of the block.")
    void leavesNoThreadRunning() throws Exception {
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        ParallelMap.parallelMap(i -> used.add(Thread.currentThread()), range(6), 3);
        assertAllEnd(used, "after parallelMap returned its results");

        Set<Thread> usedOnFailure = ConcurrentHashMap.newKeySet();
        assertThrows(ExecutionException.class, () -> ParallelMap.parallelMap(i -> {
            usedOnFailure.add(Thread.currentThread());
            if (i == 0) throw new IllegalStateException("item 0 failed");
            return i;
        }, range(6), 3), "item 0 threw, so parallelMap must throw ExecutionException");
        assertAllEnd(usedOnFailure, "after parallelMap threw");
    }

    // --- helpers ---------------------------------------------------------------------

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Waits at the barrier: true if all parties came within PATIENCE. */
    static boolean meet(CyclicBarrier barrier) {
        try {
            barrier.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | BrokenBarrierException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the latch at most PATIENCE (the checks then say what went wrong). */
    static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void assertAllEnd(Set<Thread> threads, String when)
            throws InterruptedException {
        threads.remove(Thread.currentThread());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> running = new ArrayList<>();
        for (Thread thread : threads) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!thread.join(Duration.ofNanos(left))) running.add(name(thread));
        }
        assertTrue(running.isEmpty(), when + ", these threads were still running "
                + PATIENCE.toSeconds() + " s later: " + running);
    }

    static List<String> names(Set<Thread> threads) {
        return threads.stream().map(ParallelMapTest::name).sorted().toList();
    }

    static String name(Thread thread) {   // a virtual thread has no name unless given one
        return thread.getName().isEmpty() ? thread.toString() : thread.getName();
    }
}
