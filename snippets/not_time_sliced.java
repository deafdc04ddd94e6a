///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Not time-sliced: CPU-bound virtual threads keep their carriers; others wait
//DOCS ../docs/async-basics.md

/*
 * Question: a ticker wants to wake up every 10 ms while other threads do CPU-bound work.
 * Does it get to run on time?
 * Answer: on platform threads, yes: the operating system time-slices them, so the ticker
 * gets a CPU within a few milliseconds. On virtual threads, no: a virtual thread keeps
 * its carrier until it blocks, so with one CPU-bound virtual thread per carrier the
 * ticker waits until the CPU work ends. That is why CPU-bound work does not belong on
 * virtual threads that share carriers with latency-sensitive ones.
 * Claim: on 1 CPU or many, the virtual ticker's longest wake-up delay grows to most of
 * the CPU work's length, while the platform ticker's stays far below it.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int TICK_MS = 10, WORK_MS = 2_000;
static final Duration PATIENCE = Duration.ofSeconds(10);  // every wait is bounded by this
// When the CPU-bound work of the current way began and ended (ns), for the timeline.
static final AtomicLong workBegan = new AtomicLong(Long.MAX_VALUE);
static final AtomicLong workEnded = new AtomicLong();

void main(String[] args) throws Exception {
    noArguments(args);
    // The virtual-thread scheduler has one carrier per CPU unless told otherwise.
    int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
            Runtime.getRuntime().availableProcessors());
    print("CPUs: %d, carriers for virtual threads: %d", Runtime.getRuntime()
            .availableProcessors(), carriers);
    print("a ticker sleeps %d ms at a time, while one CPU-bound thread per carrier"
            + " computes for %,d ms", TICK_MS, WORK_MS);
    // tag::core[]
    for (Thread.Builder threads : List.of(Thread.ofPlatform(), Thread.ofVirtual())) {
        var ticker = new Ticker();
        Thread tickerThread = threads.start(ticker);
        ticker.awaitFirstTick();                 // the ticker runs before the work starts
        var workers = new ArrayList<Thread>();
        for (int i = 0; i < carriers; i++) {     // one CPU-bound thread per carrier
            workers.add(threads.start(() -> computeFor(WORK_MS)));
        }
        for (Thread worker : workers) worker.join(PATIENCE);
        ticker.stop();
        tickerThread.join(PATIENCE);
        String kind = tickerThread.isVirtual() ? "virtual" : "platform";
        print("%-8s threads: the ticker woke up at most %,d ms late (%d ticks)", kind,
                ticker.worstDelayMs(), ticker.ticks());
        ticker.printTimeline(kind + " threads");
    }
    // end::core[]
}

/** Sleeps TICK_MS at a time and records how much later than asked each wake-up came. */
static final class Ticker implements Runnable {
    private final long created = System.nanoTime();
    private final CountDownLatch firstTick = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile long worstDelayNanos, ticks;   // written by the ticker thread only
    private volatile long worstSleepBegan, worstSleepEnded;

    @Override public void run() {
        try {
            while (!stopped) {
                long began = System.nanoTime(), asked = began + TICK_MS * 1_000_000L;
                Thread.sleep(TICK_MS);
                long woke = System.nanoTime();
                if (woke - asked > worstDelayNanos) {
                    worstDelayNanos = woke - asked;
                    worstSleepBegan = began;
                    worstSleepEnded = woke;
                }
                ticks++;
                firstTick.countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The CPU work and the ticker's longest sleep, in ms since the ticker started. */
    void printTimeline(String title) {
        print("timeline: %s, ms since the ticker started", title);
        print("  CPU-bound work          %,5d .. %,5d", sinceCreated(workBegan.get()),
                sinceCreated(workEnded.get()));
        print("  ticker's longest sleep  %,5d .. %,5d", sinceCreated(worstSleepBegan),
                sinceCreated(worstSleepEnded));
        workBegan.set(Long.MAX_VALUE);
        workEnded.set(0);
    }

    private long sinceCreated(long nanos) {
        return (nanos - created) / 1_000_000;
    }

    void awaitFirstTick() throws InterruptedException {
        if (!firstTick.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the ticker never ticked");
        }
    }

    void stop() { stopped = true; }
    long worstDelayMs() { return worstDelayNanos / 1_000_000; }
    long ticks() { return ticks; }
}

/** CPU-bound work that never blocks: spins for `millis` of wall-clock time. */
static void computeFor(long millis) {
    long began = System.nanoTime(), end = began + millis * 1_000_000;
    workBegan.accumulateAndGet(began, Math::min);
    long sum = 0;
    while (System.nanoTime() < end) sum += Long.numberOfTrailingZeros(sum + end);
    if (sum == 42) IO.println("");        // uses the result, so the loop is not dead code
    workEnded.accumulateAndGet(System.nanoTime(), Math::max);
}

static void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: not_time_sliced.java   (no arguments)";

/** --help prints the usage (exit 0); any other argument fails (exit 2). */
void noArguments(String[] args) {
    if (args.length == 0) return;
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    System.err.println(USAGE);
    System.exit(2);
}
