///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//PREVIEW
// javac would note on stderr that this file uses preview features: quiet it
//COMPILE_OPTIONS -XDsuppressNotes
//DESCRIPTION Structured concurrency: a failing subtask cancels its siblings
//DOCS ../docs/async-patterns.md

/*
 * Question: three subtasks run for one request and one of them fails. What happens to the
 * other two, and where do their threads live while they run?
 * Answer: in a StructuredTaskScope (a preview API in Java 25) the failure cancels the
 * scope: the other subtasks are interrupted, join() throws FailedException, and the scope
 * does not close before every subtask has ended. Results exist only after join(). The
 * subtasks' threads belong to the scope, and a JSON thread dump shows them under it, with
 * the thread that owns it.
 * Claim: on any machine, get() before join() throws, the failure reaches join() as
 * FailedException, both siblings are interrupted, and the dump shows the scope's owner
 * and its three subtask threads.
 */
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import java.lang.management.ManagementFactory;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

static final long SIBLING_MS = 10_000;     // how long the siblings take if left alone

final CountDownLatch allRunning = new CountDownLatch(3), dumped = new CountDownLatch(1);
final Map<String, String> endings = new ConcurrentHashMap<>();

void main(String[] args) throws Exception {
    checkNoArguments(args);
    print("CPUs: %d; price and stock take %d s each; payment fails after the dump",
            Runtime.getRuntime().availableProcessors(), SIBLING_MS / 1000);
    // tag::core[]
    try (var scope = StructuredTaskScope.open(Joiner.awaitAllSuccessfulOrThrow(),
            config -> config.withName("checkout").withThreadFactory(
                    Thread.ofVirtual().name("checkout-", 1).factory()))) {
        Subtask<String> price = scope.fork(() -> slowCall("price"));
        Subtask<String> stock = scope.fork(() -> slowCall("stock"));
        scope.fork(this::payment);                 // fails: the card is declined
        allRunning.await();
        printScopeTree(threadDump());              // the scope, its owner, its threads
        dumped.countDown();
        try {
            price.get();
        } catch (IllegalStateException e) {        // no result before join()
            print("price.get() before join(): IllegalStateException: %s", e.getMessage());
        }
        scope.join();                              // throws: payment failed
        print("join() returned: %s, %s", price.get(), stock.get());     // not reached
    } catch (StructuredTaskScope.FailedException e) {
        print("join() threw FailedException, caused by: %s", e.getCause());
    }                                              // close() waited for every subtask
    endings.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(ending -> print("%-7s: %s", ending.getKey(), ending.getValue()));
    // end::core[]
}

String slowCall(String name) throws InterruptedException {
    allRunning.countDown();
    long start = System.nanoTime();
    try {
        Thread.sleep(SIBLING_MS);
        endings.put(name, "finished");
        return name + " ok";
    } catch (InterruptedException e) {
        endings.put(name, "interrupted at " + (System.nanoTime() - start) / 1_000_000
                + " ms");
        throw e;                                   // the scope is cancelled: just end
    }
}

String payment() throws InterruptedException {
    allRunning.countDown();
    dumped.await();                               // fail only once the dump is taken
    endings.put("payment", "failed");
    throw new IllegalStateException("card declined");
}

/** A JSON thread dump of this JVM, as `jcmd PID Thread.dump_to_file -format=json`. */
String threadDump() throws IOException {
    Path dir = Files.createTempDirectory("thread-dump");
    Path file = dir.resolve("threads.json");      // must be absolute and must not exist
    try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(file.toString(), ThreadDumpFormat.JSON);
        return Files.readString(file);
    } finally {
        Files.deleteIfExists(file);
        Files.delete(dir);
    }
}

/**
 * Prints the "checkout" container of the dump as a tree: its owner, then its threads.
 * java.base has no JSON parser; the JDK writes one property per line, so a line scan
 * reads the few properties we need. A real tool would use a JSON library.
 */
void printScopeTree(String json) {
    Map<String, String> names = new HashMap<>();   // tid -> thread name, for the owner
    var scopeThreads = new ArrayList<String>();
    String container = "", owner = null, tid = null, isVirtual = "";
    for (String line : json.split("\n")) {
        var property = Pattern.compile("^\\s*\"(\\w+)\": \"?(.*?)\"?,?$").matcher(line);
        if (!property.matches()) continue;
        String value = property.group(2);
        switch (property.group(1)) {
            case "container" -> container = value;
            case "owner" -> { if (container.startsWith("checkout")) owner = value; }
            case "tid" -> { tid = value; isVirtual = ""; }
            case "virtual" -> isVirtual = " (virtual)";
            case "name" -> {
                names.put(tid, value);
                if (container.startsWith("checkout")) {
                    scopeThreads.add(value + isVirtual);
                }
            }
            default -> { }
        }
    }
    print("thread dump (JSON) taken inside the scope:");
    print("  %s owns the scope \"checkout\"", names.getOrDefault(owner, "nobody"));
    Collections.sort(scopeThreads);
    for (int i = 0; i < scopeThreads.size(); i++) {
        String branch = i < scopeThreads.size() - 1 ? "+--" : "`--";
        print("  %s %s", branch, scopeThreads.get(i));
    }
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: structured.java   (no arguments)";

/** --help prints the usage (exit 0); any argument fails (exit 2). */
void checkNoArguments(String[] args) {
    if (args.length == 0) return;
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    System.err.println(USAGE);
    System.exit(2);
}
