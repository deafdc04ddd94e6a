import module java.base;

/** Exercise 2 (★★), a reference solution: a virtual thread per task, a Semaphore. */
final class RateLimiter {
    private RateLimiter() {}

    record Report(int failed, int peakInFlight) {}

    static Report runAll(List<? extends Runnable> tasks, int limit)
            throws InterruptedException {
        var permits = new Semaphore(limit);
        var inFlight = new AtomicInteger();
        var peak = new AtomicInteger();
        var failed = new AtomicInteger();
        // close() at the end of the block waits until every task has ended
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Runnable task : tasks) {
                executor.submit(() -> {
                    permits.acquire();           // a virtual thread is cheap to block
                    try {
                        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        task.run();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    } finally {
                        inFlight.decrementAndGet();
                        permits.release();       // in finally: a failure frees its slot
                    }
                    return null;                 // a Callable, so acquire() may throw
                });
            }
        }
        return new Report(failed.get(), peak.get());
    }
}
