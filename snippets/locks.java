///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25

/*
 * Locks: four fixes make a shared counter exact. Which one do you choose?
 *
 * All four are exact in every trial; they differ in what else they offer and in what they
 * cost while four threads hammer one counter. The times are printed for you to compare,
 * but they depend on the CPU count and the load, so nothing checks them. ReentrantLock
 * adds tryLock(timeout): a thread gives up after a bounded wait instead of blocking.
 */
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

interface Counter { void increment(); long total(); }

static final int THREADS = 4, INCREMENTS = 1_000_000, TRIALS = 10;
static final long TIMEOUT_MS = 200;

void main(String[] args) throws InterruptedException {
    if (args.length > 0) {
        System.err.println("usage: locks.java   (takes no arguments)");
        System.exit(2);
    }
    IO.println(String.format(Locale.ROOT, "CPUs: %d, trials: %d, each %d threads x %,d"
            + " increments (expected total %,d)", Runtime.getRuntime()
            .availableProcessors(), TRIALS, THREADS, INCREMENTS, THREADS * INCREMENTS));
    IO.println("times: median of the trials; they vary with the machine and its load");
    compare("synchronized ", () -> new Counter() {
        int count;
        public synchronized void increment() { count++; }  // the object's built-in lock
        public synchronized long total() { return count; }
    });
    compare("ReentrantLock", () -> new Counter() {
        final ReentrantLock lock = new ReentrantLock();
        int count;
        public void increment() {
            lock.lock();
            try { count++; } finally { lock.unlock(); }    // unlock even if it throws
        }
        public long total() {
            lock.lock();
            try { return count; } finally { lock.unlock(); }
        }
    });
    compare("AtomicInteger", () -> new Counter() {
        final AtomicInteger count = new AtomicInteger();
        public void increment() { count.incrementAndGet(); } // compare-and-set, no lock
        public long total() { return count.get(); }
    });
    compare("LongAdder    ", () -> new Counter() {
        final LongAdder count = new LongAdder();
        public void increment() { count.increment(); }     // colliding threads: own cells
        public long total() { return count.sum(); }
    });

    var lock = new ReentrantLock();
    lock.lock();                        // main holds the lock; another thread asks for it
    try {
        tryLockOnAnotherThread("while main holds it  ", lock);
    } finally {
        lock.unlock();
    }
    tryLockOnAnotherThread("after main released it", lock);
    IO.println("""
            when to choose which:
              synchronized  : several fields that must change together; simplest lock
              ReentrantLock : you need tryLock with a timeout, lockInterruptibly, fairness
              AtomicInteger : one value, read as often as written, or compareAndSet
              LongAdder     : a hot counter that many threads update and few read""");
}

/** Runs TRIALS trials of one fix on THREADS threads; prints exact trials, median time. */
void compare(String name, Supplier<Counter> newCounter) throws InterruptedException {
    int exact = 0;
    long[] millis = new long[TRIALS];
    for (int trial = 0; trial < TRIALS; trial++) {
        Counter counter = newCounter.get();
        var start = new CountDownLatch(1);  // release all threads at once so they contend
        var threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // keep the interrupt, skip work
                    return;
                }
                for (int i = 0; i < INCREMENTS; i++) counter.increment();
            });
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) thread.join();
        millis[trial] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        if (counter.total() == THREADS * INCREMENTS) exact++;
    }
    Arrays.sort(millis);  // the median: the first trial also pays for JIT compilation
    IO.println(String.format(Locale.ROOT, "%s : exact in %d of %d trials, %,d ms",
            name, exact, TRIALS, millis[TRIALS / 2]));
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
            IO.println(String.format(Locale.ROOT, "tryLock(%d ms) %s: %s after %d ms",
                    TIMEOUT_MS, when, outcome, (System.nanoTime() - began) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();  // asked to stop: stop waiting, keep flag
        }
    });
    if (!other.join(Duration.ofSeconds(10))) throw new IllegalStateException("hung");
}
