///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25

/*
 * Python's threading.Event in Java: one set() releases every waiting thread. Which type?
 *
 * CountDownLatch(1) and CompletableFuture<Void> do it, but they are one-shot: once set,
 * they stay set, and nothing clears them. For Event.clear(), build the event from a
 * ReentrantLock and a Condition (ResettableEvent below).
 * Claim: each releases all 5 waiters with one call, counted exactly; only ResettableEvent
 * makes new waiters block again after clear().
 */
// No imports: a compact source file (JEP 512) imports all of java.base.
static final int WAITERS = 5;
static final Duration PATIENCE = Duration.ofSeconds(10);  // every wait is bounded by this

/** How a waiter waits for one kind of event: true if it was set within `timeout`. */
interface Waiter { boolean await(Duration timeout) throws InterruptedException; }

void main(String[] args) throws InterruptedException {
    if (args.length > 0) {
        System.err.println("usage: events.java   (no arguments)");
        System.exit(2);
    }
    IO.println("CPUs: " + Runtime.getRuntime().availableProcessors() + ", " + WAITERS
            + " waiter threads per event, each waits at most "
            + PATIENCE.toSeconds() + " s");

    var latch = new CountDownLatch(1);
    Waiter onLatch = timeout -> latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    IO.println("CountDownLatch(1) : "
            + releaseAll(onLatch, latch::countDown, "countDown()"));
    IO.println("CountDownLatch(1) : stays set, a new waiter passes at once: await(0) -> "
            + onLatch.await(Duration.ZERO) + "; there is no reset()");

    var done = new CompletableFuture<Void>();
    Waiter onFuture = timeout -> {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;                              // set with a failure: released too
        } catch (TimeoutException e) {
            return false;
        }
    };
    IO.println("CompletableFuture : "
            + releaseAll(onFuture, () -> done.complete(null), "complete(null)"));
    IO.println("CompletableFuture : stays set, a new waiter passes at once: get(0) "
            + outcomeOf(done, Duration.ZERO) + "; complete(null) again -> "
            + done.complete(null));
    var config = new CompletableFuture<String>();
    config.complete("v2");                               // a set() that carries a value
    IO.println("CompletableFuture : can carry a value, get() "
            + outcomeOf(config, PATIENCE));
    var failed = new CompletableFuture<String>();
    failed.completeExceptionally(new IllegalStateException("no config"));
    IO.println("CompletableFuture : or a failure, get() " + outcomeOf(failed, PATIENCE));

    var event = new ResettableEvent();
    IO.println("ResettableEvent   : " + releaseAll(event::await, event::set, "set()"));
    event.clear();
    long start = System.nanoTime();
    boolean passed = event.await(Duration.ofMillis(200)); // bounded: never hangs
    long waited = (System.nanoTime() - start) / 1_000_000;
    IO.println("ResettableEvent   : after clear() a new waiter blocks again:"
            + " await(200 ms) -> " + passed + " after " + waited + " ms");
    IO.println("ResettableEvent   : reused, "
            + releaseAll(event::await, event::set, "set()"));
}

/** Python's Event: set() releases all waiters; after clear(), new waiters block again. */
static final class ResettableEvent {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean isSet;     // guarded by lock
    private long sets;         // guarded by lock: a waiter that a set() woke is released
                               // even if clear() runs before it wakes up, as in Python

    void set() {
        lock.lock();
        try { isSet = true; sets++; changed.signalAll(); } finally { lock.unlock(); }
    }

    void clear() {
        lock.lock();
        try { isSet = false; } finally { lock.unlock(); }
    }

    boolean await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos(), setsBefore = sets;
            // A wakeup can be spurious: check the state again every time. awaitNanos
            // returns the time left, so a wakeup does not restart the whole timeout.
            while (!isSet && sets == setsBefore) {
                if (nanos <= 0) return false;
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}

/** Starts WAITERS threads that wait, sets the event once, counts who got through. */
String releaseAll(Waiter waiter, Runnable set, String setCall)
        throws InterruptedException {
    var released = new AtomicInteger();
    var threads = new ArrayList<Thread>();
    for (int i = 0; i < WAITERS; i++) {
        threads.add(Thread.ofPlatform().start(() -> {
            try {
                if (waiter.await(PATIENCE)) released.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();  // stop waiting, keep the interrupt
            }
        }));
    }
    int blocked = blockedIn(threads);
    set.run();
    for (Thread thread : threads) thread.join(PATIENCE);
    return blocked + " waiters blocked, one " + setCall + " released " + released.get()
            + " of " + WAITERS;
}

/**
 * Polls (at most PATIENCE) until every thread is parked in its timed wait, so set() finds
 * them waiting. getState() is for monitoring, not for synchronization: it only orders
 * this demo; the events themselves do not rely on it.
 */
int blockedIn(List<Thread> threads) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
        int blocked = (int) threads.stream()
                .filter(t -> t.getState() == Thread.State.TIMED_WAITING).count();
        if (blocked == threads.size() || System.nanoTime() - deadline > 0) return blocked;
        Thread.yield();                                  // let the waiters run (1 CPU)
    }
}

/** What get() gives a waiter: "-> value", or the exception it throws. */
String outcomeOf(CompletableFuture<?> future, Duration timeout)
        throws InterruptedException {
    try {
        return "-> " + future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
        Throwable cause = e.getCause();                 // what completeExceptionally got
        return "throws ExecutionException (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + ")";
    } catch (TimeoutException e) {
        return "throws TimeoutException";
    }
}
