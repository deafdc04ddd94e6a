///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25

/*
 * Race: two threads add 1 to a shared counter a million times each. Is the total 2,000,000?
 *
 * Not when the counter is unsynchronized. `count++` is three steps (read, add, write back);
 * when two threads interleave them, one overwrites the other's write and an update is lost.
 * `volatile` does not help: it makes every write visible, not the three steps atomic.
 * (We use it on purpose: with a plain int the JIT may keep the counter in a register and
 * hide the race, which would make the demo lie.) The fixes make the steps indivisible.
 *
 * A race is a matter of chance, so we report how often it happened over many trials.
 */
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

interface Counter { void increment(); long total(); }

static final int THREADS = 2, INCREMENTS = 1_000_000;

void main(String[] args) throws InterruptedException {
    int trials = trialsFrom(args);
    long expected = (long) THREADS * INCREMENTS;
    IO.println(String.format(Locale.ROOT, "CPUs: %d, trials: %d, each %d threads x %,d"
            + " increments (expected total %,d)", Runtime.getRuntime().availableProcessors(),
            trials, THREADS, INCREMENTS, expected));

    Outcome unsafe = trialsWithLostUpdates(trials, () -> new Counter() {
        volatile int count;                               // visible, but ++ is not atomic
        public void increment() { count++; }
        public long total() { return count; }
    });
    IO.println(String.format(Locale.ROOT, "unsafe counter : lost updates in %d of %d trials,"
            + " lowest total %,d (counter++ is not atomic)", unsafe.lostTrials(), trials, unsafe.lowest()));

    report("synchronized   ", trials, trialsWithLostUpdates(trials, () -> new Counter() {
        int count;
        public synchronized void increment() { count++; }  // one thread at a time
        public synchronized long total() { return count; }
    }));
    report("AtomicInteger  ", trials, trialsWithLostUpdates(trials, () -> new Counter() {
        final AtomicInteger count = new AtomicInteger();
        public void increment() { count.incrementAndGet(); } // one indivisible CPU instruction
        public long total() { return count.get(); }
    }));
    report("LongAdder      ", trials, trialsWithLostUpdates(trials, () -> new Counter() {
        final LongAdder count = new LongAdder();
        public void increment() { count.increment(); }   // per-thread cells, summed on read
        public long total() { return count.sum(); }
    }));
}

void report(String name, int trials, Outcome outcome) {
    IO.println(name + ": exact in " + (trials - outcome.lostTrials()) + " of " + trials + " trials");
}

/** How many trials ended below the expected total, and the lowest total seen. */
record Outcome(int lostTrials, long lowest) {}

/** Runs the increments on THREADS threads per trial and checks every trial's total. */
Outcome trialsWithLostUpdates(int trials, java.util.function.Supplier<Counter> newCounter)
        throws InterruptedException {
    int lostTrials = 0;
    long lowest = Long.MAX_VALUE;
    for (int trial = 0; trial < trials; trial++) {
        Counter counter = newCounter.get();
        var start = new CountDownLatch(1);   // release all threads at once so they overlap
        var threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();   // keep the interrupt, skip the work
                    return;
                }
                for (int i = 0; i < INCREMENTS; i++) counter.increment();
            });
        }
        start.countDown();
        for (Thread thread : threads) thread.join();
        if (counter.total() != (long) THREADS * INCREMENTS) lostTrials++;
        lowest = Math.min(lowest, counter.total());
    }
    return new Outcome(lostTrials, lowest);
}

int trialsFrom(String[] args) {
    if (args.length == 0) return 20;
    try {
        int trials = Integer.parseInt(args.length == 2 && args[0].equals("--trials") ? args[1] : "");
        if (trials >= 1 && trials <= 1000) return trials;
    } catch (NumberFormatException e) {
        // fall through to the usage line
    }
    System.err.println("usage: race.java [--trials N]   (N from 1 to 1000, default 20)");
    System.exit(2);
    return 0; // not reached
}
