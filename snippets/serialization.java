///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Serialization gotchas: code fails, a record of data works; filter reads
//DOCS ../docs/processes.md

/*
 * Question: to hand work to another process you turn it into bytes. What can Java
 * serialization turn into bytes, and what is the danger on the reading side?
 * Answer: code is the trouble, as with Python's pickle. A plain lambda is not
 * Serializable; an anonymous class drags its enclosing instance along; a serializable
 * lambda fails on anything it captures that is not serializable. A record of plain data
 * goes through. Reading bytes runs the constructors of whatever classes they name, so
 * a reader must allow only the classes it expects: an ObjectInputFilter.
 * Claim: on any machine, the three kinds of code fail with NotSerializableException and
 * name the class to blame, the record comes back equal, and the allow-list filter reads
 * the record but rejects a class it does not list.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

/** A task that can be serialized, if everything it holds can. */
interface Task extends Serializable { int run(); }

/** Plain data: what to send to another process instead of code. */
record Job(String action, int size) implements Serializable {}

void main(String[] args) throws Exception {
    noArguments(args);
    Thread owner = Thread.currentThread();
    // tag::core[]
    Function<Integer, Integer> lambda = n -> n * n;               // not Serializable
    send("a lambda", lambda);
    send("an anonymous class", new Task() {                       // holds `this`, the
        public int run() { return 42; }                           // outer instance
    });
    send("a lambda capturing a Thread", (Task) () -> owner.getName().length());
    Job job = new Job("resize", 42);
    print("%-28s: %,d bytes, read back equal: %s", "a record (data)",
            bytesOf(job).length, readBack(bytesOf(job), Job.class).equals(job));

    // The reader decides which classes it accepts: this one, and nothing else.
    String allowOnlyJob = Job.class.getName() + ";!*";
    print("%-28s: %s", "filter reads a Job", readFiltered(bytesOf(job), allowOnlyJob));
    print("%-28s: %s", "filter reads a HashMap",
            readFiltered(bytesOf(new HashMap<>(Map.of("k", 1))), allowOnlyJob));
    // end::core[]
}

/** Serializes `what` as if to send it; prints the failure, if any. */
void send(String name, Object what) {
    try {
        print("%-28s: %,d bytes", name, bytesOf(what).length);
    } catch (IOException e) {       // NotSerializableException names the class to blame
        print("%-28s: %s: %s", name, e.getClass().getSimpleName(),
                stable(e.getMessage()));
    }
}

byte[] bytesOf(Object what) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
        out.writeObject(what);
    }
    return bytes.toByteArray();
}

<T> T readBack(byte[] bytes, Class<T> type) throws Exception {
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
        return type.cast(in.readObject());
    }
}

/** Reads with an allow-list filter (a pattern, as in -Djdk.serialFilter). */
String readFiltered(byte[] bytes, String pattern) throws ClassNotFoundException {
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
        in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(pattern));
        return "read " + in.readObject();
    } catch (IOException e) {      // InvalidClassException: "filter status: REJECTED"
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}

/** A lambda's class name ends in a hidden-class address that changes from run to run. */
String stable(String message) {
    return message.replaceAll("/0x[0-9a-f]+", "");
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: serialization.java   (no arguments)";

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
