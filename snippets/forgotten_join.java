///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION The forgotten join: Java's look-alikes of "coroutine was never awaited"
//DOCS ../docs/async-basics.md

/*
 * Question: Python warns "coroutine was never awaited" when you forget an await. Java has
 * no coroutines: what does a forgotten start, join or get look like, and what fixes it?
 * Answer: five look-alikes. A thread that is created but never started does nothing.
 * run() instead of start() runs the work on the caller's thread, or, on a virtual
 * thread, not at all. A task given to submit()
 * that fails keeps its exception in a Future nobody reads, where execute() would have
 * reported it. Work started and never joined is lost when main returns, if its thread is
 * a daemon (common-pool and virtual threads are). And an executor that is never closed
 * keeps the JVM alive after main returns. The last two need a JVM that exits, so this
 * file runs itself again as a child JVM for them.
 * Claim: on any machine, each mistake shows its symptom and each fix removes it.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final long SAVE_MS = 500;                      // how long the forgotten work takes
static final Duration PATIENCE = Duration.ofSeconds(10);  // every wait is bounded by this
static final Duration ALIVE_CHECK = Duration.ofSeconds(2); // then a live child is killed

final CountDownLatch uncaught = new CountDownLatch(1);
final AtomicReference<String> uncaughtReport = new AtomicReference<>("nothing");

void main(String[] args) throws Exception {
    String mode = modeFrom(args);
    if (mode.equals(PARENT)) {
        parent();
        return;
    }
    switch (mode) {                       // in a child JVM: one mistake or its fix
        // tag::children[]
        case "forget" -> CompletableFuture.runAsync(this::save);   // nobody waits for it
        case "forget-fixed" -> CompletableFuture.runAsync(this::save)
                .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);  // main waits for it
        case "leak" -> {
            ExecutorService executor = Executors.newFixedThreadPool(2);  // never closed
            print("result: %s", executor.submit(() -> "ready").get());
        }
        case "leak-fixed" -> {
            try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
                print("result: %s", executor.submit(() -> "ready").get());
            }                                 // close() ends the pool's threads
        }
        // end::children[]
    }
    print("main returns");
}

void parent() throws Exception {
    print("CPUs: %d", Runtime.getRuntime().availableProcessors());
    // tag::core[]
    Thread forgotten = Thread.ofVirtual().unstarted(this::work);
    print("never started     : state %s, the work ran on %s", forgotten.getState(),
            ranOn());

    Thread platform = Thread.ofPlatform().name("worker").unstarted(this::work);
    platform.run();                    // mistake: a plain method call, on this thread
    print("run(), platform   : the work ran on %s", ranOn());
    Thread virtual = Thread.ofVirtual().name("worker").unstarted(this::work);
    virtual.run();                     // mistake: a virtual thread's run() does nothing
    print("run(), virtual    : the work ran on %s", ranOn());
    virtual.start();                   // fix: start() runs it on the new thread,
    virtual.join(PATIENCE);            // and join() waits for it to end
    print("start() and join(): the work ran on %s", ranOn());

    Future<?> submitted;
    try (var executor = Executors.newThreadPerTaskExecutor(reportingThreads())) {
        submitted = executor.submit(this::fail);  // the exception waits in the Future
        executor.execute(this::fail);             // the exception reaches the handler
    }
    print("submit() failure  : reported nowhere; the Future is %s: %s",
            submitted.state(), submitted.exceptionNow().getMessage());
    print("execute() failure : the uncaught-exception handler got %s", awaitUncaught());

    compare("fire and forget", runChild("forget"), runChild("forget-fixed"));
    compare("executor left open", runChild("leak"), runChild("leak-fixed"));
    // end::core[]
}

final Queue<String> ranOn = new ConcurrentLinkedQueue<>();   // where work() ran

void work() {
    ranOn.add("'" + Thread.currentThread().getName() + "'");
}

/** The threads work() ran on since the last call, or "no thread". */
String ranOn() {
    var threads = new ArrayList<String>();
    for (String thread; (thread = ranOn.poll()) != null; ) threads.add(thread);
    return threads.isEmpty() ? "no thread" : String.join(", ", threads);
}

void fail() {
    throw new IllegalStateException("disk full");  // stands for any failure in a task
}

void save() {
    try {
        Thread.sleep(SAVE_MS);                        // stands for writing a file
        print("saved");
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
    }
}

/** Virtual threads whose uncaught exceptions are reported here (the default: stderr). */
ThreadFactory reportingThreads() {
    return Thread.ofVirtual().name("task-", 1).uncaughtExceptionHandler((thread, e) -> {
        uncaughtReport.set(e.getMessage() + " from thread '" + thread.getName() + "'");
        uncaught.countDown();
    }).factory();
}

/** The handler runs after the executor counts the task as done: wait for it, bounded. */
String awaitUncaught() throws InterruptedException {
    uncaught.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    return uncaughtReport.get();
}

void compare(String mistake, String withMistake, String fixed) {
    print("%-18s: child printed: %s", mistake, withMistake);
    print("%-18s: child printed: %s", "  fixed", fixed);
}

/**
 * Runs this file again in a new JVM with `mode`; returns what it printed and how it
 * ended. A child still running ALIVE_CHECK after its main returned is killed.
 */
String runChild(String mode) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Run by JBang (or `java -cp`), this class is on the class path. `java
    // forgotten_join.java` compiles it in memory instead, and names the file here.
    String source = System.getProperty("jdk.launcher.sourcefile");
    List<String> command = source != null ? List.of(java, source, mode) : List.of(java,
            "-cp", System.getProperty("java.class.path"), getClass().getName(), mode);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    child.getOutputStream().close();                   // the child reads no input
    var printed = new LinkedBlockingQueue<String>();
    var mainReturned = new CountDownLatch(1);
    // Read while the child runs: a child blocked on a full pipe never exits.
    Thread reader = Thread.ofVirtual().start(() -> child.inputReader().lines().forEach(
            line -> {
                printed.add(line);
                if (line.equals("main returns")) mainReturned.countDown();
            }));
    String ending;
    if (!mainReturned.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        ending = "main did not return within " + PATIENCE.toSeconds() + " s (killed)";
    } else if (child.waitFor(ALIVE_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
        ending = "exit code " + child.exitValue();
    } else {
        ending = "still running " + ALIVE_CHECK.toSeconds() + " s after main returned"
                + " (killed)";
    }
    child.destroyForcibly();                            // a no-op if it has exited
    child.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    reader.join(PATIENCE);                              // its pipe is closed now
    return String.join(" | ", printed) + " | " + ending;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: forgotten_join.java   (no arguments)";
static final String PARENT = "parent";
static final List<String> CHILD_MODES = List.of("forget", "forget-fixed", "leak",
        "leak-fixed");

/**
 * PARENT without arguments, or the child mode the parent passes; --help prints the usage
 * (exit 0), any other argument fails (exit 2). Checking the mode is what keeps a child
 * from starting children of its own.
 */
String modeFrom(String[] args) {
    if (args.length == 0) return PARENT;
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    if (args.length == 1 && CHILD_MODES.contains(args[0])) return args[0];
    System.err.println(USAGE);
    System.exit(2);
    return null; // not reached
}
