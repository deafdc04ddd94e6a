///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION No GIL: a thread per CPU counts primes faster; virtual threads, a lock: no
//DOCS ../docs/threads.md

/*
 * Question: do threads make CPU-bound work faster in Java? In Python they don't: the GIL
 * lets one thread at a time run Python code.
 * Answer: yes. Java has no GIL, so one platform thread per CPU counts primes up to CPUs
 * times faster than one thread. Virtual threads run on the same CPUs: about as fast. When
 * every chunk of work holds one shared lock, as a GIL does, the gain is gone.
 * Claim: on 2+ CPUs the thread per CPU beats one thread (no_gil.claims says by how much);
 * on 1 CPU nothing can; the global lock gives no speedup on any machine. Every wait is
 * bounded (--limit-ms): on timeout the chunks are interrupted, and they stop, because the
 * loop checks for an interrupt and the lock is taken with lockInterruptibly.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int LIMIT = 2_000_000, CHUNKS = 20, ROUNDS = 5; // ~0.15 s work on one core
static final ReentrantLock GLOBAL_LOCK = new ReentrantLock();  // see countPrimes

/** A way to run the chunks: the executor they run on, and whether each takes the lock. */
record Way(String name, Supplier<ExecutorService> executor, boolean globalLock) {}

Duration limit;   // how long one way may take to count the primes before we give up

void main(String[] args) throws Exception {
    limit = limitFrom(args);
    int cpus = Runtime.getRuntime().availableProcessors();
    print("CPUs: %d, work: count the primes below %,d in %d chunks, best of %d runs each",
            cpus, LIMIT, CHUNKS, ROUNDS);
    // tag::core[]
    List<Way> ways = List.of(
            new Way("1 thread", Executors::newSingleThreadExecutor, false),
            new Way("thread per CPU", () -> Executors.newFixedThreadPool(cpus), false),
            new Way("virtual threads", Executors::newVirtualThreadPerTaskExecutor, false),
            // the same threads, but each chunk holds GLOBAL_LOCK, as Python's GIL does
            new Way("one global lock", () -> Executors.newFixedThreadPool(cpus), true));
    int primes = warmUp(ways);
    long[] best = bestTimes(ways, primes);
    print("%-15s: %,d ms, %,d primes found (the baseline)", ways.get(0).name(),
            best[0] / 1_000_000, primes);
    report(ways.get(1), best[1], best[0], cpus >= 2
            ? "no GIL: the threads can run on several CPUs at once"
            : "1 CPU: no speedup is possible");
    report(ways.get(2), best[2], best[0], "carriers on the same CPUs: about the same");
    report(ways.get(3), best[3], best[0], "one chunk at a time, like Python's GIL");
    // end::core[]
}

/** Runs every way once, so the JIT compiles the loop; the number of primes found. */
int warmUp(List<Way> ways) throws Exception {
    int primes = 0;
    for (Way way : ways) primes = countPrimes(way);
    return primes;
}

/** The best time of each way over ROUNDS rounds, in nanoseconds. */
long[] bestTimes(List<Way> ways, int primes) throws Exception {
    // The ways take turns in every round, so a burst of load from another program slows
    // them alike; the best of the rounds is what the work needs when the CPUs are free.
    long[] best = new long[ways.size()];
    Arrays.fill(best, Long.MAX_VALUE);
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < ways.size(); i++) {
            long start = System.nanoTime();
            int found = countPrimes(ways.get(i));
            best[i] = Math.min(best[i], System.nanoTime() - start);
            // Using the result keeps the JIT from dropping the work as dead code.
            if (found != primes) throw new IllegalStateException(found + " != " + primes);
        }
    }
    return best;
}

void report(Way way, long nanos, long baselineNanos, String why) {
    print("%-15s: %,d ms, speedup %.2fx (%s)", way.name(), nanos / 1_000_000,
            (double) baselineNanos / nanos, why);
}

/** Splits [0, LIMIT) into CHUNKS ranges, counts each on the way's executor, adds up. */
int countPrimes(Way way) throws Exception {
    int size = LIMIT / CHUNKS;
    try (ExecutorService executor = way.executor().get()) {
        var counts = new ArrayList<Future<Integer>>();
        for (int c = 0; c < CHUNKS; c++) {
            int from = c * size, to = from + size;
            counts.add(executor.submit(() -> {
                if (!way.globalLock()) return primesBetween(from, to);
                // lockInterruptibly, not synchronized: a waiting thread stops when it is
                // interrupted; one waiting to enter synchronized ignores the interrupt.
                GLOBAL_LOCK.lockInterruptibly();                          // GIL-like
                try { return primesBetween(from, to); } finally { GLOBAL_LOCK.unlock(); }
            }));
        }
        long deadline = System.nanoTime() + limit.toNanos();   // one limit for all chunks
        try {
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            return total;
        } catch (TimeoutException e) {
            // Leaving the try would run close(), which waits for every chunk: interrupt
            // them first. They stop because they check; work that never checks would
            // keep close() waiting, whatever the timeout said.
            long interrupted = System.nanoTime();
            executor.shutdownNow();
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) throw e;  // not stopped
            throw new TimeoutException(String.format(Locale.ROOT, "%s: gave up after %d"
                    + " ms; the interrupted chunks stopped within %d ms", way.name(),
                    limit.toMillis(), (System.nanoTime() - interrupted) / 1_000_000));
        }
    }
}

static int primesBetween(int from, int to) throws InterruptedException {
    int count = 0;
    for (int n = from; n < to; n++) {
        // A CPU loop that never looks at its interrupt flag cannot be stopped.
        if (Thread.interrupted()) throw new InterruptedException("stopped at " + n);
        if (isPrime(n)) count++;
    }
    return count;
}

static boolean isPrime(int n) {
    if (n < 2) return false;
    if (n % 2 == 0) return n == 2;
    for (int divisor = 3; (long) divisor * divisor <= n; divisor += 2) {
        if (n % divisor == 0) return false;
    }
    return true;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE =
        "usage: no_gil.java [--limit-ms N]   (N from 1 to 600000, default 60000)";

/** The time limit; --help prints the usage (exit 0), a bad argument fails (exit 2). */
Duration limitFrom(String[] args) {
    if (args.length == 0) return Duration.ofSeconds(60);
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    if (args.length == 2 && args[0].equals("--limit-ms") && args[1].matches("\\d{1,6}")) {
        int millis = Integer.parseInt(args[1]);
        if (millis >= 1 && millis <= 600_000) return Duration.ofMillis(millis);
    }
    System.err.println(USAGE);
    System.exit(2);
    return null; // not reached
}
