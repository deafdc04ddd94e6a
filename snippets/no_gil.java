///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION No GIL: a thread per CPU counts primes faster; virtual threads, a lock: no
//DOCS ../docs/threads.md

/*
 * Question: do threads make CPU-bound work faster in Java? In Python they don't: the GIL
 * lets one thread at a time run Python code.
 * Answer: yes. Java has no GIL, so one platform thread per CPU counts primes up to CPUs
 * times faster than one thread. Virtual threads run on the same CPUs: no faster. When
 * every chunk of work holds one shared lock, as a GIL does, the gain is gone.
 * Claim: on 2+ CPUs the thread per CPU beats one thread (no_gil.claims says by how much);
 * on 1 CPU nothing can; the global lock gives no speedup on any machine.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int LIMIT = 2_000_000, CHUNKS = 20, ROUNDS = 5; // ~0.15 s work on one core
static final Object GLOBAL_LOCK = new Object();

/** A way to run the chunks: the executor they run on, and whether each takes the lock. */
record Way(String name, Supplier<ExecutorService> executor, boolean globalLock) {}

void main(String[] args) throws Exception {
    noArguments(args);
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
    report(ways.get(2), best[2], best[0], "same CPUs, same work: no faster");
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
                synchronized (GLOBAL_LOCK) { return primesBetween(from, to); } // GIL-like
            }));
        }
        int total = 0;
        for (Future<Integer> count : counts) total += count.get(60, TimeUnit.SECONDS);
        return total;
    }
}

static int primesBetween(int from, int to) {
    int count = 0;
    for (int n = from; n < to; n++) if (isPrime(n)) count++;
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

static final String USAGE = "usage: no_gil.java   (no arguments)";

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
