import module java.base;

/**
 * Exercise 3 (★★★): a producer, a bounded queue and consumers, with graceful
 * cancellation: nothing lost, nothing processed twice, no thread left behind.
 * Check your work: ./jbang snippets/exercises/pipeline/PipelineTest.java
 */
final class Pipeline<T> {

    /** What a consumer does with an item. An interrupt means: stop, hand it back. */
    interface Stage<T> {
        void process(T item) throws InterruptedException;
    }

    /** Every item taken from the source, exactly once: processed, or handed back. */
    record Report<T>(List<T> processed, List<T> unprocessed) {}

    /**
     * Starts a producer thread, which moves items from {@code source} into a queue that
     * holds at most {@code capacity} of them, and {@code consumers} threads, which take
     * items from the queue and pass each to {@code stage}. Returns at once.
     */
    static <T> Pipeline<T> start(Iterator<? extends T> source, int capacity,
                                 int consumers, Stage<? super T> stage) {
        throw new UnsupportedOperationException("TODO: start a producer that puts items"
                + " into a bounded BlockingQueue, and consumers that take them");
    }

    /**
     * Stops intake: the source is asked for no more items, each consumer finishes or
     * hands back the item it holds, and the items still queued are handed back. Any
     * thread may call it, any number of times.
     */
    void cancel() {
        throw new UnsupportedOperationException("TODO: stop the producer and consumers");
    }

    /**
     * Waits until the pipeline ends, because the source ran dry and every item was
     * processed, or because it was cancelled; cancels it if that takes longer than
     * {@code deadline}. Returns when every thread of the pipeline has ended.
     */
    Report<T> await(Duration deadline) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: wait for the threads; report");
    }
}
