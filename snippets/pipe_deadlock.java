///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Pipe deadlock: wait for a child before reading it; a full pipe stops both
//DOCS ../docs/processes.md

/*
 * Question: a parent starts a child that prints a lot, waits for it to exit, then reads
 * what it printed. Why does that hang, and what works instead?
 * Answer: the child's stdout is a pipe with a small buffer (64 KiB on Linux). Once it is
 * full, the child's next write waits until someone reads; the parent reads only after
 * the child has exited, so each waits for the other. Read while the child runs (on
 * another thread), or send the output to a file, and the child finishes.
 * Claim: on any machine, the child that nobody reads is still running when a bounded wait
 * gives up, with the pipe full; both fixes let it exit with 0 and keep every byte.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int SIZE = 1 << 20;                      // the child prints 1 MiB
static final Duration WAIT = Duration.ofSeconds(2);   // how long the wrong way waits
static final Duration LIMIT = Duration.ofSeconds(20); // a slower child is killed
static final String CHILD = "--child";

void main(String[] args) throws Exception {
    if (isChild(args)) {                       // the child: print SIZE bytes, then exit
        System.out.write(new byte[SIZE]);
        System.out.flush();
        return;
    }
    print("CPUs: %d; the child writes %,d bytes to its stdout, then exits",
            Runtime.getRuntime().availableProcessors(), SIZE);
    // tag::core[]
    Process unread = startChild();
    boolean exited = unread.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);   // wrong
    print("waitFor, then read: child %s after %,d ms; %,d bytes wait in the pipe",
            exited ? "exited" : "still running", WAIT.toMillis(),
            unread.getInputStream().available());           // what the pipe holds
    end(unread);

    Process drained = startChild();
    var output = new FutureTask<>(() -> drained.getInputStream().readAllBytes());
    Thread.ofVirtual().start(output);                  // read while the child runs
    report("read on a thread  ", drained, () -> output.get().length);

    Path file = Files.createTempFile("pipe_deadlock", ".out");
    Process redirected = new ProcessBuilder(thisProgram(CHILD))
            .redirectOutput(file.toFile()).start();   // no pipe: a file has no limit
    report("redirect to a file", redirected, () -> Files.size(file));
    // end::core[]
    Files.delete(file);
}

interface Bytes { long count() throws Exception; }

/** Waits (bounded) for the child; prints its exit code, the time and the bytes kept. */
void report(String way, Process child, Bytes kept) throws Exception {
    long start = System.nanoTime();
    try {
        if (!child.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(way.strip() + ": child still running after "
                    + LIMIT.toSeconds() + " s");
        }
        print("%s: child exited with %d within %,d ms; %,d bytes kept", way,
                child.exitValue(), (System.nanoTime() - start) / 1_000_000, kept.count());
    } finally {
        end(child);
    }
}

Process startChild() throws IOException {
    Process child = new ProcessBuilder(thisProgram(CHILD)).start();
    child.getOutputStream().close();                  // it reads no input
    return child;
}

/** Ends the child if it still runs, and waits until it has. */
void end(Process child) throws InterruptedException {
    child.destroyForcibly();                          // its blocked write ends with it
    child.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
}

/** The command that runs this program again in a new JVM, with the given arguments. */
List<String> thisProgram(String... args) {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    var command = new ArrayList<>(List.of(java));
    // Run by JBang (or `java -cp`), this class is on the class path. `java X.java`
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

static final String USAGE = "usage: pipe_deadlock.java   (no arguments; " + CHILD
        + " is how it starts its child)";

/** True for the child's argument; --help prints the usage (exit 0), others exit 2. */
boolean isChild(String[] args) {
    if (args.length == 0) return false;
    if (args.length == 1 && args[0].equals(CHILD)) return true;
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    System.err.println(USAGE);
    System.exit(2);
    return false; // not reached
}
