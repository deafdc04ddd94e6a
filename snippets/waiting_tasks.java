///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION 10,000 waiting tasks: a virtual thread each, a platform thread each, a pool
//DOCS ../docs/async-basics.md

/*
 * Question: 10,000 tasks each wait 1 s (for a reply, say). What does each way of giving
 * them threads cost?
 * Answer: a virtual thread per task: about 1 s in all; starting 10,000 virtual threads
 * takes a fraction of a second. A platform thread per task also overlaps the waits, but
 * each one is an operating-system thread, and creating 10,000 of them takes seconds. A
 * fixed pool runs only as many tasks at once as it has threads: with 100 threads, 10,000
 * tasks take 100 rounds of 1 s. That is too long to run, so it runs a share of 200 tasks
 * and the whole batch is worked out by arithmetic, labelled as such.
 * Claim: on any machine, virtual threads finish all 10,000 in about 1 s; platform threads
 * take several times longer than virtual threads to get every task waiting; the pool's
 * share takes its 2 rounds.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int TASKS = 10_000, WAIT_MS = 1_000;
static final int POOL_THREADS = 100, POOL_SHARE = 200;  // 2 of the pool's 100 rounds

static final int SAMPLE_EVERY = 1_000;   // the timeline shows task 1, 1,001, ..., 10,000
/** When the sampled tasks of the current batch began and ended (ns), by task number. */
final Map<Integer, long[]> sampled = new ConcurrentSkipListMap<>();

/** A batch's cost: until all tasks waited, until all were done, memory meanwhile. */
record Cost(long allWaitingMs, long doneMs, long memoryMb) {}

void main(String[] args) throws Exception {
    noArguments(args);
    print("CPUs: %d; %,d tasks, each waits %d s in Thread.sleep",
            Runtime.getRuntime().availableProcessors(), TASKS, WAIT_MS / 1_000);
    // tag::core[]
    report("virtual thread per task",
            runBatch(TASKS, Executors.newVirtualThreadPerTaskExecutor()));
    report("platform thread per task", runBatch(TASKS,
            Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())));

    Cost share = runBatch(POOL_SHARE, Executors.newFixedThreadPool(POOL_THREADS));
    print("%-24s: a share of %d tasks (%d rounds of %d) done in %,d ms",
            "fixed pool of " + POOL_THREADS, POOL_SHARE, POOL_SHARE / POOL_THREADS,
            POOL_THREADS, share.doneMs());
    int rounds = TASKS / POOL_THREADS;     // each round: POOL_THREADS tasks wait at once
    print("%-24s: all %,d tasks = %d rounds x %d s = %,d s (arithmetic, not measured)",
            "fixed pool of " + POOL_THREADS, TASKS, rounds, WAIT_MS / 1_000,
            rounds * WAIT_MS / 1_000);
    // end::core[]
}

/** Runs `tasks` tasks that each wait WAIT_MS on the executor, then closes it. */
Cost runBatch(int tasks, ExecutorService executor) throws InterruptedException {
    var waiting = new CountDownLatch(tasks);
    long memoryBefore = residentMemoryBytes();
    long start = System.nanoTime();
    long allWaiting, memoryMeanwhile;
    try (executor) {                               // close() waits for every task
        for (int i = 0; i < tasks; i++) {
            int number = i + 1;
            boolean inTimeline = i % SAMPLE_EVERY == 0 || number == tasks;
            executor.execute(() -> {
                long began = System.nanoTime();
                waiting.countDown();
                try {
                    Thread.sleep(WAIT_MS);          // stands for a blocking call
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                long ended = System.nanoTime();
                if (inTimeline) sampled.put(number, new long[] {began, ended});
            });
        }
        // A pool runs only POOL_THREADS at once: its last tasks wait in its queue first.
        if (!waiting.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the tasks did not all start within 60 s");
        }
        allWaiting = millisSince(start);
        memoryMeanwhile = residentMemoryBytes();
    }
    batchStart = start;
    return new Cost(allWaiting, millisSince(start),
            Math.max(0, memoryMeanwhile - memoryBefore) / (1 << 20));
}

long batchStart;   // of the batch whose sampled tasks the timeline shows

void report(String way, Cost cost) {
    print("%-24s: all %,d waiting after %,d ms, done in %,d ms, memory +%,d MB", way,
            TASKS, cost.allWaitingMs(), cost.doneMs(), cost.memoryMb());
    print("timeline: %s, every %,dth task, ms since the first was submitted", way,
            SAMPLE_EVERY);
    sampled.forEach((number, span) -> print("  task %,6d  %,5d .. %,5d", number,
            (span[0] - batchStart) / 1_000_000, (span[1] - batchStart) / 1_000_000));
    sampled.clear();
}

/** The process's resident memory (Linux: VmRSS in /proc/self/status), 0 if unknown. */
long residentMemoryBytes() {
    try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;  // given in kB
            }
        }
    } catch (IOException | NumberFormatException e) {
        // not Linux: report no growth rather than a wrong number
    }
    return 0;
}

long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: waiting_tasks.java   (no arguments)";

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
