///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
// One carrier thread, so a pinned virtual thread stops every other one; the FFM upcall
// needs native access; tracePinnedThreads (the JDK 21-23 switch) is set: it is gone.
//JAVA_OPTIONS -Djdk.virtualThreadScheduler.parallelism=1
//JAVA_OPTIONS -Djdk.virtualThreadScheduler.maxPoolSize=1
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED -Djdk.tracePinnedThreads=full
//DESCRIPTION Pinning after JEP 491: not in synchronized; in <clinit> and native frames
//DOCS ../docs/async-patterns.md

/*
 * Question: which blocking calls still pin a virtual thread to its carrier in Java 25?
 * Answer: since JDK 24 (JEP 491), blocking inside synchronized no longer pins: the
 * virtual thread unmounts and the carrier runs others. Blocking while a class initializer
 * or a native frame is on the stack still pins. With one carrier thread, 4 virtual
 * threads that block 200 ms each then take 4 x 200 ms, one after another, and JFR
 * records a jdk.VirtualThreadPinned event for each, which this file reads as it runs.
 * Claim: on any machine, the 4 waits overlap inside synchronized (under 800 ms, no event)
 * and run one at a time in a class initializer and under a native frame (at least 800
 * ms, 4 events each, with the reason JFR gives).
 */
import jdk.jfr.consumer.RecordingStream;

static final int THREADS = 4;
static final long BLOCK_MS = 200;

final Map<String, List<String>> pinnedReasons = new ConcurrentHashMap<>();  // by case

void main(String[] args) throws Exception {
    checkNoArguments(args);
    print("CPUs: %d; carrier threads: %s; %d virtual threads each block %d ms",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("jdk.virtualThreadScheduler.parallelism"), THREADS,
            BLOCK_MS);
    // tag::core[]
    Object[] locks = {new Object(), new Object(), new Object(), new Object()};
    Runnable[] initializers = {Slow0::touch, Slow1::touch, Slow2::touch, Slow3::touch};
    var results = new LinkedHashMap<String, Long>();
    try (var pinned = new RecordingStream()) {             // JFR, read in this process
        pinned.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ofMillis(20));
        pinned.onEvent("jdk.VirtualThreadPinned", event -> pinnedReasons.computeIfAbsent(
                event.getThread("eventThread").getJavaName().split("-")[0], // the case
                name -> new CopyOnWriteArrayList<>())
                .add(event.getString("pinnedReason")));
        pinned.startAsync();
        results.put("synchronized", timed("synchronized", i -> {
            synchronized (locks[i]) { block(); }          // JEP 491: unmounts, no pin
        }));
        results.put("initializer", timed("initializer", i -> initializers[i].run()));
        results.put("native", timed("native", i -> sortNatively()));  // qsort calls back
        pinned.stop();                                    // waits until events are read
    }
    // end::core[]
    results.forEach((name, ms) -> print("%-12s: %d ms, %s; jdk.VirtualThreadPinned: %d%s",
            name, ms, ms >= THREADS * BLOCK_MS ? "one at a time" : "the waits overlapped",
            pinnedReasons.getOrDefault(name, List.of()).size(), reasonOf(name)));
}

/** Blocking while a class initializer runs: each class sleeps in its static block. */
static class Slow0 { static { block(); } static void touch() { } }
static class Slow1 { static { block(); } static void touch() { } }
static class Slow2 { static { block(); } static void touch() { } }
static class Slow3 { static { block(); } static void touch() { } }

/** Blocking under a native frame: C's qsort calls our comparator, which blocks. */
static void sortNatively() {
    Linker linker = Linker.nativeLinker();
    try (Arena arena = Arena.ofConfined()) {
        var qsort = linker.downcallHandle(
                linker.defaultLookup().find("qsort").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        var intPointer = ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_INT);
        var lookup = MethodHandles.lookup();
        var compare = lookup.findStatic(lookup.lookupClass(), "compareSlowly",
                MethodType.methodType(int.class, MemorySegment.class,
                        MemorySegment.class));
        MemorySegment comparator = linker.upcallStub(compare, FunctionDescriptor.of(
                ValueLayout.JAVA_INT, intPointer, intPointer), arena);
        MemorySegment two = arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1);
        qsort.invokeExact(two, 2L, ValueLayout.JAVA_INT.byteSize(), comparator);
    } catch (Throwable e) {
        throw new IllegalStateException("qsort failed", e);
    }
}

static int compareSlowly(MemorySegment a, MemorySegment b) {
    block();                                       // a native frame (qsort) is below us
    return Integer.compare(a.get(ValueLayout.JAVA_INT, 0),
            b.get(ValueLayout.JAVA_INT, 0));
}

static void block() {
    try {
        Thread.sleep(BLOCK_MS);                    // stands for blocking I/O or a lock
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
    }
}

interface Blocker { void block(int thread); }

/** THREADS virtual threads named "NAME-i", each runs the blocker once; milliseconds. */
long timed(String name, Blocker blocker) throws InterruptedException {
    long start = System.nanoTime();
    var threads = new ArrayList<Thread>();
    for (int i = 0; i < THREADS; i++) {
        int thread = i;
        threads.add(Thread.ofVirtual().name(name + "-" + i)
                .start(() -> blocker.block(thread)));
    }
    for (Thread thread : threads) thread.join();
    return (System.nanoTime() - start) / 1_000_000;
}

/** The pinned reasons JFR gave for a case, with the class names made alike. */
String reasonOf(String name) {
    List<String> reasons = pinnedReasons.getOrDefault(name, List.of()).stream()
            .map(reason -> reason.replaceAll("Slow\\d", "SlowN")).distinct().toList();
    return reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")";
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: pinning.java   (no arguments)";

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
