///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DEPS org.junit.jupiter:junit-jupiter:5.14.4
//DEPS org.junit.platform:junit-platform-launcher:1.14.4
//SOURCES Pipeline.java ../Exercise.java
//DESCRIPTION Exercise 3 (★★★): checks your Pipeline.java, one behaviour at a time
//DOCS ../../../docs/exercises/pipeline.md

import module java.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The behaviours of Pipeline, in the order to make them work. The cancel tests first fill
 * the pipeline and wait until it stands still: both consumers busy with an item, the
 * queue full, the producer waiting to put one more. Then they cancel, and know where
 * every item was. No sleeps: the verdict is the same on one CPU or many, idle or loaded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {
    /** How long the test waits for what a working pipeline makes happen at once. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    /** How long a broken pipeline gets to overfill the queue; never, if it works. */
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final int CAPACITY = 3, CONSUMERS = 2;

    public static void main(String[] args) {
        Exercise.check(PipelineTest.class, args);
    }

    @Test
    @Order(1)
    @DisplayName("processes every item once, and ends when the source runs dry")
    @Exercise.Hint("A producer thread put()s each item into an ArrayBlockingQueue, then"
            + " one end mark per consumer, so that each consumer knows when to stop.")
    void processesEveryItemOnce() throws Exception {
        Source source = source(50);
        Stage stage = stage(Mode.QUICK);
        var report = awaitWithin(Pipeline.start(source, CAPACITY, 3, stage),
                Duration.ofMinutes(1), "the source ran dry after 50 items");
        assertEquals(IntStream.range(0, 50).boxed().toList(), sorted(report.processed()),
                "every item, processed once");
        assertEquals(List.of(), report.unprocessed(), "nothing was cancelled");
    }

    @Test
    @Order(2)
    @DisplayName("runs `consumers` consumers at the same time")
    @Exercise.Hint("Start `consumers` threads, each taking items from the same queue.")
    void consumersWorkAtTheSameTime() throws Exception {
        var allThree = new CyclicBarrier(3);
        var met = new AtomicInteger();
        Pipeline.Stage<Integer> meeting = item -> {
            try {
                allThree.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                met.incrementAndGet();
            } catch (TimeoutException | BrokenBarrierException e) {
                // the calls never overlapped: counted below
            }
        };
        awaitWithin(Pipeline.start(source(3), CAPACITY, 3, meeting),
                Duration.ofMinutes(1), "3 items");
        assertEquals(3, met.get(), "3 consumers never worked on 3 items at the same time:"
                + " they waited " + PATIENCE.toSeconds() + " s for each other");
    }

    @Test
    @Order(3)
    @DisplayName("holds at most `capacity` items in the queue")
    @Exercise.Hint("new ArrayBlockingQueue<>(capacity), and put(), which waits while the"
            + " queue is full; new LinkedBlockingQueue<>() has no bound.")
    void holdsAtMostCapacityItems() throws Exception {
        Source source = source(30);
        Stage stage = stage(Mode.BLOCK);
        Pipeline<Integer> pipeline = Pipeline.start(source, CAPACITY, CONSUMERS, stage);
        int most = CONSUMERS + CAPACITY + 1;   // busy + queued + the producer's
        assertTrue(source.taken.awaitAtLeast(CONSUMERS + CAPACITY, PATIENCE),
                "the pipeline did not take " + (CONSUMERS + CAPACITY) + " items");
        boolean overfilled = source.taken.awaitAtLeast(most + 1, WINDOW);
        stage.gate.countDown();
        awaitWithin(pipeline, Duration.ofMinutes(1), "the consumers were let go");
        assertTrue(!overfilled, "with both consumers busy and capacity = " + CAPACITY
                + ", the producer took " + source.taken.get() + " items, not at most "
                + most);
    }

    @Test
    @Order(4)
    @DisplayName("cancel stops intake: no item is taken or started after it")
    @Exercise.Hint("After cancel(), the producer asks the source for nothing more, and a"
            + " consumer takes nothing more from the queue: check a volatile flag.")
    void cancelStopsIntake() throws Exception {
        Standstill at = standstill(Mode.BLOCK);
        at.source().cancelled = true;
        at.stage().cancelled = true;
        at.pipeline().cancel();
        var report = new AtomicReference<Pipeline.Report<Integer>>();
        Thread waiter = Thread.ofVirtual().start(() -> report.set(awaitQuietly(at)));
        boolean returned = waiter.join(PATIENCE);
        assertEquals(0, at.source().takenAfterCancel.get(), "items the producer took"
                + " from the source after cancel()");
        assertEquals(0, at.stage().startedAfterCancel.get(), "items a consumer started"
                + " after cancel()");
        assertTrue(returned && report.get() != null, "await had not returned "
                + PATIENCE.toSeconds() + " s after cancel(): is a thread still waiting?");
    }

    @Test
    @Order(5)
    @DisplayName("cancel hands back the items still in the queue")
    @Exercise.Hint("Once every thread has ended, drain the queue (poll() until null) into"
            + " the unprocessed list.")
    void cancelHandsBackQueuedItems() throws Exception {
        Standstill at = standstill(Mode.BLOCK);
        var report = cancel(at);
        assertTrue(report.unprocessed().containsAll(at.queued()), "these items were in"
                + " the queue at cancel(): " + at.queued() + "; handed back: "
                + report.unprocessed());
    }

    @Test
    @Order(6)
    @DisplayName("cancel hands back the item the producer had taken")
    @Exercise.Hint("The producer may be waiting in put() with an item in hand: when put()"
            + " throws InterruptedException, add that item to the unprocessed list.")
    void cancelHandsBackTheProducersItem() throws Exception {
        Standstill at = standstill(Mode.BLOCK);
        var report = cancel(at);
        if (at.inProducersHand() != null) {   // null: this producer takes none ahead
            assertTrue(report.unprocessed().contains(at.inProducersHand()), "the producer"
                    + " was waiting to put item " + at.inProducersHand() + " at cancel();"
                    + " handed back: " + report.unprocessed());
        }
    }

    @Test
    @Order(7)
    @DisplayName("cancel interrupts the consumers, which hand back what they hold")
    @Exercise.Hint("cancel() interrupts every thread; a consumer whose stage throws"
            + " InterruptedException adds its item to the unprocessed list and ends.")
    void cancelInterruptsTheConsumers() throws Exception {
        Standstill at = standstill(Mode.BLOCK);
        var report = cancel(at);
        assertEquals(sorted(at.beingProcessed()), sorted(at.stage().interrupted),
                "the consumers were busy with these items at cancel(), and should have"
                        + " been interrupted");
        assertTrue(report.unprocessed().containsAll(at.beingProcessed()), "interrupted"
                + " while processing " + at.beingProcessed() + "; handed back: "
                + report.unprocessed());
    }

    @Test
    @Order(8)
    @DisplayName("an item a consumer finishes after cancel counts as processed, once")
    @Exercise.Hint("Only the thread that holds an item decides what it is: processed when"
            + " the stage returns, unprocessed when it throws. cancel() must not guess.")
    void anItemFinishedAfterCancelIsProcessedOnce() throws Exception {
        Standstill at = standstill(Mode.FINISH);
        at.pipeline().cancel();
        at.stage().gate.countDown();   // the stage finishes its items despite the cancel
        var report = awaitWithin(at.pipeline(), Duration.ofMinutes(1), "cancel()");
        assertTrue(report.processed().containsAll(at.beingProcessed()), "the stage"
                + " finished items " + at.beingProcessed() + " after cancel();"
                + " processed: " + report.processed());
        assertAccountedFor(at.source(), report);
    }

    @Test
    @Order(9)
    @DisplayName("a deadline cancels the pipeline")
    @Exercise.Hint("await(deadline): join each thread with what is left of the deadline;"
            + " if one still runs when it passes, cancel(), then wait for them all.")
    void aDeadlineCancels() throws Exception {
        Source endless = source(100_000);   // more than the pipeline will get to
        Stage stage = stage(Mode.BLOCK);
        var pipeline = Pipeline.start(endless, CAPACITY, CONSUMERS, stage);
        assertTrue(stage.started.awaitAtLeast(CONSUMERS, PATIENCE), "the consumers did"
                + " not start");
        var report = awaitWithin(pipeline, Duration.ofMillis(300), "its deadline");
        assertAccountedFor(endless, report);
    }

    @Test
    @Order(10)
    @DisplayName("every thread has ended when await returns")
    @Exercise.Hint("await() joins every thread (after a cancel too) before it reports.")
    void everyThreadHasEnded() throws Exception {
        Standstill at = standstill(Mode.BLOCK);
        cancel(at);
        Set<Thread> threads = new HashSet<>(at.source().threads);
        threads.addAll(at.stage().threads);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<Thread> running = new ArrayList<>();
        for (Thread thread : threads) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!thread.join(Duration.ofNanos(left))) running.add(thread);
        }
        assertTrue(running.isEmpty(), "still running " + PATIENCE.toSeconds() + " s after"
                + " await returned: " + running);
    }

    // --- the standstill: both consumers busy, the queue full, the producer waiting ---

    record Standstill(Pipeline<Integer> pipeline, Source source, Stage stage,
                      List<Integer> beingProcessed, Integer inProducersHand,
                      List<Integer> queued) {}

    Standstill standstill(Mode mode) throws InterruptedException {
        Source source = source(100);
        Stage stage = stage(mode);
        var pipeline = Pipeline.start(source, CAPACITY, CONSUMERS, stage);
        int filled = CONSUMERS + CAPACITY;
        assertTrue(stage.started.awaitAtLeast(CONSUMERS, PATIENCE)
                && source.taken.awaitAtLeast(filled, PATIENCE), "within "
                + PATIENCE.toSeconds() + " s, the " + CONSUMERS + " consumers should be"
                + " busy and the queue full; items taken: " + source.taken.get());
        // A producer that takes an item before it waits for room holds one more.
        source.taken.awaitAtLeast(filled + 1, PATIENCE);
        List<Integer> taken = List.copyOf(source.handedOut);
        List<Integer> busy = List.copyOf(stage.holding);
        Integer inHand = taken.size() == filled + 1 ? taken.getLast() : null;
        List<Integer> queued = taken.stream()
                .filter(i -> !busy.contains(i) && !i.equals(inHand)).toList();
        return new Standstill(pipeline, source, stage, busy, inHand, queued);
    }

    /** Cancels at the standstill, and returns await's report. */
    Pipeline.Report<Integer> cancel(Standstill at) throws InterruptedException {
        at.source().cancelled = true;
        at.stage().cancelled = true;
        at.pipeline().cancel();
        return awaitWithin(at.pipeline(), Duration.ofMinutes(1), "cancel()");
    }

    /** Each item the source handed out is processed or unprocessed: once, in one list. */
    static void assertAccountedFor(Source source, Pipeline.Report<Integer> report) {
        List<Integer> reported = new ArrayList<>(report.processed());
        reported.addAll(report.unprocessed());
        List<Integer> handedOut = sorted(source.handedOut);
        Map<Integer, Long> times = reported.stream()
                .collect(Collectors.groupingBy(i -> i, Collectors.counting()));
        List<Integer> lost = handedOut.stream().filter(i -> !times.containsKey(i))
                .toList();
        List<Integer> twice = times.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).sorted().toList();
        assertTrue(lost.isEmpty(), "items taken from the source but in neither list: "
                + lost);
        assertTrue(twice.isEmpty(), "items reported twice: " + twice + " (processed: "
                + sorted(report.processed()) + ", unprocessed: "
                + sorted(report.unprocessed()) + ")");
        assertEquals(handedOut, sorted(reported), "the items reported");
    }

    /** await(deadline), or null if it throws. */
    static Pipeline.Report<Integer> awaitQuietly(Standstill at) {
        try {
            return at.pipeline().await(Duration.ofMinutes(1));
        } catch (InterruptedException | RuntimeException e) {
            return null;
        }
    }

    /** Calls await(deadline); fails if it has not returned PATIENCE after that. */
    static Pipeline.Report<Integer> awaitWithin(Pipeline<Integer> pipeline,
                                                Duration deadline, String after)
            throws InterruptedException {
        var report = new AtomicReference<Pipeline.Report<Integer>>();
        var failure = new AtomicReference<Throwable>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                report.set(pipeline.await(deadline));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        boolean returned = deadline.compareTo(Duration.ofMinutes(1)) < 0
                ? waiter.join(deadline.plus(PATIENCE)) : waiter.join(PATIENCE);
        if (failure.get() instanceof RuntimeException e) throw e;
        if (failure.get() instanceof Error e) throw e;
        assertTrue(returned, "await(" + deadline.toMillis() + " ms) had not returned "
                + PATIENCE.toSeconds() + " s after " + after);
        assertTrue(failure.get() == null, "await threw " + failure.get());
        return report.get();
    }

    // --- the source and the stage, which record what the pipeline does with them ----

    /** What the stage does with an item. */
    enum Mode {
        QUICK,    // returns at once
        BLOCK,    // waits for the gate; an interrupt ends the wait: hands the item back
        FINISH    // waits for the gate whatever happens, then returns: processed
    }

    /** A count that threads can wait on. */
    static final class Count {
        private int value;

        synchronized void increment() {
            value++;
            notifyAll();
        }

        synchronized int get() {
            return value;
        }

        synchronized boolean awaitAtLeast(int n, Duration within)
                throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (value < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** Items 0, 1, 2, ... up to a size; records what it hands out, and to whom. */
    static final class Source implements Iterator<Integer> {
        private final int size;
        private int next;
        final List<Integer> handedOut = Collections.synchronizedList(new ArrayList<>());
        final Count taken = new Count();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger takenAfterCancel = new AtomicInteger();
        volatile boolean cancelled, closed;

        Source(int size) {
            this.size = size;
        }

        @Override
        public synchronized boolean hasNext() {
            return !closed && next < size;   // closed: the test is over, a runaway stops
        }

        @Override
        public synchronized Integer next() {
            if (!hasNext()) throw new NoSuchElementException();
            threads.add(Thread.currentThread());
            if (cancelled) takenAfterCancel.incrementAndGet();
            handedOut.add(next);
            taken.increment();
            return next++;
        }
    }

    /** A stage that records the items it works on, and which thread did. */
    static final class Stage implements Pipeline.Stage<Integer> {
        final Mode mode;
        final CountDownLatch gate = new CountDownLatch(1);
        final Count started = new Count();
        final List<Integer> holding = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> interrupted = Collections.synchronizedList(new ArrayList<>());
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger startedAfterCancel = new AtomicInteger();
        volatile boolean cancelled;

        Stage(Mode mode) {
            this.mode = mode;
        }

        @Override
        public void process(Integer item) throws InterruptedException {
            threads.add(Thread.currentThread());
            if (cancelled) {
                startedAfterCancel.incrementAndGet();
                return;
            }
            holding.add(item);
            started.increment();
            switch (mode) {
                case QUICK -> { }
                case BLOCK -> {
                    try {
                        gate.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        interrupted.add(item);
                        throw e;
                    }
                }
                case FINISH -> {
                    boolean wasInterrupted = false;
                    while (true) {
                        try {
                            gate.await();
                            break;
                        } catch (InterruptedException e) {
                            wasInterrupted = true;   // finish anyway, and say so after
                        }
                    }
                    if (wasInterrupted) Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final List<Source> sources = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();

    Source source(int size) {
        var source = new Source(size);
        sources.add(source);
        return source;
    }

    Stage stage(Mode mode) {
        var stage = new Stage(mode);
        stages.add(stage);
        return stage;
    }

    /** Lets a broken pipeline's threads run dry instead of blocking or spinning on. */
    @AfterEach
    void letGo() {
        sources.forEach(source -> source.closed = true);
        stages.forEach(stage -> stage.gate.countDown());
    }

    static List<Integer> sorted(Collection<Integer> items) {
        synchronized (items) {
            return items.stream().sorted().toList();
        }
    }
}
