///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Time and memory of 10 to 10,000 blocking tasks, three ways, as JSON

/*
 * For ./measure (docs/measurements.md): N tasks that each block BLOCK_MS in Thread.sleep
 * (a stand-in for waiting on I/O), run three ways:
 *   fixed_pool  - a fixed pool of POOL platform threads (at most POOL tasks wait at once)
 *   platform    - a new platform thread per task
 *   virtual     - a new virtual thread per task
 * Every point runs in a fresh JVM (this file again, with --point), so one point's heap
 * and threads cannot inflate the next one's memory. A point reports
 *   rss_mb          - how much the process's resident memory (VmRSS, Linux only) grew
 *                     while the N tasks all wait on a gate (a fixed pool: its POOL
 *                     threads wait, the rest are queued)
 *   ms              - then, the wall time from the first submit to the last task's end
 *                     when each task blocks BLOCK_MS
 *   most_in_flight  - the most of those tasks seen blocking at the same moment
 * Prints one JSON object.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int BLOCK_MS = 100, POOL = 100;
static final List<Integer> TASKS = List.of(10, 100, 1_000, 10_000);
static final List<String> WAYS = List.of("fixed_pool", "platform", "virtual");
static final Duration POINT_LIMIT = Duration.ofSeconds(60);

void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--point") && WAYS.contains(args[1])
            && args[2].matches("\\d{1,6}")) {
        point(args[1], Integer.parseInt(args[2]));
        return;
    }
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        return;
    }
    if (args.length != 0) {
        System.err.println(USAGE);
        System.exit(2);
    }
    var json = new StringBuilder(String.format(Locale.ROOT,
            "{\"cpus\": %d, \"block_ms\": %d, \"pool\": %d, \"tasks\": %s,%n"
            + " \"points\": {",
            Runtime.getRuntime().availableProcessors(), BLOCK_MS, POOL, TASKS));
    String separator = "\n";
    for (String way : WAYS) {
        json.append(separator).append("  \"").append(way).append("\": [");
        for (int i = 0; i < TASKS.size(); i++) {
            json.append(i == 0 ? "\n   " : ",\n   ").append(child(way, TASKS.get(i)));
        }
        json.append("]");
        separator = ",\n";
    }
    IO.println(json.append("\n }\n}"));
}

/** One point, in this JVM: measures memory, then time; prints one JSON object. */
void point(String way, int tasks) throws Exception {
    // Memory: every task waits on a gate, so all that can wait at once (the pool's
    // threads, or one thread per task) exist when the resident memory is read.
    long before = residentKb();
    int waiters = way.equals("fixed_pool") ? Math.min(tasks, POOL) : tasks;
    var started = new CountDownLatch(waiters);
    var gate = new CountDownLatch(1);
    long waiting;
    try (ExecutorService executor = executor(way)) {
        for (int i = 0; i < tasks; i++) {
            executor.execute(() -> {
                started.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (!started.await(POINT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("tasks did not start");
        }
        waiting = residentKb();
        gate.countDown();
    }
    // Time: every task blocks BLOCK_MS; from the first submit until the last one ends.
    var inFlight = new AtomicInteger();
    var mostInFlight = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService executor = executor(way)) {
        for (int i = 0; i < tasks; i++) {
            executor.execute(() -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(BLOCK_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
    } // close() waits for every task
    long nanos = System.nanoTime() - start;
    IO.println(String.format(Locale.ROOT, "{\"tasks\": %d, \"ms\": %.1f, \"rss_mb\": %s,"
            + " \"most_in_flight\": %d}", tasks, nanos / 1e6, before < 0 ? "null"
            : String.format(Locale.ROOT, "%.1f", (waiting - before) / 1024.0),
            mostInFlight.get()));
}

static ExecutorService executor(String way) {
    return switch (way) {
        case "fixed_pool" -> Executors.newFixedThreadPool(POOL);
        case "platform" ->
                Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory());
        default -> Executors.newVirtualThreadPerTaskExecutor();
    };
}

/** VmRSS of this process in kB, or -1 where /proc is missing (not Linux). */
static long residentKb() {
    try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
    } catch (IOException | NumberFormatException e) {
        return -1;
    }
    return -1;
}

/** Runs one point in a new JVM; its one line of JSON. */
String child(String way, int tasks) throws Exception {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String source = System.getProperty("jdk.launcher.sourcefile");
    var command = new ArrayList<>(List.of(java));
    command.addAll(source != null ? List.of(source)
            : List.of("-cp", System.getProperty("java.class.path"),
                    getClass().getName()));
    command.addAll(List.of("--point", way, String.valueOf(tasks)));
    Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    process.getOutputStream().close();
    var output = new FutureTask<>(() -> process.inputReader().lines().toList());
    Thread.ofVirtual().start(output);
    if (!process.waitFor(POINT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(way + " " + tasks + ": over " + POINT_LIMIT);
    }
    List<String> lines = output.get(5, TimeUnit.SECONDS);
    if (process.exitValue() != 0 || lines.size() != 1) {
        throw new IllegalStateException(way + " " + tasks + ": exit "
                + process.exitValue() + ", output " + lines);
    }
    return lines.getFirst();
}

static final String USAGE = "usage: io_scaling.java   (no arguments)";
