///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Daemon threads: the JVM exits without waiting for them, and no finally runs
//DOCS ../docs/threads.md

/*
 * Question: when main returns, does the JVM wait for a thread that still works?
 * Answer: for a non-daemon thread, yes. For a daemon thread, no: once only daemon threads
 * are left, the JVM exits, and they stop where they are, without running their finally
 * blocks. Virtual threads are always daemon threads. To watch a JVM exit, this file runs
 * itself again as a child JVM, once per kind of worker, and reads what the child printed.
 * Claim: on any machine, the JVM waited for the non-daemon worker (its finally ran) but
 * not for the daemon or the virtual one (no finally); a virtual thread refuses
 * setDaemon(false).
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final long WORK_MS = 500;                     // how long each child's worker works
static final Duration CHILD_LIMIT = Duration.ofSeconds(10);  // a slower child is killed

final CountDownLatch working = new CountDownLatch(1); // worker is inside its try block

void main(String[] args) throws Exception {
    String mode = modeFrom(args);
    // tag::core[]
    switch (mode) {
        case PARENT -> parent();            // runs this file once per child mode below
        case "child-non-daemon" -> child(Thread.ofPlatform().daemon(false)
                .unstarted(this::work));    // the JVM waits for it
        case "child-daemon" -> child(Thread.ofPlatform().daemon(true)
                .unstarted(this::work));    // the JVM exits without it: no finally
        case "child-virtual" -> {
            Thread worker = Thread.ofVirtual().unstarted(this::work);
            print("isDaemon() %s", worker.isDaemon());
            try {
                worker.setDaemon(false);
                print("setDaemon(false) accepted");
            } catch (IllegalArgumentException e) {    // a virtual thread is always daemon
                print("setDaemon(false) -> %s", e.getClass().getSimpleName());
            }
            child(worker);
        }
    }
    // end::core[]
}

/** Runs one child JVM per kind of worker and reports what each child's exit showed. */
void parent() throws IOException, InterruptedException {
    print("CPUs: %d; in each child JVM, main starts a worker that works %d ms, then"
            + " returns", Runtime.getRuntime().availableProcessors(), WORK_MS);
    for (String kind : List.of("non-daemon", "daemon", "virtual")) {
        List<String> printed = runChild("child-" + kind);
        print("%-10s : child printed: %s", kind, String.join(" | ", printed));
        print("%-10s : the JVM waited for the worker: %s, its finally ran: %s", kind,
                yesNo(printed.contains("worker finished")),
                yesNo(printed.contains("worker finally")));
    }
}

/** In a child JVM: start the worker, return from main, and report when the JVM exits. */
void child(Thread worker) throws InterruptedException {
    long start = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> print("JVM exits %d ms after"
            + " the worker started", (System.nanoTime() - start) / 1_000_000)));
    worker.start();
    // Return only once the worker is inside its try block, so a finally that does not run
    // is not just a worker that never got to start.
    if (!working.await(CHILD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        print("worker did not start within %d s", CHILD_LIMIT.toSeconds());
    }
}

void work() {
    try {
        working.countDown();
        Thread.sleep(WORK_MS);                          // stands for real work
        print("worker finished");
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
    } finally {
        print("worker finally");                        // cleanup: flush, close, unlock
    }
}

/** Starts this file again in a new JVM with `mode`; returns its output and its end. */
List<String> runChild(String mode) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Run by JBang (or `java -cp`), this class is on the class path. `java daemon.java`
    // compiles it in memory instead, and names the source file in this property.
    String source = System.getProperty("jdk.launcher.sourcefile");
    List<String> command = source != null ? List.of(java, source, mode) : List.of(java,
            "-cp", System.getProperty("java.class.path"), getClass().getName(), mode);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    child.getOutputStream().close();                   // the child reads no input
    // Read the output while the child runs: a child blocked on a full pipe never exits.
    var output = new FutureTask<>(() -> child.inputReader().lines().toList());
    Thread.ofVirtual().start(output);
    String ending;
    if (child.waitFor(CHILD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        ending = "exit code " + child.exitValue();
    } else {
        child.destroyForcibly();                       // its pipe closes, the reader ends
        ending = "killed after " + CHILD_LIMIT.toSeconds() + " s";
    }
    var printed = new ArrayList<String>();
    try {
        printed.addAll(output.get(CHILD_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
        printed.add("(output not read: " + e + ")");
    }
    printed.add(ending);
    return printed;
}

String yesNo(boolean fact) { return fact ? "yes" : "no"; }

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: daemon.java   (no arguments)";
static final String PARENT = "parent";
static final List<String> CHILD_MODES =
        List.of("child-non-daemon", "child-daemon", "child-virtual");

/**
 * PARENT without arguments, or the child mode the parent passes; --help prints the usage
 * (exit 0), any other argument fails (exit 2). The child runs this same file: without its
 * mode, each child would start children of its own, and they theirs, without end (a fork
 * bomb). It does what `if __name__ == "__main__":` does in a Python multiprocessing
 * script.
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
