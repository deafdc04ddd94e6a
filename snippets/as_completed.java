///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION as_completed: results as tasks finish, with a CompletionService or futures
//DOCS ../docs/async-basics.md

/*
 * Question: Python's asyncio.as_completed hands you each result as soon as its task
 * finishes. How do you get results in completion order in Java?
 * Answer: ExecutorCompletionService: submit the tasks through it, and take() returns the
 * future of whichever task finished next. With CompletableFuture, let each future put its
 * result on a queue when it completes (whenComplete), and take from the queue.
 * Claim: on any machine, tasks of clearly different lengths (200 ms apart) come back
 * shortest first, each about when it finishes, not when the slowest one does.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final List<String> NAMES = List.of("slow", "fast", "medium");
static final List<Integer> WAITS_MS = List.of(600, 200, 400);
static final int PATIENCE_S = 10;           // every wait for a result is bounded by this
/** When each task of the current way started and ended (ns), by name; results so far. */
final Map<String, long[]> timeline = new ConcurrentHashMap<>();
int reported;

void main(String[] args) throws Exception {
    noArguments(args);
    print("CPUs: %d; submitted in this order: %s",
            Runtime.getRuntime().availableProcessors(), describeTasks());
    // tag::core[]
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        var completion = new ExecutorCompletionService<String>(executor);
        long start = System.nanoTime();
        for (Callable<String> task : tasks()) completion.submit(task);
        for (int i = 0; i < NAMES.size(); i++) {
            // the next task to finish (take() waits without a limit)
            Future<String> next = completion.poll(PATIENCE_S, TimeUnit.SECONDS);
            report("CompletionService", next == null ? null : next.get(), start); // done
        }

        var finished = new LinkedBlockingQueue<String>();
        start = System.nanoTime();
        for (Callable<String> task : tasks()) {
            CompletableFuture.supplyAsync(() -> callUnchecked(task), executor)
                    .whenComplete((name, failure) -> finished.add(
                            failure == null ? name : "failed: " + failure));
        }
        for (int i = 0; i < NAMES.size(); i++) {
            String name = finished.poll(PATIENCE_S, TimeUnit.SECONDS);
            report("CompletableFuture", name, start);
        }
    }
    // end::core[]
}

List<Callable<String>> tasks() {
    var tasks = new ArrayList<Callable<String>>();
    for (int i = 0; i < NAMES.size(); i++) {
        String name = NAMES.get(i);
        int millis = WAITS_MS.get(i);
        tasks.add(() -> {
            long start = System.nanoTime();
            try {
                Thread.sleep(millis);              // stands for a remote call
                return name;
            } finally {
                timeline.put(name, new long[] {start, System.nanoTime()});
            }
        });
    }
    return tasks;
}

String describeTasks() {
    var described = new ArrayList<String>();
    for (int i = 0; i < NAMES.size(); i++) {
        described.add(NAMES.get(i) + " (" + WAITS_MS.get(i) + " ms)");
    }
    return String.join(", ", described);
}

/** One result as it arrived; after a way's last one, the timeline of its tasks. */
void report(String way, String name, long start) {
    print("%-17s: %-6s after %,d ms", way, name == null ? "(none)" : name,
            (System.nanoTime() - start) / 1_000_000);
    if (++reported % NAMES.size() != 0) return;
    print("timeline: %s, tasks in the order submitted, ms since the first submit", way);
    for (String task : NAMES) {
        long[] span = timeline.get(task);
        print("  %-6s  %,5d .. %,5d", task, (span[0] - start) / 1_000_000,
                (span[1] - start) / 1_000_000);
    }
    timeline.clear();
}

/** supplyAsync takes a Supplier, which cannot throw checked exceptions: wrap them. */
static String callUnchecked(Callable<String> task) {
    try {
        return task.call();
    } catch (Exception e) {
        throw new CompletionException(e);
    }
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: as_completed.java   (no arguments)";

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
