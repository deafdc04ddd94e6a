///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION CPU work on a thread per CPU and on a JVM per CPU: the JVMs are no faster
//DOCS ../docs/processes.md

/*
 * Question: Python code uses a process per CPU to speed up CPU-bound work. Should Java?
 * Answer: no. Java threads already run on every CPU at once (threads.md, no GIL), so
 * worker JVMs add no CPUs. They add costs instead: each one starts a JVM, loads classes
 * and warms up its JIT compiler before its work runs at full speed. Use a process for
 * isolation, not for speed.
 * Claim: on any machine, a worker JVM per CPU is no faster than a thread per CPU, and
 * each worker's start-up is measured; on 1 CPU neither is faster than one thread.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int LIMIT = 1_000_000, ROUNDS = 5;   // ~0.05 s of work on one core
static final String WORKER = "--worker";
static final Duration WORKER_LIMIT = Duration.ofSeconds(30); // a slower worker is killed

void main(String[] args) throws Exception {
    if (workerPart(args) instanceof int[] part) {      // the main guard: a worker counts
        IO.println("ready");                           // its part, reports, and exits
        IO.println(primesInPart(part[0], part[1]));
        return;
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    print("CPUs: %d; work: count the primes below %,d, one part per CPU; best of %d runs",
            cpus, LIMIT, ROUNDS);
    // tag::core[]
    long oneThread = best(() -> onThreads(1));
    long threads = best(() -> onThreads(cpus));       // one thread per CPU, in this JVM
    List<Long> startUps = new ArrayList<>();
    long workers = best(() -> onWorkerJvms(cpus, startUps)); // one JVM per CPU
    print("1 thread          : %,d ms (the baseline)", oneThread / 1_000_000);
    print("thread per CPU    : %,d ms, speedup %.2fx", threads / 1_000_000,
            (double) oneThread / threads);
    print("worker JVM per CPU: %,d ms, speedup %.2fx; JVM start-up %,d ms per worker",
            workers / 1_000_000, (double) oneThread / workers,
            median(startUps) / 1_000_000);
    print("verdict: %s", cpus == 1 ? "1 CPU: neither threads nor JVMs can speed it up"
            : "worker JVMs add no CPUs to the threads: they add JVM start-ups");
    // end::core[]
}

/** Counts the primes on a pool of `threads` threads, one part each; the time taken. */
long onThreads(int threads) throws Exception {
    long start = System.nanoTime();
    var counts = new ArrayList<Future<Integer>>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
        for (int part = 0; part < threads; part++) {
            int index = part;
            counts.add(pool.submit(() -> primesInPart(index, threads)));
        }
    }                                                 // close() waits for every part
    long elapsed = System.nanoTime() - start;
    check(sum(counts.stream().map(Future::resultNow).toList()));
    return elapsed;
}

/** Counts the primes in `jvms` worker JVMs, one part each; the time taken. */
long onWorkerJvms(int jvms, List<Long> startUps) throws Exception {
    long start = System.nanoTime();
    var workers = new ArrayList<Process>();
    try {
        for (int part = 0; part < jvms; part++) {
            workers.add(new ProcessBuilder(thisProgram(WORKER, part + "/" + jvms))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        for (Process worker : workers) {        // they start side by side; wait for each
            if (!"ready".equals(worker.inputReader().readLine())) {
                throw new IllegalStateException("worker " + worker.pid() + " not ready");
            }
            startUps.add(System.nanoTime() - start); // its main runs: the JVM has started
        }
        var counts = new ArrayList<Integer>();
        for (Process worker : workers) {
            counts.add(Integer.parseInt(worker.inputReader().readLine()));
        }
        for (Process worker : workers) {
            if (!worker.waitFor(WORKER_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                    || worker.exitValue() != 0) throw new IllegalStateException("worker");
        }
        check(sum(counts));
        return System.nanoTime() - start;
    } finally {
        workers.forEach(Process::destroyForcibly);    // none is left behind on a failure
    }
}

interface Timed { long run() throws Exception; }

/** Runs it once to warm up, then ROUNDS times; the best time. */
long best(Timed way) throws Exception {
    way.run();
    long best = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) best = Math.min(best, way.run());
    return best;
}

int expected = -1;

/** Every way must find the same primes: using the result keeps the work from the JIT. */
void check(int primes) {
    if (expected == -1) expected = primes;
    if (primes != expected) throw new IllegalStateException(primes + " != " + expected);
}

static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
}

static int sum(List<Integer> counts) {
    return counts.stream().mapToInt(Integer::intValue).sum();
}

/** Part `part` of `parts` of the primes below LIMIT: every part gets small and large odd
 *  numbers (1, 5, 9, ... and 3, 7, 11, ... for two parts), so each has the same work. */
static int primesInPart(int part, int parts) {
    int count = part == 0 ? 1 : 0;                    // 2, the only even prime
    for (int n = 2 * part + 1; n < LIMIT; n += 2 * parts) if (isPrime(n)) count++;
    return count;
}

/** For odd n only. */
static boolean isPrime(int n) {
    if (n < 3) return false;
    for (int divisor = 3; (long) divisor * divisor <= n; divisor += 2) {
        if (n % divisor == 0) return false;
    }
    return true;
}

/** The command that runs this program again in a new JVM, with the given arguments. */
List<String> thisProgram(String... args) {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    var command = new ArrayList<>(List.of(java));
    // Run by JBang (or `java -cp`), this class is on the class path. `java X.java`
    // compiles it in memory instead, and names the source file in this property.
    String source = System.getProperty("jdk.launcher.sourcefile");
    if (source != null) command.add(source);
    else command.addAll(List.of("-cp", System.getProperty("java.class.path"),
            getClass().getName()));
    command.addAll(List.of(args));
    return command;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: cpu_workers.java   (no arguments; " + WORKER
        + " PART/PARTS is how it starts its workers)";

/** A worker's {part, parts}, or null for the parent; --help and bad arguments exit. */
int[] workerPart(String[] args) {
    if (args.length == 0) return null;
    if (args.length == 2 && args[0].equals(WORKER)
            && args[1].matches("\\d{1,4}/\\d{1,4}")) {
        String[] numbers = args[1].split("/");
        int part = Integer.parseInt(numbers[0]), parts = Integer.parseInt(numbers[1]);
        if (part < parts) return new int[] {part, parts};
    }
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    System.err.println(USAGE);
    System.exit(2);
    return null; // not reached
}
