import module java.base;

/** Exercise 1 (★), a reference solution: a task per item; results read in input order. */
final class ParallelMap {
    private ParallelMap() {}

    static <T, R> List<R> parallelMap(Function<? super T, ? extends R> function,
                                      List<? extends T> items, int threads)
            throws InterruptedException, ExecutionException {
        // try-with-resources: close() waits for every task and ends the pool's threads,
        // on every way out of the block, the exceptional ones too.
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<? extends R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> function.apply(item)));  // all, first
            }
            List<R> results = new ArrayList<>(items.size());
            try {
                for (Future<? extends R> future : futures) {
                    results.add(future.get());   // in input order, whenever each finishes
                }
            } catch (ExecutionException | InterruptedException e) {
                futures.forEach(future -> future.cancel(true));  // interrupts the others
                throw e;
            }
            return results;
        }
    }
}
