import module java.base;

/**
 * Exercise 1 (★): map a function over a list, on a pool of threads.
 * Check your work: ./jbang snippets/exercises/parallel_map/ParallelMapTest.java
 */
final class ParallelMap {
    private ParallelMap() {}

    /**
     * Applies {@code function} to every item on a pool of {@code threads} threads and
     * returns the results in the order of {@code items}, whatever order the calls
     * finish in. No thread of the pool is left running, whatever happens.
     *
     * @throws ExecutionException if {@code function} throws: its cause is what the
     *     function threw for the first failing item (in input order); the other calls
     *     are cancelled
     */
    static <T, R> List<R> parallelMap(Function<? super T, ? extends R> function,
                                      List<? extends T> items, int threads)
            throws InterruptedException, ExecutionException {
        throw new UnsupportedOperationException("TODO: call function on each item on a"
                + " pool of threads; return the results in input order");
    }
}
