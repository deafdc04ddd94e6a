///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Shared memory: two JVMs, one counter in a mapped file; getAndAdd is exact
//DOCS ../docs/processes.md

/*
 * Question: how do two JVMs share a counter, as Python's multiprocessing.Value does, and
 * is it safe to add to it from both?
 * Answer: map the same file into both (FileChannel.map to a MemorySegment): the two
 * processes then read and write the same memory. A read, then a write, loses updates
 * when the processes interleave, exactly like count++ between threads, even when both
 * are volatile. An atomic add through a VarHandle (getAndAdd) is one indivisible step,
 * across processes too.
 * Claim: the atomic counter is exact in every trial on any machine; read-then-write
 * loses updates on 2+ CPUs (shared_memory.claims says in how many trials).
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int TRIALS = 10;
static final long INCREMENTS = 4_000_000;           // per child, per trial
static final long COUNTER = 0, ARRIVED = 8, SIZE = 16;   // offsets in the mapped file
static final Duration LIMIT = Duration.ofSeconds(20);    // a slower child gives up
static final String CHILD = "--child";

// tag::core[]
static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();  // (segment, offset)

/** Maps the file: every process that maps it sees the same memory. */
static MemorySegment map(Path file, Arena arena) throws IOException {
    try (var channel = FileChannel.open(file, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
        return channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
    }                                        // the mapping outlives the channel
}

/** In a child: adds 1 to the shared counter n times, in one of two ways. */
static void add(MemorySegment shared, boolean atomic, long n) {
    for (long i = 0; i < n; i++) {
        if (atomic) LONG.getAndAdd(shared, COUNTER, 1L);     // one indivisible step
        else LONG.setVolatile(shared, COUNTER,               // read, then write: two
                (long) LONG.getVolatile(shared, COUNTER) + 1);
    }
}
// end::core[]

void main(String[] args) throws Exception {
    Path file = childFile(args);
    if (file != null) {
        child(file);
        return;
    }
    print("CPUs: %d; 2 child JVMs each add 1 to a counter in one mapped file %,d"
            + " times; %d trials", Runtime.getRuntime().availableProcessors(), INCREMENTS,
            TRIALS);
    file = Files.createTempFile("shared_memory", ".bin");
    Files.write(file, new byte[(int) SIZE]);
    var children = new ArrayList<Process>();
    try (Arena arena = Arena.ofConfined()) {
        MemorySegment shared = map(file, arena);
        for (int i = 0; i < 2; i++) {
            Process child = new ProcessBuilder(thisProgram(CHILD, file.toString()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            children.add(child);
            expect(child, "ready");
        }
        for (boolean atomic : new boolean[] {false, true}) {
            int lost = 0;
            long lowest = Long.MAX_VALUE;
            for (int trial = 0; trial < TRIALS; trial++) {
                long total = trial(shared, children, atomic);
                if (total != 2 * INCREMENTS) lost++;
                lowest = Math.min(lowest, total);
            }
            if (atomic) print("getAndAdd           : exact in %d of %d trials",
                    TRIALS - lost, TRIALS);
            else print("getVolatile, then set: lost updates in %d of %d trials, lowest"
                    + " total %,d of %,d", lost, TRIALS, lowest, 2 * INCREMENTS);
        }
        for (Process child : children) child.outputWriter().close();  // no more trials
        for (Process child : children) {
            if (!child.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                    || child.exitValue() != 0) throw new IllegalStateException("child");
        }
        print("children %s exited with 0", children.stream().map(Process::pid).toList());
    } finally {
        children.forEach(Process::destroyForcibly);
        Files.delete(file);
    }
}

/** One trial: zero the counter, let both children add, and return the total. */
long trial(MemorySegment shared, List<Process> children, boolean atomic)
        throws IOException {
    LONG.setVolatile(shared, COUNTER, 0L);
    LONG.setVolatile(shared, ARRIVED, 0L);
    for (Process child : children) {
        var command = child.outputWriter();
        command.write((atomic ? "atomic " : "plain ") + INCREMENTS + "\n");
        command.flush();
    }
    for (Process child : children) expect(child, "done");
    return (long) LONG.getVolatile(shared, COUNTER);
}

/** A child: maps the file, then runs the trials its parent asks for, until stdin ends. */
void child(Path file) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
        MemorySegment shared = map(file, arena);
        IO.println("ready");
        var commands = new BufferedReader(new InputStreamReader(System.in));
        for (String command; (command = commands.readLine()) != null; ) {
            String[] words = command.split(" ");
            // Wait until both children are here, so their additions overlap in time.
            LONG.getAndAdd(shared, ARRIVED, 1L);
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while ((long) LONG.getVolatile(shared, ARRIVED) < 2) {
                if (System.nanoTime() > deadline) throw new IllegalStateException();
                Thread.onSpinWait();
            }
            add(shared, words[0].equals("atomic"), Long.parseLong(words[1]));
            IO.println("done");
        }
    }
}

/** Reads the child's next line; it must be `expected`. */
void expect(Process child, String expected) throws IOException {
    String line = child.inputReader().readLine();
    if (!expected.equals(line)) throw new IllegalStateException("child " + child.pid()
            + " said " + line + ", expected " + expected);
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

static final String USAGE = "usage: shared_memory.java   (no arguments; " + CHILD
        + " FILE is how it starts its children)";

/** The child's file, or null for the parent; --help prints the usage, others exit 2. */
Path childFile(String[] args) {
    if (args.length == 0) return null;
    if (args.length == 2 && args[0].equals(CHILD)) return Path.of(args[1]);
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    System.err.println(USAGE);
    System.exit(2);
    return null; // not reached
}
