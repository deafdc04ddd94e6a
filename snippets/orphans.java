///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION No orphans: workers end with their parent, after SIGTERM and after SIGKILL
//DOCS ../docs/processes.md

/*
 * Question: a parent JVM is killed while its worker JVMs run. Do the workers die with it?
 * Answer: not by themselves: a worker whose parent died keeps running, re-parented to
 * init. So each worker reads its stdin, a pipe from the parent, and exits when it ends.
 * SIGTERM (and Ctrl-C) run the parent's shutdown hooks: a hook closes the workers' stdin
 * and waits for them. SIGKILL runs nothing, but the operating system closes the pipe
 * when the parent dies, however it died. This program starts a parent with two workers,
 * signals it, and checks the workers' pids.
 * Claim: on any machine, after SIGTERM the parent's hook ended both workers (exit code
 * 0), after SIGKILL both workers saw their stdin end by themselves, and no worker was
 * alive afterwards.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final String PARENT = "--parent", WORKER = "--worker";
static final Duration LIMIT = Duration.ofSeconds(20);   // every wait here is bounded

void main(String[] args) throws Exception {
    switch (modeFrom(args)) {
        case PARENT -> parent();
        case WORKER -> worker();
        default -> {                  // no arguments: signal a parent, watch its workers
            print("CPUs: %d", Runtime.getRuntime().availableProcessors());
            signalAParentAndWatch("SIGTERM", ProcessHandle::destroy);
            signalAParentAndWatch("SIGKILL", ProcessHandle::destroyForcibly);
        }
    }
}

// tag::core[]
/** The parent: starts two workers, says who they are, and works until it is signalled. */
void parent() throws Exception {
    List<Process> workers = List.of(startWorker(), startWorker());
    // SIGTERM, Ctrl-C and System.exit run shutdown hooks: stop the workers there
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(workers)));
    for (Process worker : workers) worker.inputReader().readLine();  // "ready"
    print("workers: %s", workers.stream().map(w -> "" + w.pid()).toList());
    for (Process worker : workers) {              // stands for the parent's real work
        worker.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}

/** A worker: SIGKILL runs no hook in its parent, so it must notice by itself. */
void worker() throws IOException {
    IO.println("ready");
    // stdin is a pipe from the parent: it ends when the parent is gone, however it died
    while (System.in.read() != -1) { }            // stands for reading its work
    System.err.println("worker: my stdin ended (no more work, or no parent): I exit");
}
// end::core[]

Process startWorker() throws IOException {
    return new ProcessBuilder(thisProgram(WORKER))
            .redirectError(ProcessBuilder.Redirect.INHERIT)   // where the parent's goes
            .start();
}

/** The parent's hook: end each worker's input and wait for it, so none outlives us. */
void stopAll(List<Process> workers) {
    var exitCodes = new ArrayList<String>();
    for (Process worker : workers) {
        try {
            worker.getOutputStream().close();     // EOF: the worker finishes and exits
            if (!worker.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.destroyForcibly();
            }
            exitCodes.add(worker.isAlive() ? "running" : "" + worker.exitValue());
        } catch (IOException e) {
            worker.destroyForcibly();             // cannot tell it: end it
        } catch (InterruptedException e) {
            worker.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
    System.err.println("parent's shutdown hook: closed its workers' stdin; their exit"
            + " codes: " + String.join(" ", exitCodes));
}

/** Starts a parent, waits until its workers run, signals it, reports what followed. */
void signalAParentAndWatch(String signal, Consumer<ProcessHandle> send) throws Exception {
    // The parent's stderr goes to a file, which its workers inherit. Not a pipe read
    // through Process: once the parent has exited, the JDK drains that pipe and closes
    // it, so a line an orphaned worker writes a moment later would be lost.
    Path said = Files.createTempFile("orphans-", ".log");
    Process parent = new ProcessBuilder(thisProgram(PARENT))
            .redirectError(said.toFile()).start();
    parent.getOutputStream().close();
    try {
        String announced = parent.inputReader().readLine();     // "workers: [pid, pid]"
        if (announced == null) throw new IllegalStateException("the parent ended early");
        List<Long> pids = Arrays.stream(announced.replaceAll("[^0-9 ]", "").strip()
                .split(" +")).map(Long::valueOf).toList();
        send.accept(parent.toHandle());   // not Process.destroy: it closes our pipes too
        if (!parent.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the parent survived " + signal);
        }
        print("%s to the parent: exit code %d", signal, parent.exitValue());
        long alive = stillAlive(pids);    // waits for the workers: then all is written
        for (String line : Files.readAllLines(said).stream().sorted().toList()) {
            print("  it printed: %s", line);
        }
        print("  workers %s still alive: %d of %d (checked by pid)", pids, alive,
                pids.size());
    } finally {
        parent.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        parent.destroyForcibly();
        Files.deleteIfExists(said);
    }
}

/** How many of these pids are still running, after giving each LIMIT to end. */
long stillAlive(List<Long> pids) throws InterruptedException {
    long alive = 0;
    for (long pid : pids) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) continue;                 // gone, and reaped already
        try {
            // An orphan is re-parented to init; until init reaps it, it counts as alive.
            handle.get().onExit().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            alive++;
        }
    }
    return alive;
}

/** The command that runs this program again in a new JVM, with the given arguments. */
List<String> thisProgram(String... args) {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    var command = new ArrayList<>(List.of(java));
    // Run by JBang (or `java -cp`), this class is on the class path. `java orphans.java`
    // compiles it in memory instead, and names the source file in this property.
    String source = System.getProperty("jdk.launcher.sourcefile");
    if (source != null) command.add(source);
    else command.addAll(List.of("-cp", System.getProperty("java.class.path"),
            getClass().getName()));
    command.addAll(List.of(args));
    return command;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: orphans.java [" + PARENT + "]   (" + PARENT
        + ": run as a parent with two workers, until signalled; " + WORKER
        + " is how it starts its workers)";

/** "" for the observer, or PARENT or WORKER; --help prints the usage, others exit 2. */
String modeFrom(String[] args) {
    if (args.length == 0) return "";
    if (args.length == 1 && List.of(PARENT, WORKER).contains(args[0])) return args[0];
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    System.err.println(USAGE);
    System.exit(2);
    return ""; // not reached
}
