///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//PREVIEW
// javac would note on stderr that this file uses preview features: quiet it
//COMPILE_OPTIONS -XDsuppressNotes
//DESCRIPTION gather: invokeAll, allOf + join, StructuredTaskScope; only the scope cancels
//DOCS ../docs/async-basics.md

/*
 * Question: how do you run several tasks at once and collect all their results, as
 * Python's asyncio.gather does, and what happens to the others when one task fails?
 * Answer: three ways: ExecutorService.invokeAll, CompletableFuture.allOf + join, and
 * StructuredTaskScope (a preview API in JDK 25). All three return the results in the
 * order the tasks were given and take about as long as the longest task. When one task
 * fails, invokeAll and allOf still wait for every other task to finish; only the scope
 * cancels the others (it interrupts them) and reports the failure at once.
 * Claim: on any machine, results come in submission order, the batch takes at least the
 * longest wait and less than the sum; on a failure the sibling finishes under invokeAll
 * and allOf, and is interrupted under the scope, which fails before the sibling's wait.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final List<String> NAMES = List.of("a", "b", "c", "d", "e");
static final List<Integer> WAITS_MS = List.of(500, 100, 400, 200, 300);
static final int SIBLING_MS = 1_000;    // in the failing batch, how long "a" would wait

/** When each task of the batch being run started and ended (ns), by label. */
final Map<String, long[]> timeline = new ConcurrentHashMap<>();

/** One way to gather: run all tasks at once, return their results in the given order. */
interface Gather { List<String> all(List<Callable<String>> tasks) throws Exception; }

void main(String[] args) throws Exception {
    noArguments(args);
    print("CPUs: %d; tasks %s wait %s ms (longest %d, sum %,d)",
            Runtime.getRuntime().availableProcessors(), String.join(", ", NAMES),
            WAITS_MS.stream().map(String::valueOf).collect(Collectors.joining(", ")),
            Collections.max(WAITS_MS), WAITS_MS.stream().mapToInt(w -> w).sum());
    // tag::core[]
    Gather invokeAll = tasks -> {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<String>();
            for (Future<String> f : executor.invokeAll(tasks)) results.add(f.get());
            return results;                       // invokeAll returned when all were done
        }
    };
    Gather allOf = tasks -> {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> futures = tasks.stream()
                    .map(task -> CompletableFuture.supplyAsync(() -> callUnchecked(task),
                            executor)).toList();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            return futures.stream().map(CompletableFuture::join).toList();
        }
    };
    Gather structured = tasks -> {
        try (var scope = StructuredTaskScope.open(
                StructuredTaskScope.Joiner.<String>allSuccessfulOrThrow())) {
            tasks.forEach(scope::fork);           // each on its own virtual thread
            // join() waits for all; the first failure cancels the scope instead
            return scope.join().map(StructuredTaskScope.Subtask::get).toList();
        }
    };
    // end::core[]
    var ways = new LinkedHashMap<String, Gather>();
    ways.put("invokeAll", invokeAll);
    ways.put("allOf + join", allOf);
    ways.put("StructuredTaskScope", structured);
    ways.forEach(this::gatherAll);
    print("then b fails as soon as a has started; a would wait %,d ms", SIBLING_MS);
    ways.forEach(this::gatherWithAFailure);
}

/** Every task succeeds: the results, their order and the elapsed time. */
void gatherAll(String way, Gather gather) {
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
        tasks.add(timed(NAMES.get(i), sleeping(NAMES.get(i), WAITS_MS.get(i))));
    }
    long start = System.nanoTime();
    try {
        List<String> results = gather.all(tasks);
        print("%-19s: %s in %,d ms", way, results, millisSince(start));
    } catch (Exception e) {
        print("%-19s: unexpected %s", way, e);
    }
    printTimeline(way, start, NAMES);
}

/** b fails while its sibling a waits: when does the failure arrive, and is a stopped? */
void gatherWithAFailure(String way, Gather gather) {
    var aStarted = new CountDownLatch(1);
    var aFate = new AtomicReference<>("never ran");
    Callable<String> a = () -> {
        aStarted.countDown();
        try {
            Thread.sleep(SIBLING_MS);
            aFate.set("finished its wait");
            return "a";
        } catch (InterruptedException e) {
            aFate.set("interrupted");
            throw e;                               // the task ends; its scope knows why
        }
    };
    Callable<String> b = () -> {
        // Fail only once a is running, so the question "what happens to a" is real.
        if (!aStarted.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("a?");
        throw new IOException("b failed");
    };
    long start = System.nanoTime();
    String outcome;
    try {
        outcome = "returned " + gather.all(List.of(timed("a", a), timed("b", b)));
    } catch (Exception e) {
        outcome = e.getClass().getSimpleName() + " (" + e.getCause().getMessage() + ")";
    }
    timeline.put("the caller", new long[] {start, System.nanoTime()});
    // gather returned only after its executor or scope closed, so a's fate is final here.
    print("%-19s: %s after %,d ms; sibling a %s", way, outcome, millisSince(start),
            aFate.get());
    printTimeline(way + ", b fails", start, List.of("a", "b", "the caller"));
}

/** The task, noting in the timeline when it started and ended, however it ended. */
Callable<String> timed(String label, Callable<String> task) {
    return () -> {
        long start = System.nanoTime();
        try {
            return task.call();
        } finally {
            timeline.put(label, new long[] {start, System.nanoTime()});
        }
    };
}

/** One row per label, in the given order: its start and end in ms since {@code start}. */
void printTimeline(String title, long start, List<String> labels) {
    print("timeline: %s, ms since the call began", title);
    for (String label : labels) {
        long[] span = timeline.get(label);
        print("  %-10s  %,5d .. %,5d", label, (span[0] - start) / 1_000_000,
                (span[1] - start) / 1_000_000);
    }
    timeline.clear();
}

Callable<String> sleeping(String name, int millis) {
    return () -> {
        Thread.sleep(millis);                     // stands for a remote call
        return name;
    };
}

/** supplyAsync takes a Supplier, which cannot throw checked exceptions: wrap them. */
static String callUnchecked(Callable<String> task) {
    try {
        return task.call();
    } catch (Exception e) {
        throw new CompletionException(e);
    }
}

long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: gather.java   (no arguments)";

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
