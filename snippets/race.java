///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Race: four threads, one counter; counter++ loses updates, three fixes do not
//DOCS ../docs/threads.md

/*
 * Question: four threads each add 1 to a shared counter 500,000 times. Is the total
 * 2,000,000?
 * Answer: not with counter++. It is three steps (read, add, write back); when threads
 * interleave them, one overwrites another's write and an update is lost. volatile does
 * not help: it makes each write visible, not the three steps one. synchronized,
 * AtomicInteger and LongAdder make the update indivisible.
 * Claim: the unsafe counter loses updates in the trials where the threads really ran at
 * the same moment (measured: their CPU time over the wall time); the three fixes are
 * exact in every trial. A race is chance, so the output counts trials. When other
 * programs keep the CPUs busy, or on 1 CPU, the threads take turns, and the output says
 * how often.
 */
// Imports only what java.base lacks: a compact source file (JEP 512) imports java.base.
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

static final int THREADS = 4, INCREMENTS = 500_000;
// A trial's threads ran at once if they used over 1.2 s of CPU per second of wall time:
// threads taking turns on one CPU use at most 1.0. The 0.2 is a margin for the clocks.
static final double AT_ONCE = 1.2;
static final ThreadMXBean CPU_CLOCK = ManagementFactory.getThreadMXBean();

interface Counter { void increment(); long total(); }

void main(String[] args) throws InterruptedException {
    int trials = trialsFrom(args);
    print("CPUs: %d, trials: %d, each %d threads x %,d increments (expected total %,d)",
            Runtime.getRuntime().availableProcessors(), trials, THREADS, INCREMENTS,
            (long) THREADS * INCREMENTS);
    // tag::core[]
    Outcome unsafe = inTrials(trials, () -> new Counter() {
        volatile int count;                 // volatile: every write is visible...
        public void increment() { count++; }  // ...but read, add, write are 3 steps
        public long total() { return count; }
    });
    print("unsafe counter : lost updates in %d of %d trials, lowest total %,d"
            + " (counter++ is not atomic)", unsafe.lostTrials(), trials, unsafe.lowest());
    print("                 the threads ran at once in %d of them, and %d of those lost"
            + " updates", unsafe.atOnceTrials(), unsafe.lostAtOnce());

    report("synchronized   ", trials, inTrials(trials, () -> new Counter() {
        int count;
        public synchronized void increment() { count++; }    // one thread at a time
        public synchronized long total() { return count; }
    }));
    report("AtomicInteger  ", trials, inTrials(trials, () -> new Counter() {
        final AtomicInteger count = new AtomicInteger();
        public void increment() { count.incrementAndGet(); } // one atomic read-add-write
        public long total() { return count.get(); }
    }));
    report("LongAdder      ", trials, inTrials(trials, () -> new Counter() {
        final LongAdder count = new LongAdder();
        public void increment() { count.increment(); }       // cells, summed on read
        public long total() { return count.sum(); }
    }));
    // end::core[]
}

/**
 * How many trials ended below the expected total, the lowest total seen, in how many
 * trials the threads ran at once, and how many of those ended below the total.
 */
record Outcome(int lostTrials, long lowest, int atOnceTrials, int lostAtOnce) {}

/** Each trial: THREADS threads increment one new counter; then we check its total. */
Outcome inTrials(int trials, Supplier<Counter> newCounter) throws InterruptedException {
    int lostTrials = 0, atOnceTrials = 0, lostAtOnce = 0;
    long lowest = Long.MAX_VALUE;
    for (int trial = 0; trial < trials; trial++) {
        Counter counter = newCounter.get();
        var arrived = new AtomicInteger();
        var released = new AtomicLong();   // when the last thread arrived
        var cpuNanos = new AtomicLong();
        var threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                // Spin until every thread runs, so all start counting at the same moment.
                // Not a CountDownLatch: its waiters wake one by one, and on a loaded
                // machine the first one finished its 500,000 before the last woke up,
                // which hid the race.
                if (arrived.incrementAndGet() == THREADS) released.set(System.nanoTime());
                while (arrived.get() < THREADS) Thread.onSpinWait();
                long cpuStart = CPU_CLOCK.getCurrentThreadCpuTime();
                for (int i = 0; i < INCREMENTS; i++) counter.increment();
                cpuNanos.addAndGet(CPU_CLOCK.getCurrentThreadCpuTime() - cpuStart);
            });
        }
        for (Thread thread : threads) thread.join();
        // Other programs, or a single CPU, can make the threads take turns: then nothing
        // interleaves their read-add-write steps but a rare switch in the middle of one.
        boolean atOnce = cpuNanos.get() > AT_ONCE * (System.nanoTime() - released.get());
        boolean lost = counter.total() != (long) THREADS * INCREMENTS;
        if (lost) lostTrials++;
        if (atOnce) atOnceTrials++;
        if (atOnce && lost) lostAtOnce++;
        lowest = Math.min(lowest, counter.total());
    }
    return new Outcome(lostTrials, lowest, atOnceTrials, lostAtOnce);
}

void report(String name, int trials, Outcome outcome) {
    print("%s: exact in %d of %d trials", name, trials - outcome.lostTrials(), trials);
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE =
        "usage: race.java [--trials N]   (N from 1 to 1000, default 20)";

/** The trial count; --help prints the usage (exit 0), a bad argument fails (exit 2). */
int trialsFrom(String[] args) {
    if (args.length == 0) return 20;
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    if (args.length == 2 && args[0].equals("--trials") && args[1].matches("\\d{1,4}")) {
        int trials = Integer.parseInt(args[1]);
        if (trials >= 1 && trials <= 1000) return trials;
    }
    System.err.println(USAGE);
    System.exit(2);
    return 0; // not reached
}
