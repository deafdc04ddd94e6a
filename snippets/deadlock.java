///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25

/*
 * Deadlock: thread A-to-B takes lock A, then B; thread B-to-A takes lock B, then A.
 * If each gets its first lock before the other gets its second, both wait forever.
 * Here that is certain, not luck: each thread takes its first lock, then both meet at
 * a barrier before reaching for the second. The JVM finds the cycle (ThreadMXBean).
 * The fixes, one global lock order or tryLock with back-off, finish every time.
 */
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.*;
import java.util.concurrent.locks.ReentrantLock;

static final int ROUNDS = 100_000, MAX_ATTEMPTS = 20;

void main(String[] args) throws Exception {
    if (args.length > 0) {
        System.err.println("usage: deadlock.java   (takes no arguments)");
        System.exit(2);
    }
    IO.println("CPUs: " + Runtime.getRuntime().availableProcessors()
            + ", A-to-B takes lock A then B, B-to-A takes lock B then A");

    // Daemon threads, on purpose: a platform thread blocked entering `synchronized`
    // ignores interrupt(), and Thread.stop() throws UnsupportedOperationException on
    // JDK 25. Nothing can free these two: the JVM can exit only by not waiting for them.
    Object a = new Object(), b = new Object();
    var bothHoldOne = new CyclicBarrier(2);
    Thread.ofPlatform().daemon().name("A-to-B").start(() -> takeBoth(a, b, bothHoldOne));
    Thread.ofPlatform().daemon().name("B-to-A").start(() -> takeBoth(b, a, bothHoldOne));
    long start = System.nanoTime();
    long[] ids = deadlockedThreads(5_000);
    IO.println(ids.length == 0 ? "opposite order  : no deadlock found in 5 s"
            : String.format(Locale.ROOT, "opposite order  : deadlocked, found in %d ms"
                    + " (%d threads)", millisSince(start), ids.length));
    ThreadInfo[] stuck = ManagementFactory.getThreadMXBean().getThreadInfo(ids);
    Arrays.sort(stuck, Comparator.comparing(ThreadInfo::getThreadName));
    for (ThreadInfo thread : stuck) {
        int lock = thread.getLockInfo().getIdentityHashCode();  // getLockName: Class@hash
        IO.println("  " + thread.getThreadName() + " waits for lock "
                + (lock == System.identityHashCode(a) ? "A" : "B")
                + ", held by " + thread.getLockOwnerName());
    }
    // A and B stay held until the JVM exits: anything that needs them now hangs too,
    // so each fix below gets fresh locks.

    // Fix 1, one global order: both threads take A before B (in real code: order by an
    // id), so no thread can hold B while waiting for A. Many rounds, started together.
    Object a1 = new Object(), b1 = new Object();
    var together = new CyclicBarrier(2);
    Callable<Integer> inOrder = () -> {
        together.await(5, TimeUnit.SECONDS);
        for (int i = 0; i < ROUNDS; i++) {
            synchronized (a1) { synchronized (b1) { /* the work under both locks */ } }
        }
        return 0;
    };
    start = System.nanoTime();
    runBoth(inOrder, inOrder);
    IO.println(String.format(Locale.ROOT, "same order      : both finished in %d ms"
            + " (%,d rounds each)", millisSince(start), ROUNDS));

    // Fix 2: opposite orders and the same forced collision, but the second lock is taken
    // with a timeout; on failure a thread lets go of its first lock, backs off, retries.
    ReentrantLock a2 = new ReentrantLock(), b2 = new ReentrantLock();
    var collideOnce = new CyclicBarrier(2);
    start = System.nanoTime();
    int retries = runBoth(() -> retriesToTakeBoth(a2, b2, collideOnce),
                          () -> retriesToTakeBoth(b2, a2, collideOnce));
    IO.println(String.format(Locale.ROOT, "tryLock+backoff : both finished in %d ms"
            + " (retries: %d; the first attempt always collides)",
            millisSince(start), retries));
}

/** Takes `first`, waits until the other thread holds its first lock, then `second`. */
void takeBoth(Object first, Object second, CyclicBarrier bothHoldOne) {
    synchronized (first) {
        try {
            bothHoldOne.await(5, TimeUnit.SECONDS);  // each holds what the other needs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (BrokenBarrierException | TimeoutException e) {
            return;                                  // no deadlock: main says none found
        }
        synchronized (second) { /* never reached */ }
    }
}

/** Polls the JVM's cycle detector for up to `limitMillis`; an empty array if none. */
long[] deadlockedThreads(long limitMillis) throws InterruptedException {
    var threads = ManagementFactory.getThreadMXBean();
    long deadline = System.nanoTime() + limitMillis * 1_000_000;
    while (System.nanoTime() < deadline) {
        long[] ids = threads.findDeadlockedThreads();   // null while there is no cycle
        if (ids != null) return ids;
        Thread.sleep(5);
    }
    return new long[0];
}

/** Retries it took to hold both locks; never waits untimed while holding a lock. */
int retriesToTakeBoth(ReentrantLock first, ReentrantLock second, CyclicBarrier collide)
        throws Exception {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        first.lock();
        try {
            if (attempt == 0) collide.await(5, TimeUnit.SECONDS);  // as in the deadlock
            if (second.tryLock(50, TimeUnit.MILLISECONDS)) {
                try {
                    return attempt;                  // (the work under both locks)
                } finally {
                    second.unlock();
                }
            }
        } finally {
            first.unlock();
        }
        // A random back-off, so the two do not retry in lock-step and collide again.
        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 20));
    }
    throw new IllegalStateException("gave up after " + MAX_ATTEMPTS + " attempts");
}

/** Runs both tasks at once on two platform threads; the sum of their results. */
int runBoth(Callable<Integer> one, Callable<Integer> other) throws Exception {
    try (var pool = Executors.newFixedThreadPool(2)) {
        Future<Integer> first = pool.submit(one), second = pool.submit(other);
        return first.get(10, TimeUnit.SECONDS) + second.get(10, TimeUnit.SECONDS);
    }
}

long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
}
