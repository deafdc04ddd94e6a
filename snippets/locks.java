///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Locks: four fixes make a shared counter exact; what each offers, and tryLock
//DOCS ../docs/threads.md

/*
 * Question: synchronized, ReentrantLock, AtomicInteger and LongAdder all make a shared
 * counter exact. Which one do you choose?
 * Answer: by what else you need, not by correctness. ReentrantLock adds tryLock with a
 * timeout: a thread gives up after a bounded wait instead of blocking. (No times here:
 * which one is fastest depends on the CPUs, the load and the JIT; long_adder.java
 * measures the one case with a clear winner.)
 * Claim: all four are exact in every trial, on any machine; tryLock gives up after its
 * timeout while another thread holds the lock, and gets it once the lock is free.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int THREADS = 4, INCREMENTS = 1_000_000, TRIALS = 10;
static final long TIMEOUT_MS = 200;

interface Counter { void increment(); long total(); }

void main(String[] args) throws InterruptedException {
    noArguments(args);
    print("CPUs: %d, trials: %d, each %d threads x %,d increments (expected total %,d)",
            Runtime.getRuntime().availableProcessors(), TRIALS, THREADS, INCREMENTS,
            THREADS * INCREMENTS);
    // tag::core[]
    compare("synchronized ", () -> new Counter() {
        int count;
        public synchronized void increment() { count++; }  // the object's built-in lock
        public synchronized long total() { return count; }
    });
    compare("ReentrantLock", () -> new Counter() {  // also offers tryLock(timeout)
        final ReentrantLock lock = new ReentrantLock(); int count;  // count: under lock
        public void increment() {
            lock.lock();
            try { count++; } finally { lock.unlock(); }    // unlock even if it throws
        }
        public long total() {
            lock.lock(); try { return count; } finally { lock.unlock(); }
        }
    });
    compare("AtomicInteger", () -> new Counter() {
        final AtomicInteger count = new AtomicInteger();
        public void increment() { count.incrementAndGet(); } // atomic read-add-write
        public long total() { return count.get(); }
    });
    compare("LongAdder    ", () -> new Counter() {
        final LongAdder count = new LongAdder();
        public void increment() { count.increment(); }     // colliding threads: own cells
        public long total() { return count.sum(); }
    });
    // end::core[]

    var lock = new ReentrantLock();
    lock.lock();                        // main holds the lock; another thread asks for it
    try {
        tryLockOnAnotherThread("while main holds it  ", lock);
    } finally {
        lock.unlock();
    }
    tryLockOnAnotherThread("after main released it", lock);
    print("""
            when to choose which:
              synchronized  : several fields that must change together; simplest lock
              ReentrantLock : you need tryLock with a timeout, lockInterruptibly, fairness
              AtomicInteger : one value, read as often as written, or compareAndSet
              LongAdder     : a hot counter that threads on many CPUs bump, few read""");
}

/** Runs TRIALS trials of one fix on THREADS threads; prints how many were exact. */
void compare(String name, Supplier<Counter> newCounter) throws InterruptedException {
    int exact = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
        Counter counter = newCounter.get();
        var arrived = new AtomicInteger();
        var threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                // Spin until every thread runs, so they really contend (a CountDownLatch
                // wakes its waiters one by one: the first could finish before the last).
                arrived.incrementAndGet();
                while (arrived.get() < THREADS) Thread.onSpinWait();
                for (int i = 0; i < INCREMENTS; i++) counter.increment();
            });
        }
        for (Thread thread : threads) thread.join();
        if (counter.total() == THREADS * INCREMENTS) exact++;
    }
    print("%s : exact in %d of %d trials", name, exact, TRIALS);
}

/** Another thread asks for the lock, waits at most TIMEOUT_MS, and says what happened. */
void tryLockOnAnotherThread(String when, ReentrantLock lock) throws InterruptedException {
    Thread other = Thread.ofPlatform().start(() -> {
        long began = System.nanoTime();
        try {
            String outcome;
            if (lock.tryLock(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                try { outcome = "acquired"; } finally { lock.unlock(); }
            } else {
                outcome = "gave up";             // free to report "busy" or try later
            }
            print("tryLock(%d ms) %s: %s after %d ms",
                    TIMEOUT_MS, when, outcome, (System.nanoTime() - began) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();  // asked to stop: stop waiting, keep flag
        }
    });
    if (!other.join(Duration.ofSeconds(10))) throw new IllegalStateException("hung");
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: locks.java   (no arguments)";

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
