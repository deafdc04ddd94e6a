///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION The common pool trap: blocking supplyAsync tasks queue; pass an executor
//DOCS ../docs/async-basics.md

/*
 * Question: CompletableFuture.supplyAsync(task) without an executor: where does the task
 * run, and what happens when the tasks block?
 * Answer: on JDK 25 they run on the ForkJoinPool common pool, which has one thread fewer
 * than the CPUs, and at least one: a single thread on a 2-CPU machine. A blocked task
 * keeps its thread, so blocking tasks wait in line for the few threads there are. Pass an
 * executor of virtual threads as the second argument and they all wait at once.
 * Claim: on any machine, 4 tasks per common-pool thread, each blocking 200 ms, take at
 * least 4 rounds (800 ms) on the common pool and less than that on virtual threads; the
 * common pool has CPUs - 1 threads, at least 1, unless a system property says otherwise.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int ROUNDS = 4, WAIT_MS = 200;

void main(String[] args) {
    noArguments(args);
    int parallelism = ForkJoinPool.getCommonPoolParallelism();
    int tasks = ROUNDS * parallelism;    // enough to keep every common-pool thread busy
    print("CPUs: %d, common pool threads: %d; %d tasks (%d per thread), each blocks"
            + " %d ms", Runtime.getRuntime().availableProcessors(), parallelism, tasks,
            ROUNDS, WAIT_MS);
    // tag::core[]
    long start = System.nanoTime();
    var onCommonPool = new ArrayList<CompletableFuture<String>>();
    for (int i = 0; i < tasks; i++) {
        // no executor: the task goes to the common pool
        onCommonPool.add(CompletableFuture.supplyAsync(this::blockingCall));
    }
    report("supplyAsync(task)", onCommonPool, start, "blocked tasks wait in line");

    try (var virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
        start = System.nanoTime();
        var onVirtualThreads = new ArrayList<CompletableFuture<String>>();
        for (int i = 0; i < tasks; i++) {
            onVirtualThreads.add(CompletableFuture.supplyAsync(this::blockingCall,
                    virtualThreads));                 // the executor: one thread per task
        }
        report("supplyAsync(task, executor)", onVirtualThreads, start,
                "all tasks wait at once");
    }
    // end::core[]
}

/** Blocks like a remote call; says where it ran. */
String blockingCall() {
    try {
        Thread.sleep(WAIT_MS);
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
    }
    return Thread.currentThread().isVirtual() ? "virtual thread"
            : Thread.currentThread().getName().replaceAll("-\\d+$", "");
}

/** Waits (bounded) for all the futures; prints the time and where the tasks ran. */
void report(String way, List<CompletableFuture<String>> futures, long start, String why) {
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
            .orTimeout(30, TimeUnit.SECONDS).join();
    long millis = (System.nanoTime() - start) / 1_000_000;
    var ranOn = new TreeSet<String>();
    futures.forEach(future -> ranOn.add(future.join()));
    print("%-27s: %,d ms on %s (%s)", way, millis, String.join(", ", ranOn), why);
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: common_pool.java   (no arguments)";

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
