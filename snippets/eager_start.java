///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Eager start: submit, supplyAsync, start run a task before anyone awaits it
//DOCS ../docs/async-basics.md

/*
 * Question: in Python, calling a coroutine function runs nothing: the coroutine starts
 * only when it is awaited or wrapped in a task. Does a Java task wait for get() or
 * join()?
 * Answer: no. executor.submit, CompletableFuture.supplyAsync and Thread.start hand the
 * task to a thread at once, and it runs whether or not anyone ever asks for its result.
 * What does nothing until you hand it over is the Callable itself: a recipe, like a
 * coroutine object.
 * Claim: on any machine, each task ran before main asked for its result (main waits for
 * the task's own signal, not for its result), and the Callable never handed to an
 * executor never ran.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final Duration PATIENCE = Duration.ofSeconds(10);  // every wait is bounded by this
final Queue<String> events = new ConcurrentLinkedQueue<>(); // in the order they happened

void main(String[] args) throws Exception {
    noArguments(args);
    print("CPUs: %d; each task records an event when it runs, and so does main",
            Runtime.getRuntime().availableProcessors());
    // tag::core[]
    Task neverSubmitted = new Task("D");           // a Callable is a recipe: nothing runs
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        Task a = new Task("A");
        Future<String> future = executor.submit(a);           // runs now, on its thread
        a.awaitRun();                             // its own signal, not its result
        event("main asks for A's result: get() -> " + future.get());

        Task b = new Task("B");
        var promise = CompletableFuture.supplyAsync(b::call, executor); // runs now
        b.awaitRun();
        event("main asks for B's result: join() -> " + promise.join());

        Task c = new Task("C");
        Thread thread = Thread.ofVirtual().start(() -> c.call()); // runs now
        c.awaitRun();
        event("main joins C's thread: done " + thread.join(PATIENCE));
    }
    print("events, in the order they happened:");
    events.forEach(event -> print("  %s", event));
    print("D, a Callable handed to nobody, ran: %s", neverSubmitted.ran());
    // end::core[]
}

/** A task that records an event when it runs, and lets main wait for that event. */
final class Task implements Callable<String> {
    private final String name;
    private final CountDownLatch ran = new CountDownLatch(1);

    Task(String name) { this.name = name; }

    @Override public String call() {
        event("task " + name + " runs on a " + (Thread.currentThread().isVirtual()
                ? "virtual" : "platform") + " thread; nobody has asked for its result");
        ran.countDown();
        return name;
    }

    /** Waits (bounded) until the task has run; records it if it has not. */
    void awaitRun() throws InterruptedException {
        if (!ran.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            event("task " + name + " did not run within " + PATIENCE.toSeconds() + " s");
        }
    }

    boolean ran() { return ran.getCount() == 0; }
}

void event(String what) {
    events.add((events.size() + 1) + ". " + what);  // one thread at a time records here
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: eager_start.java   (no arguments)";

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
