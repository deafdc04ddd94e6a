///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Graceful shutdown: on SIGTERM stop intake, finish or hand back, lose none
//DOCS ../docs/async-patterns.md

/*
 * Question: a worker service is stopped with SIGTERM, as a container or systemd stops it.
 * How does it end without losing the items it holds?
 * Answer: a shutdown hook runs on SIGTERM. It stops the intake, lets the workers finish
 * the queue within a deadline (shutdown, then awaitTermination), interrupts them when
 * the deadline passes (shutdownNow), and hands back every item that was not processed.
 * SIGKILL and Runtime.halt run no hook: the process just ends.
 * Claim: on any machine, after SIGTERM the service accounts for every item (lost 0) and
 * exits with 143; after SIGKILL no hook runs and the exit code is 137.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int WORKERS = 3, QUEUE = 20;
static final long ITEM_MS = 50, DEADLINE_MS = 200;
static final Duration CHILD_LIMIT = Duration.ofSeconds(30);   // a slower child is killed

final ArrayBlockingQueue<Integer> inbox = new ArrayBlockingQueue<>(QUEUE);
final AtomicInteger produced = new AtomicInteger(), processed = new AtomicInteger();
final Queue<Integer> handedBack = new ConcurrentLinkedQueue<>();
final CountDownLatch allBusy = new CountDownLatch(WORKERS); // each worker had an item
volatile boolean closing;                                     // no more items will come
final long started = System.nanoTime();
/** When each of the service's threads began and ended (ns), by name, for the timeline. */
final Map<String, long[]> timeline = new ConcurrentHashMap<>();
final AtomicInteger workerNumbers = new AtomicInteger();

void main(String[] args) throws Exception {
    if (modeFrom(args).equals("serve")) serve();
    else signalChildren();
}

// tag::core[]
void serve() throws InterruptedException {
    Thread intake = Thread.ofPlatform().name("intake").start(this::produce);
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    for (int i = 0; i < WORKERS; i++) workers.execute(this::work);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {     // runs on SIGTERM
        long hookBegan = System.nanoTime();
        intake.interrupt();                        // 1. stop the intake
        joinQuietly(intake);
        closing = true;                            //    workers stop at an empty queue
        workers.shutdown();                        // 2. no new tasks; running ones go on
        if (!awaitQuietly(workers, DEADLINE_MS)) {
            workers.shutdownNow();                 // 3. past the deadline: interrupt them
            awaitQuietly(workers, CHILD_LIMIT.toMillis());
        }
        inbox.drainTo(handedBack);                 // items nobody took go back as well
        print("processed %d, handed back %d, lost %d", processed.get(), handedBack.size(),
                produced.get() - processed.get() - handedBack.size());
        timeline.put("shutdown hook", new long[] {hookBegan, System.nanoTime()});
        printTimeline();
    }));
    allBusy.await();
    print("ready: %d workers busy, %d items queued", WORKERS, inbox.size());
}   // main ends here; the intake and the workers keep the JVM alive
// end::core[]

/** The intake: new items as fast as the queue takes them, until interrupted. */
void produce() {
    long began = System.nanoTime();
    try {
        for (int item = 1; ; item++) {
            inbox.put(item);                       // blocks while the queue is full
            produced.incrementAndGet();
        }
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();        // the intake ends here
    } finally {
        timeline.put("intake", new long[] {began, System.nanoTime()});
    }
}

/** A worker, timed for the timeline. */
void work() {
    String name = "worker " + workerNumbers.incrementAndGet();
    long began = System.nanoTime();
    try {
        workUntilClosed();
    } finally {
        timeline.put(name, new long[] {began, System.nanoTime()});
    }
}

/** Takes items until closing and the queue is empty; hands back what it has. */
void workUntilClosed() {
    while (true) {
        Integer item;
        try {
            item = inbox.poll(10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return;                                // interrupted while it held no item
        }
        if (item == null) {
            if (closing) return;
            continue;
        }
        try {
            Thread.sleep(ITEM_MS);                 // stands for the real processing
            processed.incrementAndGet();
            allBusy.countDown();
        } catch (InterruptedException e) {
            handedBack.add(item);                  // not done: hand it back, never drop
            return;
        }
    }
}

/** Starts this file as a child JVM that serves, signals it once it is ready, reports. */
void signalChildren() throws IOException, InterruptedException {
    print("CPUs: %d; each child JVM serves: %d workers, %d ms per item, a queue of %d;"
            + " its hook gives the workers %d ms",
            Runtime.getRuntime().availableProcessors(), WORKERS, ITEM_MS, QUEUE,
            DEADLINE_MS);
    for (boolean kill : new boolean[] {false, true}) {
        Process child = startChild();
        var lines = child.inputReader();
        var printed = new ArrayList<String>();
        for (String line; (line = lines.readLine()) != null; ) {
            printed.add(line);
            if (line.startsWith("ready")) break;    // wait for the line, never a sleep
        }
        if (kill) child.toHandle().destroyForcibly();  // SIGKILL
        else child.toHandle().destroy();                // SIGTERM
        lines.lines().forEach(printed::add);
        boolean ended = child.waitFor(CHILD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) child.destroyForcibly();
        print("%s: exit code %s", kill ? "SIGKILL" : "SIGTERM",
                ended ? child.exitValue() : "none: killed after " + CHILD_LIMIT);
        // the child's timeline rows as they are; its other lines marked as the child's
        for (String line : printed) {
            print(line.startsWith("  ") ? "%s" : "  child: %s", line);
        }
    }
}

/** Each of the service's threads from start to end: the hook's last words. */
void printTimeline() {
    print("timeline: the service's threads, ms since it started");
    var names = new ArrayList<>(List.of("intake"));
    for (int i = 1; i <= WORKERS; i++) names.add("worker " + i);
    names.add("shutdown hook");
    for (String name : names) {
        long[] span = timeline.get(name);
        print("  %-13s  %,5d .. %,5d", name, (span[0] - started) / 1_000_000,
                (span[1] - started) / 1_000_000);
    }
}

Process startChild() throws IOException {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Run by JBang (or `java -cp`), this class is on the class path. `java FILE.java`
    // compiles it in memory instead, and names the source file in this property.
    String source = System.getProperty("jdk.launcher.sourcefile");
    List<String> command = source != null ? List.of(java, source, "serve") : List.of(java,
            "-cp", System.getProperty("java.class.path"), getClass().getName(), "serve");
    Process child = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    child.getOutputStream().close();                // the child reads no input
    return child;
}

boolean awaitQuietly(ExecutorService executor, long ms) {
    try {
        return executor.awaitTermination(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return executor.isTerminated();
    }
}

void joinQuietly(Thread thread) {
    try {
        thread.join(CHILD_LIMIT);
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
    }
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: graceful_shutdown.java [serve]"
        + "   (serve: run the service until SIGTERM or Ctrl-C)";

/** "signal" without arguments, or "serve"; --help prints the usage; others exit 2. */
String modeFrom(String[] args) {
    if (args.length == 0) return "signal";
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    if (args.length == 1 && args[0].equals("serve")) return "serve";
    System.err.println(USAGE);
    System.exit(2);
    return null; // not reached
}
