///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25

/*
 * Race: four threads add 1 to a shared counter 500,000 times each.
 * Is the total 2,000,000?
 *
 * Not when the counter is unsynchronized. `count++` is three steps: read, add, write
 * back. When threads interleave them, one overwrites another's write and an update
 * is lost. `volatile` does not help: it makes every write visible, not the
 * three steps atomic. (It is here on purpose: with a plain int the JIT may keep the
 * counter in a register and hide the race, and the demo would lie.) The fixes make
 * the three steps indivisible.
 *
 * A race is a matter of chance, so the output reports how often it happened in many
 * trials, never the verdict of one run.
 */
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

interface Counter { void increment(); long total(); }

static final int THREADS = 4, INCREMENTS = 500_000;

void main(String[] args) throws InterruptedException {
    int trials = trialsFrom(args);
    print("CPUs: %d, trials: %d, each %d threads x %,d increments (expected total %,d)",
            Runtime.getRuntime().availableProcessors(), trials, THREADS, INCREMENTS,
            (long) THREADS * INCREMENTS);

    Outcome unsafe = run(trials, () -> new Counter() {
        volatile int count;                           // visible, but ++ is not atomic
        public void increment() { count++; }
        public long total() { return count; }
    });
    print("unsafe counter : lost updates in %d of %d trials, lowest total %,d"
            + " (counter++ is not atomic)", unsafe.lostTrials(), trials,
            unsafe.lowest());

    report("synchronized   ", trials, run(trials, () -> new Counter() {
        int count;
        public synchronized void increment() { count++; }   // one thread at a time
        public synchronized long total() { return count; }
    }));
    report("AtomicInteger  ", trials, run(trials, () -> new Counter() {
        final AtomicInteger count = new AtomicInteger();
        public void increment() { count.incrementAndGet(); } // one atomic instruction
        public long total() { return count.get(); }
    }));
    report("LongAdder      ", trials, run(trials, () -> new Counter() {
        final LongAdder count = new LongAdder();
        public void increment() { count.increment(); }       // cells, summed on read
        public long total() { return count.sum(); }
    }));
}

/** How many trials ended below the expected total, and the lowest total seen. */
record Outcome(int lostTrials, long lowest) {}

/** Each trial: THREADS threads increment one new counter; then we check its total. */
Outcome run(int trials, Supplier<Counter> newCounter) throws InterruptedException {
    int lostTrials = 0;
    long lowest = Long.MAX_VALUE;
    for (int trial = 0; trial < trials; trial++) {
        Counter counter = newCounter.get();
        var arrived = new AtomicInteger();
        var threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                // Spin until every thread is running, so all start counting at the same
                // moment, even on a busy machine where one might otherwise finish first.
                arrived.incrementAndGet();
                while (arrived.get() < THREADS) Thread.onSpinWait();
                for (int i = 0; i < INCREMENTS; i++) counter.increment();
            });
        }
        for (Thread thread : threads) thread.join();
        if (counter.total() != (long) THREADS * INCREMENTS) lostTrials++;
        lowest = Math.min(lowest, counter.total());
    }
    return new Outcome(lostTrials, lowest);
}

void report(String name, int trials, Outcome outcome) {
    print("%s: exact in %d of %d trials", name, trials - outcome.lostTrials(), trials);
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

int trialsFrom(String[] args) {
    if (args.length == 0) return 20;
    if (args.length == 2 && args[0].equals("--trials") && args[1].matches("\\d{1,4}")) {
        int trials = Integer.parseInt(args[1]);
        if (trials >= 1 && trials <= 1000) return trials;
    }
    System.err.println("usage: race.java [--trials N]  (N from 1 to 1000, default 20)");
    System.exit(2);
    return 0; // not reached
}
