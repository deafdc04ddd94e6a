import module java.base;

/** Exercise 3 (★★★), a reference solution: end marks, interrupts, and a final count. */
final class Pipeline<T> {

    interface Stage<T> {
        void process(T item) throws InterruptedException;
    }

    record Report<T>(List<T> processed, List<T> unprocessed) {}

    private final BlockingQueue<Optional<T>> queue;   // empty: the end of the stream
    private final Queue<T> processed = new ConcurrentLinkedQueue<>();
    private final Queue<T> unprocessed = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();   // final: safely published
    private volatile boolean cancelled;

    private Pipeline(Iterator<? extends T> source, int capacity, int consumers,
                     Stage<? super T> stage) {
        queue = new ArrayBlockingQueue<>(capacity);   // put() waits while it is full
        threads.add(Thread.ofVirtual().name("producer")
                .unstarted(() -> produce(source, consumers)));
        for (int i = 0; i < consumers; i++) {
            threads.add(Thread.ofVirtual().name("consumer-" + i)
                    .unstarted(() -> consume(stage)));
        }
    }

    static <T> Pipeline<T> start(Iterator<? extends T> source, int capacity,
                                 int consumers, Stage<? super T> stage) {
        var pipeline = new Pipeline<T>(source, capacity, consumers, stage);
        pipeline.threads.forEach(Thread::start);
        return pipeline;
    }

    private void produce(Iterator<? extends T> source, int consumers) {
        try {
            while (!cancelled && source.hasNext()) {
                T item = source.next();
                try {
                    queue.put(Optional.of(item));
                } catch (InterruptedException e) {
                    unprocessed.add(item);   // cancelled while it held one: hand it back
                    return;
                }
            }
            for (int i = 0; i < consumers; i++) {
                queue.put(Optional.empty());   // one end mark for each consumer
            }
        } catch (InterruptedException e) {
            // cancelled while it put the end marks: the consumers are told too
        }
    }

    private void consume(Stage<? super T> stage) {
        try {
            // checked after each item too: a stage may have swallowed the interrupt
            while (!cancelled) {
                Optional<T> next = queue.take();
                if (next.isEmpty()) return;
                T item = next.get();
                if (cancelled) {
                    unprocessed.add(item);
                    return;
                }
                try {
                    stage.process(item);
                    processed.add(item);   // finished, even if cancel came meanwhile
                } catch (InterruptedException e) {
                    unprocessed.add(item);   // interrupted: hand it back
                    return;
                }
            }
        } catch (InterruptedException e) {
            // cancelled while waiting for an item: it holds none
        }
    }

    void cancel() {
        cancelled = true;                      // set first: every thread sees it...
        threads.forEach(Thread::interrupt);    // ...once this wakes it up
    }

    Report<T> await(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofNanos(Math.max(0, end - System.nanoTime())))) {
                cancel();   // the deadline passed
                break;
            }
        }
        for (Thread thread : threads) {
            thread.join();   // after a cancel, each ends once its stage call returns
        }
        // Every thread has ended: what is left in the queue was never processed.
        for (Optional<T> left; (left = queue.poll()) != null; ) {
            left.ifPresent(unprocessed::add);
        }
        return new Report<>(List.copyOf(processed), List.copyOf(unprocessed));
    }
}
