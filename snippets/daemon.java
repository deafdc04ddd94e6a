///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25

/*
 * Daemon threads: when main returns, does the JVM wait for a thread that still works?
 *
 * For a non-daemon thread, yes. For a daemon thread, no: once only daemon threads are
 * left, the JVM exits, and they stop where they are, without running their finally
 * blocks. Virtual threads are always daemon threads. To watch a JVM exit, this file runs
 * itself again as a child JVM, once per kind of worker, and reads what the child printed.
 * Claim: the JVM waited for the non-daemon worker (its finally ran) but not for the
 * daemon or the virtual one (no finally), and a virtual thread refuses setDaemon(false).
 */
// No imports: a compact source file (JEP 512) imports all of java.base.
static final long WORK_MS = 500;                     // how long each child's worker works
static final Duration CHILD_LIMIT = Duration.ofSeconds(10);  // a slower child is killed

final CountDownLatch working = new CountDownLatch(1); // worker is inside its try block

void main(String[] args) throws Exception {
    if (args.length == 0) {
        parent();
        return;
    }
    // Dispatch on the argument. The child runs this same file: without this switch, each
    // child would start children of its own, and they theirs, without end (a fork bomb).
    // It does what `if __name__ == "__main__":` does in a Python multiprocessing script.
    switch (args.length == 1 ? args[0] : "") {
        case "child-non-daemon" -> child(Thread.ofPlatform().daemon(false)
                .unstarted(this::work));
        case "child-daemon" -> child(Thread.ofPlatform().daemon(true)
                .unstarted(this::work));
        case "child-virtual" -> {
            Thread worker = Thread.ofVirtual().unstarted(this::work);
            IO.println("isDaemon() " + worker.isDaemon());
            try {
                worker.setDaemon(false);
                IO.println("setDaemon(false) accepted");
            } catch (IllegalArgumentException e) {    // a virtual thread is always daemon
                IO.println("setDaemon(false) -> " + e.getClass().getSimpleName());
            }
            child(worker);
        }
        default -> {
            System.err.println("usage: daemon.java   (no arguments; it runs itself with"
                    + " child-non-daemon, child-daemon or child-virtual)");
            System.exit(2);
        }
    }
}

/** Runs one child JVM per kind of worker and reports what each child's exit showed. */
void parent() throws IOException, InterruptedException {
    IO.println("CPUs: " + Runtime.getRuntime().availableProcessors() + "; in each child"
            + " JVM, main starts a worker that works " + WORK_MS + " ms, then returns");
    for (String kind : List.of("non-daemon", "daemon", "virtual")) {
        List<String> printed = runChild("child-" + kind);
        String label = String.format(Locale.ROOT, "%-10s : ", kind);
        IO.println(label + "child printed: " + String.join(" | ", printed));
        IO.println(label + "the JVM waited for the worker: "
                + yesNo(printed.contains("worker finished"))
                + ", its finally ran: " + yesNo(printed.contains("worker finally")));
    }
}

/** In a child JVM: start the worker, return from main, and report when the JVM exits. */
void child(Thread worker) throws InterruptedException {
    long start = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> IO.println("JVM exits "
            + (System.nanoTime() - start) / 1_000_000 + " ms after the worker started")));
    worker.start();
    // Return only once the worker is inside its try block, so a finally that does not run
    // is not just a worker that never got to start.
    if (!working.await(CHILD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        IO.println("worker did not start within " + CHILD_LIMIT.toSeconds() + " s");
    }
}

void work() {
    try {
        working.countDown();
        Thread.sleep(WORK_MS);                          // stands for real work
        IO.println("worker finished");
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
    } finally {
        IO.println("worker finally");                   // cleanup: flush, close, unlock
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
