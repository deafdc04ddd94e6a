///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Bounded concurrency: a Semaphore keeps virtual threads to N calls at once
//DOCS ../docs/async-patterns.md

/*
 * Question: 9 tasks on virtual threads call a service that can serve 3 calls at once.
 * How do you keep them to 3 without giving up a thread per task?
 * Answer: a Semaphore with 3 permits around the call: a task takes a permit before the
 * call and gives it back in a finally block. The service then never sees more than 3
 * calls, while every task still has its own virtual thread. A fixed pool of 3 threads
 * limits the calls too, but by limiting the tasks: only 3 of them run at all.
 * Claim: on any machine, without a limit the service sees more than 3 calls at once; with
 * the Semaphore and with the pool it sees exactly 3 at most, and the limit is reached.
 * Each way's timeline shows when every call started and ended.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int TASKS = 9, PERMITS = 3;
static final long CALL_MS = 50;

void main(String[] args) throws InterruptedException {
    checkNoArguments(args);
    print("CPUs: %d; %d tasks, each calls a service that takes %d ms; limit: %d calls",
            Runtime.getRuntime().availableProcessors(), TASKS, CALL_MS, PERMITS);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        batch("virtual threads, no limit", executor, Service::call);
    }
    // tag::core[]
    var permits = new Semaphore(PERMITS);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        batch("virtual threads + Semaphore(" + PERMITS + ")", executor, service -> {
            permits.acquire();                 // waits while PERMITS calls are in flight
            try {
                return service.call();
            } finally {
                permits.release();             // always: a lost permit is lost for good
            }
        });
    }
    try (var executor = Executors.newFixedThreadPool(PERMITS)) { // limits whole tasks
        batch("fixed pool of " + PERMITS + " threads", executor, Service::call);
    }
    // end::core[]
}

/**
 * A service that takes CALL_MS per call, counts the calls it serves at one time, and
 * notes when each call started and ended.
 */
static final class Service {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final long created = System.nanoTime();
    private final Queue<long[]> calls = new ConcurrentLinkedQueue<>();

    String call() throws InterruptedException {
        long start = System.nanoTime() - created;
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(CALL_MS);
            return "ok";
        } finally {
            // noted before the count drops (and before a permit goes back), so a call
            // let in after this one ended cannot seem to start before its end
            calls.add(new long[] {start, System.nanoTime() - created});
            inFlight.decrementAndGet();
        }
    }
}

interface Task { String run(Service service) throws InterruptedException; }

/** Runs TASKS tasks on the executor against a new service; reports its busiest moment. */
void batch(String way, ExecutorService executor, Task task) throws InterruptedException {
    var service = new Service();
    long start = System.nanoTime();
    var futures = new ArrayList<Future<String>>();
    for (int i = 0; i < TASKS; i++) futures.add(executor.submit(() -> task.run(service)));
    for (Future<String> future : futures) {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a task failed", e.getCause());
        }
    }
    print("%-30s: at most %d calls at once, all %d done in %d ms", way,
            service.most.get(), TASKS, (System.nanoTime() - start) / 1_000_000);
    printTimeline(way, service);
}

/** One row per call, in the order they started: its start and end in whole ms. */
void printTimeline(String way, Service service) {
    print("timeline: %s, ms since the first call started", way);
    List<long[]> calls = service.calls.stream()
            .sorted(Comparator.comparingLong(call -> call[0])).toList();
    long first = calls.getFirst()[0];
    for (int i = 0; i < calls.size(); i++) {
        print("  call %d  %3d .. %3d", i + 1, (calls.get(i)[0] - first) / 1_000_000,
                (calls.get(i)[1] - first) / 1_000_000);
    }
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: bounded.java   (no arguments)";

/** --help prints the usage (exit 0); any argument fails (exit 2). */
void checkNoArguments(String[] args) {
    if (args.length == 0) return;
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    System.err.println(USAGE);
    System.exit(2);
}
