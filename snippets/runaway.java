///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION No main guard: a program that starts itself without dispatching never stops
//DOCS ../docs/processes.md

/*
 * Question: what happens when a program starts a copy of itself as a worker, but its
 * main does not check whether it already is the worker?
 * Answer: the copy runs the same main, so it starts a copy too, and so on: a fork bomb
 * that ends only when the machine runs out of processes or memory. Here a depth counter,
 * passed to each copy in an environment variable, stops the chain at DEPTH_LIMIT so it
 * can be shown safely; the cure is the argument check in worker.java.
 * Claim: on any machine, every copy started another copy until the limit stopped the
 * chain, and each copy exited once its own copy had.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int DEPTH_LIMIT = 4;              // this demo's safety net; a bug has none
static final String DEPTH = "RUNAWAY_DEPTH";   // how deep this copy is (0: you ran it)
static final Duration LIMIT = Duration.ofSeconds(40);   // a slower chain is killed

void main(String[] args) throws Exception {
    noArguments(args);
    int depth = Integer.parseInt(System.getenv().getOrDefault(DEPTH, "0"));
    print("copy %d: pid %d, started by pid %d", depth, ProcessHandle.current().pid(),
            ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
    // tag::core[]
    // No guard: whatever its arguments, this main starts the program again...
    if (depth == DEPTH_LIMIT) {                // ...and only this demo's limit stops it
        print("copy %d: depth limit reached, so it starts no copy", depth);
        return;
    }
    var builder = new ProcessBuilder(thisProgram()).inheritIO();  // prints where we print
    builder.environment().put(DEPTH, Integer.toString(depth + 1));
    Process copy = builder.start();
    // end::core[]
    if (!copy.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        copy.descendants().forEach(ProcessHandle::destroyForcibly);
        copy.destroyForcibly();
        throw new IllegalStateException("copy " + (depth + 1) + " still running after "
                + LIMIT.toSeconds() + " s: killed with its copies");
    }
    print("copy %d: its copy exited with code %d", depth, copy.exitValue());
    if (depth == 0) {
        print("%d copies started one inside the other before the limit stopped them;"
                + " without it they never stop", DEPTH_LIMIT);
    }
}

/** The command that runs this program again in a new JVM: the same java, no arguments. */
List<String> thisProgram() {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Run by JBang (or `java -cp`), this class is on the class path. `java runaway.java`
    // compiles it in memory instead, and names the source file in this property.
    String source = System.getProperty("jdk.launcher.sourcefile");
    return source != null ? List.of(java, source) : List.of(java, "-cp",
            System.getProperty("java.class.path"), getClass().getName());
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: runaway.java   (no arguments)";

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
