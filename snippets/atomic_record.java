///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Atomic record: an AtomicReference to a record keeps two fields in step
//DOCS ../docs/threads.md

/*
 * Question: two values must change together (money moves between two balances, so their
 * total stays the same). Can threads update them without a lock, and can a reader trust
 * what it reads?
 * Answer: not with one atomic per field: each field is exact, but a reader that looks
 * between the two updates sees a total that never existed. Keep both in one immutable
 * record behind an AtomicReference: updateAndGet builds the new record and installs it
 * with compareAndSet (retrying if another thread won), so a reader's get() returns one
 * consistent pair. No lock, no torn read.
 * Claim: on 2+ CPUs the reader of two AtomicLongs sees a wrong total in some trials; the
 * reader of the AtomicReference never does, on any machine. Both end exact.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int WRITERS = 2, TRANSFERS = 100_000;
static final long TOTAL = 1_000;

/** Two balances that must always add up to TOTAL. */
interface Balances { void transfer(long amount); long[] read(); }

void main(String[] args) throws InterruptedException {
    int trials = trialsFrom(args);
    print("CPUs: %d, trials: %d, each %d threads x %,d transfers between two balances"
            + " (total %,d), one reader", Runtime.getRuntime().availableProcessors(),
            trials, WRITERS, TRANSFERS, TOTAL);
    // tag::core[]
    record Pair(long a, long b) {           // immutable: a change makes a new Pair
        Pair transfer(long amount) { return new Pair(a - amount, b + amount); }
    }
    Outcome separate = inTrials(trials, () -> new Balances() {
        final AtomicLong a = new AtomicLong(TOTAL), b = new AtomicLong();
        public void transfer(long amount) {
            a.addAndGet(-amount);           // each field is atomic on its own...
            b.addAndGet(amount);            // ...but a reader can look in between
        }
        public long[] read() { return new long[] {a.get(), b.get()}; }
    });
    report("two AtomicLongs          ", trials, separate);
    Outcome together = inTrials(trials, () -> new Balances() {
        final AtomicReference<Pair> pair = new AtomicReference<>(new Pair(TOTAL, 0));
        public void transfer(long amount) {
            pair.updateAndGet(p -> p.transfer(amount));  // compareAndSet, retried if lost
        }
        public long[] read() {
            Pair p = pair.get();            // one read: both values from the same moment
            return new long[] {p.a(), p.b()};
        }
    });
    report("AtomicReference<Pair>    ", trials, together);
    // end::core[]
}

/** Trials in which the reader saw a wrong total, and in which the end state was exact. */
record Outcome(int tornTrials, int exactTrials) {}

/**
 * Each trial: WRITERS threads move money back and forth (so the end state is known) while
 * one reader keeps adding up the two balances until they finish.
 */
Outcome inTrials(int trials, Supplier<Balances> newBalances) throws InterruptedException {
    int torn = 0, exact = 0;
    for (int trial = 0; trial < trials; trial++) {
        Balances balances = newBalances.get();
        var arrived = new AtomicInteger();
        var writersDone = new CountDownLatch(WRITERS);
        var sawWrongTotal = new AtomicBoolean();
        var threads = new ArrayList<Thread>();
        for (int w = 0; w < WRITERS; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                startTogether(arrived);
                for (int i = 0; i < TRANSFERS; i++) {
                    balances.transfer(i % 2 == 0 ? 7 : -7);  // there and back again
                }
                writersDone.countDown();
            }));
        }
        threads.add(Thread.ofPlatform().start(() -> {
            startTogether(arrived);
            while (writersDone.getCount() > 0) {
                long[] ab = balances.read();
                if (ab[0] + ab[1] != TOTAL) sawWrongTotal.set(true);
            }
        }));
        for (Thread thread : threads) thread.join();
        if (sawWrongTotal.get()) torn++;
        long[] end = balances.read();     // as many +7 as -7 moves: back to the start
        if (end[0] == TOTAL && end[1] == 0) exact++;
    }
    return new Outcome(torn, exact);
}

/**
 * Spins until every thread of the trial runs, so writers and reader overlap from the
 * start (a latch wakes its waiters one by one; a writer could finish before the reader
 * ran).
 */
void startTogether(AtomicInteger arrived) {
    arrived.incrementAndGet();
    while (arrived.get() < WRITERS + 1) Thread.onSpinWait();
}

void report(String name, int trials, Outcome outcome) {
    print("%s: reader saw a wrong total in %d of %d trials; end state exact in %d of %d",
            name, outcome.tornTrials(), trials, outcome.exactTrials(), trials);
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE =
        "usage: atomic_record.java [--trials N]   (N from 1 to 1000, default 20)";

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
