///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION A worker JVM: start yourself with --worker, talk in lines, check its exit
//DOCS ../docs/processes.md

/*
 * Question: how does a Java program hand work to a second JVM and talk to it?
 * Answer: it starts itself again (the same java, the same class path) with an argument
 * that says "you are the worker", and main dispatches on that argument first, so a
 * worker never starts workers of its own. They speak a line protocol: one request line
 * on the worker's stdin, one reply line on its stdout. A worker ends when its stdin
 * ends, and the parent reads its exit code. A worker that calls System.exit ends only
 * itself.
 * Claim: on any machine, the replies are correct and come from another process (another
 * pid); a worker whose stdin ends exits with 0; a worker that exits with 3 in the middle
 * of a conversation leaves the parent running, with a missing reply and exit code 3.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final String WORKER = "--worker";
static final Duration LIMIT = Duration.ofSeconds(20);     // a slower worker is killed

void main(String[] args) throws Exception {
    // tag::core[]
    if (isWorker(args)) {        // the "main guard": a worker serves, and starts nothing
        serveRequests();
        return;
    }
    print("parent pid: %d, CPUs: %d", ProcessHandle.current().pid(),
            Runtime.getRuntime().availableProcessors());
    try (Worker worker = Worker.start(thisProgram(WORKER))) {
        print("worker pid: %d (Process.pid())", worker.pid());
        print("pid       -> %s", worker.ask("pid"));              // who answers?
        for (int n : List.of(7, 12, 1_000)) {
            print("square %-6d -> %s", n, worker.ask("square " + n));
        }
        print("worker exit code: %d (its stdin ended, so it returned from main)",
                worker.finish());
    }
    try (Worker crashing = Worker.start(thisProgram(WORKER))) {
        print("worker pid: %d", crashing.pid());
        print("crash     -> %s", crashing.ask("crash"));   // it calls System.exit(3)
        print("worker exit code: %d; the parent is still running", crashing.finish());
    }
    // end::core[]
}

/** The worker's side: one reply line per request line, until its stdin ends. */
void serveRequests() throws IOException {
    var requests = new BufferedReader(new InputStreamReader(System.in));
    for (String request; (request = requests.readLine()) != null; ) {
        String[] words = request.split(" ");
        switch (words[0]) {
            case "pid" -> IO.println("answered by pid " + ProcessHandle.current().pid());
            case "square" -> IO.println(square(Long.parseLong(words[1])));
            case "crash" -> System.exit(3);    // stands for a library that ends the JVM
            default -> IO.println("error: unknown request " + request);
        }
    }
}

static long square(long n) { return n * n; }

/** A running worker JVM: ask it one line at a time, then end its input and wait. */
record Worker(Process process, BufferedWriter requests, BufferedReader replies)
        implements AutoCloseable {
    static Worker start(List<String> command) throws IOException {
        // stderr goes where ours goes, so a worker's stack trace is not lost
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new Worker(process, process.outputWriter(), process.inputReader());
    }

    long pid() { return process.pid(); }

    /** Sends one request and returns the reply, or a note if the worker ended instead. */
    String ask(String request) throws IOException {
        try {
            requests.write(request);
            requests.newLine();
            requests.flush();                  // the worker sees nothing until we flush
        } catch (IOException e) {
            return "(no reply: the worker's stdin is closed)";
        }
        String reply = replies.readLine();     // null: the worker's stdout ended
        return reply != null ? reply : "(no reply: the worker's output ended)";
    }

    /** Ends the worker's input and waits for it to exit; its exit code. */
    int finish() throws IOException, InterruptedException {
        try {
            requests.close();                  // EOF on its stdin: "no more requests"
        } catch (IOException e) {
            // it exited already and the pipe is broken: the exit code tells why
        }
        if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("worker " + pid() + " still running after "
                    + LIMIT.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /** Never leaves the worker behind, whatever went wrong in between. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}

/** The command that runs this program again in a new JVM, with the given arguments. */
List<String> thisProgram(String... args) {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    var command = new ArrayList<>(List.of(java));
    // Run by JBang (or `java -cp`), this class is on the class path. `java worker.java`
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

static final String USAGE = "usage: worker.java   (no arguments; " + WORKER
        + " is how it starts its workers)";

/** True for the worker's argument; --help prints the usage (exit 0), others exit 2. */
boolean isWorker(String[] args) {
    if (args.length == 0) return false;
    if (args.length == 1 && args[0].equals(WORKER)) return true;
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    System.err.println(USAGE);
    System.exit(2);
    return false; // not reached
}
