///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Deadlock: locks taken in opposite orders hang; one order or tryLock fixes it
//DOCS ../docs/threads.md

/*
 * Question: thread A-to-B takes lock A, then B; thread B-to-A takes lock B, then A. What
 * happens if each gets its first lock before the other gets its second?
 * Answer: both wait forever: a deadlock, which the JVM can find (ThreadMXBean). One
 * global lock order, or tryLock with a timeout and a back-off, avoids it.
 * Claim: on any machine, the opposite orders deadlock every time (a barrier makes sure
 * each holds its first lock before reaching for its second); both fixes finish.
 */
// Imports only what java.base lacks: a compact source file (JEP 512) imports java.base.
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

static final int ROUNDS = 100_000, MAX_ATTEMPTS = 20;
static final Duration DETECTION_LIMIT = Duration.ofSeconds(5);
static final Duration FIX_LIMIT = Duration.ofSeconds(10);     // each fix finishes by then

void main(String[] args) throws Exception {
    noArguments(args);
    print("CPUs: %d, A-to-B takes lock A then B, B-to-A takes lock B then A",
            Runtime.getRuntime().availableProcessors());
    // tag::core[]
    Object a = new Object(), b = new Object();
    var bothHoldOne = new CyclicBarrier(2);       // each takes its first lock, then waits
    Thread.ofPlatform().daemon().name("A-to-B").start(() -> takeBoth(a, b, bothHoldOne));
    Thread.ofPlatform().daemon().name("B-to-A").start(() -> takeBoth(b, a, bothHoldOne));
    reportDeadlock(a);                   // daemons, stuck for good: the JVM must not wait

    // Fix 1, one global order (in real code: by an id): no thread holds B waiting for A.
    Object a1 = new Object(), b1 = new Object();
    var together = new CyclicBarrier(2);          // many rounds, started together
    Callable<Integer> inOrder = () -> {
        together.await(5, TimeUnit.SECONDS);
        for (int i = 0; i < ROUNDS; i++) {
            synchronized (a1) { synchronized (b1) { /* the work under both locks */ } }
        }
        return 0;
    };
    print("same order      : both finished in %d ms (%,d rounds each)",
            runBoth(inOrder, inOrder).millis(), ROUNDS);
    // Fix 2, opposite orders, but tryLock(timeout): on failure let go, back off, retry.
    ReentrantLock a2 = new ReentrantLock(), b2 = new ReentrantLock();
    var collideOnce = new CyclicBarrier(2);
    Both retried = runBoth(() -> retriesToTakeBoth(a2, b2, collideOnce),
                           () -> retriesToTakeBoth(b2, a2, collideOnce));
    print("tryLock+backoff : both finished in %d ms (retries: %d; the first attempt"
            + " always collides)", retried.millis(), retried.sum());
    // end::core[]
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

/**
 * Waits for the JVM to find the deadlock, then says who waits for whom. The two threads
 * are daemon threads, on purpose: a platform thread blocked entering `synchronized`
 * ignores interrupt(), and Thread.stop() throws UnsupportedOperationException on JDK 25.
 * Nothing can free these two: the JVM can exit only by not waiting for them. A and B stay
 * held until then: anything that needs them hangs too, so each fix gets fresh locks.
 */
void reportDeadlock(Object a) throws InterruptedException {
    long start = System.nanoTime();
    long[] ids = deadlockedThreads(DETECTION_LIMIT);
    if (ids.length == 0) {
        print("opposite order  : no deadlock found in %d s", DETECTION_LIMIT.toSeconds());
    } else {
        print("opposite order  : deadlocked, found in %d ms (%d threads)",
                millisSince(start), ids.length);
    }
    ThreadInfo[] stuck = ManagementFactory.getThreadMXBean().getThreadInfo(ids);
    Arrays.sort(stuck, Comparator.comparing(ThreadInfo::getThreadName));
    for (ThreadInfo thread : stuck) {
        int lock = thread.getLockInfo().getIdentityHashCode();  // getLockName: Class@hash
        print("  %s waits for lock %s, held by %s", thread.getThreadName(),
                lock == System.identityHashCode(a) ? "A" : "B",
                thread.getLockOwnerName());
    }
}

/** Polls the JVM's cycle detector for up to `limit`; an empty array if none. */
long[] deadlockedThreads(Duration limit) throws InterruptedException {
    var threads = ManagementFactory.getThreadMXBean();
    long deadline = System.nanoTime() + limit.toNanos();
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

/** How long two tasks took, run at once, and the sum of their results. */
record Both(long millis, int sum) {}

/** Runs both tasks at once on two platform threads, and times them; at most FIX_LIMIT. */
Both runBoth(Callable<Integer> one, Callable<Integer> other) throws Exception {
    long start = System.nanoTime(), deadline = start + FIX_LIMIT.toNanos();
    // Not try-with-resources: if a fix ever deadlocked, close() would wait for its
    // threads forever, and nothing stops a thread blocked entering synchronized. So:
    // daemon threads, and on the way out shutdownNow(), which interrupts what still runs
    // (tryLock, sleep and await stop) and does not wait for what ignores it.
    var pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory());
    try {
        Future<Integer> first = pool.submit(one), second = pool.submit(other);
        int sum = first.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                + second.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        return new Both(millisSince(start), sum);
    } finally {
        pool.shutdownNow();   // idle threads end; after a timeout it interrupts the rest
    }
}

long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: deadlock.java   (no arguments)";

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
