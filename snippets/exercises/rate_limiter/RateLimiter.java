import module java.base;

/**
 * Exercise 2 (★★): run many tasks on virtual threads, at most {@code limit} at a time,
 * and measure how many really ran at once.
 * Check your work: ./jbang snippets/exercises/rate_limiter/RateLimiterTest.java
 */
final class RateLimiter {
    private RateLimiter() {}

    /** What a run did: how many tasks threw, and the most that ran at the same moment. */
    record Report(int failed, int peakInFlight) {}

    /**
     * Runs every task, each on a virtual thread of its own, never more than {@code limit}
     * of them at the same time, and returns when all have ended. A task that throws does
     * not stop the others: the report counts it.
     */
    static Report runAll(List<? extends Runnable> tasks, int limit)
            throws InterruptedException {
        throw new UnsupportedOperationException("TODO: run each task on a virtual thread,"
                + " at most limit at a time (a Semaphore); measure the peak");
    }
}
