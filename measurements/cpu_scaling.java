///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Measures CPU-bound speedup for 1 to 2 x CPUs threads, four ways; prints JSON

/*
 * For ./measure (docs/measurements.md): the same work, counting the primes below LIMIT in
 * CHUNKS chunks, run by 1 to 2 x CPUs workers in four ways:
 *   platform     - that many platform threads, each taking the next chunk until none
 *                  is left
 *   virtual      - the same with virtual threads
 *   stream       - a parallel stream over the chunks, in a ForkJoinPool of that
 *                  parallelism
 *   global_lock  - platform threads again, but every chunk holds one shared lock (a GIL)
 * Each point is the best of ROUNDS runs; the ways and thread counts take turns within a
 * round, so a burst of load from another program slows them alike. Prints one JSON
 * object.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int LIMIT = 1_000_000, CHUNKS = 48;
static final Object GLOBAL_LOCK = new Object();

void main(String[] args) throws Exception {
    int cpus = Runtime.getRuntime().availableProcessors();
    int maxThreads = option(args, "--max-threads", 2 * cpus);
    int rounds = option(args, "--rounds", 5);
    List<String> ways = List.of("platform", "virtual", "stream", "global_lock");
    int primes = run("platform", 1);
    for (String way : ways) check(run(way, cpus), primes);  // warm-up: the JIT compiles
    var best = new LinkedHashMap<String, long[]>();
    for (String way : ways) {
        long[] times = new long[maxThreads];
        Arrays.fill(times, Long.MAX_VALUE);
        best.put(way, times);
    }
    for (int round = 0; round < rounds; round++) {
        for (int threads = 1; threads <= maxThreads; threads++) {
            for (String way : ways) {
                long start = System.nanoTime();
                check(run(way, threads), primes);
                long nanos = System.nanoTime() - start;
                long[] times = best.get(way);
                times[threads - 1] = Math.min(times[threads - 1], nanos);
            }
        }
    }
    var json = new StringBuilder();
    json.append(String.format(Locale.ROOT, "{\"cpus\": %d, \"limit\": %d, \"chunks\": %d,"
            + " \"primes\": %d, \"rounds\": %d,%n \"threads\": [", cpus, LIMIT, CHUNKS,
            primes, rounds));
    for (int t = 1; t <= maxThreads; t++) json.append(t == 1 ? "" : ", ").append(t);
    json.append("],\n \"best_ms\": {");
    String separator = "\n";
    for (var entry : best.entrySet()) {
        json.append(separator).append("  \"").append(entry.getKey()).append("\": [");
        long[] times = entry.getValue();
        for (int t = 0; t < times.length; t++) {
            json.append(t == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%.1f", times[t] / 1e6));
        }
        json.append("]");
        separator = ",\n";
    }
    IO.println(json.append("\n }\n}"));
}

/** Counts the primes below LIMIT with `threads` workers in the given way. */
int run(String way, int threads) throws Exception {
    return switch (way) {
        case "platform" -> workers(Thread.ofPlatform(), threads, false);
        case "virtual" -> workers(Thread.ofVirtual(), threads, false);
        case "global_lock" -> workers(Thread.ofPlatform(), threads, true);
        case "stream" -> {
            // A parallel stream runs its tasks in the pool it is started from
            // (ForkJoinTask.fork), so this pool's parallelism sets its thread count.
            try (var pool = new ForkJoinPool(threads)) {
                yield pool.submit(() -> IntStream.range(0, CHUNKS).parallel()
                        .map(this::chunk).sum()).get(60, TimeUnit.SECONDS);
            }
        }
        default -> throw new IllegalArgumentException(way);
    };
}

/** `threads` threads take chunks from a shared counter until none is left. */
int workers(Thread.Builder builder, int threads, boolean globalLock)
        throws InterruptedException {
    var next = new AtomicInteger();
    var primes = new AtomicInteger();
    Runnable worker = () -> {
        for (int c; (c = next.getAndIncrement()) < CHUNKS; ) {
            if (globalLock) {
                synchronized (GLOBAL_LOCK) { primes.addAndGet(chunk(c)); }
            } else {
                primes.addAndGet(chunk(c));
            }
        }
    };
    var started = new ArrayList<Thread>();
    for (int t = 0; t < threads; t++) started.add(builder.start(worker));
    for (Thread thread : started) {
        if (!thread.join(Duration.ofSeconds(60))) throw new IllegalStateException("hung");
    }
    return primes.get();
}

int chunk(int c) {
    int size = LIMIT / CHUNKS, from = c * size;
    int to = c == CHUNKS - 1 ? LIMIT : from + size;
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

static void check(int found, int expected) {
    // Using the result keeps the JIT from dropping the work as dead code.
    if (found != expected) throw new IllegalStateException(found + " != " + expected);
}

static final String USAGE = "usage: cpu_scaling.java [--max-threads N] [--rounds N]";

static int option(String[] args, String name, int fallback) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    for (int i = 0; i < args.length; i++) {
        if (i % 2 == 1) continue;
        boolean known = args[i].equals("--max-threads") || args[i].equals("--rounds");
        if (!known || i + 1 == args.length || !args[i + 1].matches("[1-9]\\d{0,3}")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
    }
    return fallback;
}
