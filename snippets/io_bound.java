///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION I/O-bound: blocked threads overlap their waits; a batch takes its longest
//DOCS ../docs/threads.md

/*
 * Question: tasks that mostly wait (for a network reply, a disk, a database): do threads
 * make them faster?
 * Answer: yes, even on one CPU: a blocked thread uses no CPU, so with one thread per task
 * the waits overlap and the batch takes about as long as its longest task, not the sum.
 * Virtual threads make "one thread per task" cheap enough for 10,000 tasks.
 * Claim: on any machine, one after another takes the sum, a thread per task about the
 * longest wait. (Thread.sleep stands in for the blocking call.)
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int TASKS = 10, FIRST_WAIT_MS = 100, WAIT_STEP_MS = 10;
static final int MANY = 10_000, MANY_WAIT_MS = 1_000;
/** Each timed task of the way being measured: {wait in ms, start in ns, end in ns}. */
final Queue<long[]> timeline = new ConcurrentLinkedQueue<>();

void main(String[] args) throws Exception {
    noArguments(args);
    int[] waits = new int[TASKS];
    for (int i = 0; i < TASKS; i++) waits[i] = FIRST_WAIT_MS + WAIT_STEP_MS * i;
    List<Callable<Integer>> tasks = Arrays.stream(waits)
            .mapToObj(wait -> timed(wait, blockingCall(wait))).toList();
    var stats = Arrays.stream(waits).summaryStatistics();
    print("CPUs: %d, %d tasks, each blocks %d to %d ms in Thread.sleep",
            Runtime.getRuntime().availableProcessors(), TASKS, stats.getMin(),
            stats.getMax());
    print("the waits add up to %,d ms; the longest is %d ms", stats.getSum(),
            stats.getMax());
    // tag::core[]
    long start = System.nanoTime();
    for (Callable<Integer> task : tasks) task.call();       // one after another
    report("sequential", millisSince(start), "one task after another: the sum");

    // One thread per task: every task is waiting at the same time.
    report("fixed pool of " + TASKS, runAll(Executors.newFixedThreadPool(TASKS), tasks),
            "all tasks wait at once: the longest");
    report("virtual threads", runAll(Executors.newVirtualThreadPerTaskExecutor(), tasks),
            "one virtual thread per task: the longest");
    // Not CompletableFuture.supplyAsync(task) without an executor: on JDK 25 that runs on
    // the common pool, CPUs - 1 threads (just 1 on 2 CPUs): blocking tasks wait in line.

    // The JEP 444 example: a virtual thread costs a little heap, not an OS thread.
    List<Callable<Integer>> many = Collections.nCopies(MANY, blockingCall(MANY_WAIT_MS));
    long manyMillis = runAll(Executors.newVirtualThreadPerTaskExecutor(), many);
    long oneAfterAnotherSeconds = (long) MANY * MANY_WAIT_MS / 1_000;
    print("%,d tasks x %d s on virtual threads: %,d ms (one after another: %,d s, %.1f"
            + " hours)", MANY, MANY_WAIT_MS / 1_000, manyMillis, oneAfterAnotherSeconds,
            oneAfterAnotherSeconds / 3600.0);
    // end::core[]
}

/** A task that blocks like a slow remote call, then returns how long it waited. */
Callable<Integer> blockingCall(int millis) {
    return () -> {
        Thread.sleep(millis);  // an interrupt ends the wait: the exception propagates
        return millis;
    };
}

/** The task, noting in the timeline when it started and ended. */
Callable<Integer> timed(int wait, Callable<Integer> task) {
    return () -> {
        long start = System.nanoTime();
        try {
            return task.call();
        } finally {
            timeline.add(new long[] {wait, start, System.nanoTime()});
        }
    };
}

/** Runs every task on the executor, waits for all of them, shuts the executor down. */
long runAll(ExecutorService executor, List<Callable<Integer>> tasks) throws Exception {
    long start = System.nanoTime();
    try (executor) {
        // invokeAll with a time limit: a task still running after 30 s is cancelled.
        for (Future<Integer> result : executor.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
            if (result.state() != Future.State.SUCCESS) {
                throw new IllegalStateException("a task ended " + result.state());
            }
        }
    }
    return millisSince(start);
}

long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;  // rounded down: never below the wait
}

/** The way's time, then its timeline: a row per task, ms since the first one started. */
void report(String name, long millis, String why) {
    print("%-16s: %,d ms (%s)", name, millis, why);
    print("timeline: %s, ms since the first task started", name);
    List<long[]> rows = timeline.stream()
            .sorted(Comparator.comparingLong(task -> task[0])).toList();
    long first = rows.stream().mapToLong(task -> task[1]).min().orElseThrow();
    for (long[] task : rows) {
        print("  waits %d ms  %,5d .. %,5d", task[0], (task[1] - first) / 1_000_000,
                (task[2] - first) / 1_000_000);
    }
    timeline.clear();
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: io_bound.java   (no arguments)";

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
