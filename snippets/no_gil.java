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
 * Claim: on 2+ CPUs the threads get more than one CPU's worth of time per second, which
 * proves they ran at the same moment (impossible under a GIL); their speedup is the CPUs
 * they got times the speed of each CPU, which is lower when CPUs share a core or a host;
 * on 1 CPU nothing can speed up; the global lock gives no speedup on any machine. Other
 * programs that keep the CPUs busy lower what the threads get, and the output says so.
 * Every wait is bounded (--limit-ms): on timeout the chunks are interrupted, and they
 * stop, because the loop checks for an interrupt and the lock is taken with
 * lockInterruptibly.
 */
// Imports only what java.base lacks: a compact source file (JEP 512) imports java.base.
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

static final int LIMIT = 2_000_000, CHUNKS = 20, ROUNDS = 5; // ~0.15 s work on one core
static final ReentrantLock GLOBAL_LOCK = new ReentrantLock();  // see countPrimes
// Threads that used over 1.2 s of CPU per second of wall time ran at the same moment: one
// thread at a time can use at most 1.0. The 0.2 is a margin for clock granularity.
static final double AT_ONCE = 1.2;
static final ThreadMXBean CPU_CLOCK = ManagementFactory.getThreadMXBean();

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
    Timing[] best = bestTimes(ways, primes);
    Timing oneThread = best[0], threadPerCpu = best[1];
    print("%-15s: %,d ms on %.2f CPUs, %,d primes found (the baseline)",
            ways.get(0).name(), oneThread.millis(), oneThread.cpus(), primes);
    report(ways.get(1), threadPerCpu, oneThread, cpus < 2 ? "1 CPU: no speedup possible"
            : threadPerCpu.cpus() >= AT_ONCE ? "no GIL: they ran on several CPUs at once"
            : "other programs kept the CPUs busy: no proof they ran at once");
    report(ways.get(2), best[2], oneThread, "carriers on the same CPUs: about the same");
    report(ways.get(3), best[3], oneThread, "one chunk at a time, like Python's GIL");
    // end::core[]
}

/**
 * One timed run of a way: its wall time, and the CPU time its worker threads used, which
 * other programs lower when they take CPUs (-1: not measurable, see report).
 */
record Timing(long nanos, long workerCpuNanos) {
    long millis() { return nanos / 1_000_000; }
    /** The CPUs the workers kept busy on average: their CPU time over the wall time. */
    double cpus() { return (double) workerCpuNanos / nanos; }
    /**
     * How fast each CPU went, in percent of one thread alone: the same work took the
     * baseline's CPU time over this run's. Below 100 when busy CPUs slow each other down:
     * two hardware threads of one core (which availableProcessors() counts as two CPUs),
     * or a host that lends its cores to other machines.
     */
    long speedPercent(Timing baseline) {
        return Math.round(100.0 * baseline.workerCpuNanos() / workerCpuNanos);
    }
}

/** Runs every way once, so the JIT compiles the loop; the number of primes found. */
int warmUp(List<Way> ways) throws Exception {
    var found = new AtomicLong();
    int primes = 0;
    for (Way way : ways) primes = countPrimes(way, found);
    return primes;
}

/** The fastest run of each way over ROUNDS rounds. */
Timing[] bestTimes(List<Way> ways, int primes) throws Exception {
    // The ways take turns in every round, so a burst of load from another program slows
    // them alike; the best of the rounds is what the work needs when the CPUs are free.
    var best = new Timing[ways.size()];
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < ways.size(); i++) {
            var workerCpu = new AtomicLong();
            long start = System.nanoTime();
            int found = countPrimes(ways.get(i), workerCpu);
            var run = new Timing(System.nanoTime() - start, workerCpu.get());
            if (best[i] == null || run.nanos() < best[i].nanos()) best[i] = run;
            // Using the result keeps the JIT from dropping the work as dead code.
            if (found != primes) throw new IllegalStateException(found + " != " + primes);
        }
    }
    return best;
}

void report(Way way, Timing run, Timing baseline, String why) {
    // The JDK measures no CPU time for a virtual thread (ThreadMXBean gives -1).
    String cpus = run.workerCpuNanos() < 0 ? "" : String.format(Locale.ROOT,
            " on %.2f CPUs at %d%% speed", run.cpus(), run.speedPercent(baseline));
    print("%-15s: %,d ms%s, speedup %.2fx (%s)", way.name(), run.millis(), cpus,
            (double) baseline.nanos() / run.nanos(), why);
}

/**
 * Splits [0, LIMIT) into CHUNKS ranges, counts each on the way's executor, adds up; adds
 * the CPU time the chunks' threads used to workerCpu (or makes it -1 if it cannot tell).
 */
int countPrimes(Way way, AtomicLong workerCpu) throws Exception {
    int size = LIMIT / CHUNKS;
    try (ExecutorService executor = way.executor().get()) {
        var counts = new ArrayList<Future<Integer>>();
        for (int c = 0; c < CHUNKS; c++) {
            int from = c * size, to = from + size;
            counts.add(executor.submit(() -> {
                long cpuStart = CPU_CLOCK.getCurrentThreadCpuTime();   // -1 if virtual
                try {
                    if (!way.globalLock()) return primesBetween(from, to);
                    // lockInterruptibly, not synchronized: a waiting thread stops when it
                    // is interrupted; one waiting to enter synchronized ignores it.
                    GLOBAL_LOCK.lockInterruptibly();                          // GIL-like
                    try {
                        return primesBetween(from, to);
                    } finally {
                        GLOBAL_LOCK.unlock();
                    }
                } finally {
                    if (cpuStart < 0) workerCpu.set(-1);
                    else workerCpu.accumulateAndGet(
                            CPU_CLOCK.getCurrentThreadCpuTime() - cpuStart,
                            (sum, used) -> sum < 0 ? sum : sum + used);
                }
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
