///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Events: one set() releases all waiters; only a Condition-built event resets
//DOCS ../docs/threads.md

/*
 * Question: Python's threading.Event: one set() releases every waiting thread. Which
 * Java type does that?
 * Answer: CountDownLatch(1) and CompletableFuture<Void>, but they are one-shot: once set,
 * they stay set, and nothing clears them. For Event.clear(), build the event from a
 * ReentrantLock and a Condition (ResettableEvent below).
 * Claim: on any machine, each releases all its waiters with one call, counted exactly;
 * only ResettableEvent makes new waiters block again after clear().
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int WAITERS = 5;
static final Duration PATIENCE = Duration.ofSeconds(10);  // every wait is bounded by this
static final Duration CLEARED_WAIT = Duration.ofMillis(200);

/** How a waiter waits for one kind of event: true if it was set within `timeout`. */
interface Waiter { boolean await(Duration timeout) throws InterruptedException; }

void main(String[] args) throws InterruptedException {
    noArguments(args);
    print("CPUs: %d, %d waiter threads per event, each waits at most %d s",
            Runtime.getRuntime().availableProcessors(), WAITERS, PATIENCE.toSeconds());
    // tag::core[]
    var latch = new CountDownLatch(1);
    Waiter onLatch = timeout -> latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    print("CountDownLatch(1) : %s", releaseAll(onLatch, latch::countDown, "countDown()"));
    print("CountDownLatch(1) : stays set, a new waiter passes at once: await(0) -> %s;"
            + " there is no reset()", onLatch.await(Duration.ZERO));

    var done = new CompletableFuture<Void>();
    print("CompletableFuture : %s",
            releaseAll(waiterOn(done), () -> done.complete(null), "complete(null)"));
    print("CompletableFuture : stays set, a new waiter passes at once: get(0) %s;"
            + " complete(null) again -> %s", outcomeOf(done, Duration.ZERO),
            done.complete(null));
    showValueAndFailure();

    var event = new ResettableEvent();
    print("ResettableEvent   : %s", releaseAll(event::await, event::set, "set()"));
    event.clear();
    long start = System.nanoTime();
    boolean passed = event.await(CLEARED_WAIT);         // bounded: never hangs
    print("ResettableEvent   : after clear() a new waiter blocks again: await(%d ms) ->"
            + " %s after %d ms", CLEARED_WAIT.toMillis(), passed, millisSince(start));
    print("ResettableEvent   : reused, %s",
            releaseAll(event::await, event::set, "set()"));
    // end::core[]
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

/** Unlike a latch, a CompletableFuture can hand its waiters a value, or a failure. */
void showValueAndFailure() throws InterruptedException {
    var config = new CompletableFuture<String>();
    config.complete("v2");                               // a set() that carries a value
    print("CompletableFuture : can carry a value, get() %s",
            outcomeOf(config, PATIENCE));
    var failed = new CompletableFuture<String>();
    failed.completeExceptionally(new IllegalStateException("no config"));
    print("CompletableFuture : or a failure, get() %s", outcomeOf(failed, PATIENCE));
}

/** A waiter on a future: completed normally or exceptionally, it is released. */
Waiter waiterOn(CompletableFuture<?> future) {
    return timeout -> {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;                              // set with a failure: released too
        } catch (TimeoutException e) {
            return false;
        }
    };
}

long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: events.java   (no arguments)";

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
