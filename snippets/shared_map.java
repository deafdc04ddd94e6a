///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Shared map: a HashMap loses counts under threads; ConcurrentHashMap does not
//DOCS ../docs/threads.md

/*
 * Question: four threads count into one shared map with merge(key, 1, Integer::sum). Do
 * the counts add up?
 * Answer: not in a HashMap: it is not thread-safe, so concurrent merges lose counts, and
 * concurrent resizing can lose whole entries or throw. ConcurrentHashMap's merge (and
 * compute) update one key atomically, so its counts are exact. To share data that no
 * longer changes, publish an immutable copy (Map.copyOf): nobody can change it, so every
 * thread may read it without a lock.
 * Claim: on 2+ CPUs the HashMap ends wrong in some trials; ConcurrentHashMap is exact in
 * every trial, on any machine; the copy refuses changes.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int THREADS = 4, MERGES = 250_000, KEYS = 1_000;

void main(String[] args) throws InterruptedException {
    int trials = trialsFrom(args);
    print("CPUs: %d, trials: %d, each %d threads x %,d merge(key, 1, Integer::sum)"
            + " over %,d keys (expected total %,d)",
            Runtime.getRuntime().availableProcessors(), trials, THREADS, MERGES, KEYS,
            (long) THREADS * MERGES);
    // tag::core[]
    Outcome plain = inTrials(trials, () -> new HashMap<>(2 * KEYS)); // not thread-safe
    print("HashMap           : wrong in %d of %d trials (a thread threw in %d), lowest"
            + " total %,d", plain.wrongTrials(), trials, plain.exceptionTrials(),
            plain.lowest());
    Outcome concurrent = inTrials(trials, ConcurrentHashMap::new); // merge is atomic
    print("ConcurrentHashMap : wrong in %d of %d trials, lowest total %,d",
            concurrent.wrongTrials(), trials, concurrent.lowest());

    Map<Integer, Integer> counts = new ConcurrentHashMap<>(Map.of(1, 10, 2, 20));
    Map<Integer, Integer> snapshot = Map.copyOf(counts); // immutable: share it freely
    counts.merge(1, 1, Integer::sum);                    // later changes do not reach it
    try {
        snapshot.merge(1, 1, Integer::sum);
        print("Map.copyOf        : changed");
    } catch (UnsupportedOperationException e) {
        print("Map.copyOf        : merge -> %s; still %s after the original became %s",
                e.getClass().getSimpleName(), new TreeMap<>(snapshot),
                new TreeMap<>(counts));
    }
    // end::core[]
}

/** Trials whose map was wrong, those in which a thread threw, and the lowest total. */
record Outcome(int wrongTrials, int exceptionTrials, long lowest) {}

static final Duration TRIAL_LIMIT = Duration.ofSeconds(20);

/** Each trial: THREADS threads merge into one new map; then we check every count. */
Outcome inTrials(int trials, Supplier<Map<Integer, Integer>> newMap)
        throws InterruptedException {
    int wrong = 0, exceptions = 0;
    long lowest = Long.MAX_VALUE;
    for (int trial = 0; trial < trials; trial++) {
        Map<Integer, Integer> counts = newMap.get();
        var arrived = new AtomicInteger();
        var failure = new AtomicReference<Throwable>();
        var threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            // Daemon, and the HashMap sized for every key up front: two threads that
            // resize one HashMap at once can link its entries into a cycle, and a thread
            // then loops for ever (seen once in 60 trials of an unsized map). Without
            // resizing that cannot happen; should a thread still hang, the trial limit
            // below ends the program, which a non-daemon thread would keep alive.
            threads[t] = Thread.ofPlatform().daemon().start(() -> {
                arrived.incrementAndGet();         // start together, as in race.java
                while (arrived.get() < THREADS) Thread.onSpinWait();
                try {
                    for (int i = 0; i < MERGES; i++) {
                        counts.merge(i % KEYS, 1, Integer::sum);
                    }
                } catch (RuntimeException e) {     // what a corrupted HashMap may throw
                    failure.compareAndSet(null, e);
                }
            });
        }
        for (Thread thread : threads) {
            if (!thread.join(TRIAL_LIMIT)) {
                throw new IllegalStateException("a thread ran past " + TRIAL_LIMIT);
            }
        }
        long total = counts.values().stream().mapToLong(Integer::longValue).sum();
        boolean exact = total == (long) THREADS * MERGES && counts.size() == KEYS
                && counts.values().stream().allMatch(c -> c == THREADS * MERGES / KEYS);
        if (!exact) wrong++;
        if (failure.get() != null) exceptions++;
        lowest = Math.min(lowest, total);
    }
    return new Outcome(wrong, exceptions, lowest);
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE =
        "usage: shared_map.java [--trials N]   (N from 1 to 1000, default 20)";

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
