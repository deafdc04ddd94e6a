///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Visibility: a worker spins on a stop flag; volatile stops it, plain may not
//DOCS ../docs/threads.md

/*
 * Question: a worker spins until the main thread sets a stop flag. Does it stop?
 * Answer: with a volatile flag, always: a volatile write is visible to every later read
 * of it. With a plain field the Java memory model promises nothing: the JIT may read the
 * flag once, before the loop, and spin forever. (The idea is jcstress's
 * BasicJMM_04_Progress sample; this code is our own.)
 * Claim: the volatile worker stops soon after the write, on any machine; the plain one
 * may do either, so the output says which happened.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final Duration SPIN_FIRST = Duration.ofMillis(300);
static final Duration PATIENCE = Duration.ofSeconds(1);

volatile boolean volatileStop;
boolean plainStop;

void main(String[] args) throws InterruptedException {
    noArguments(args);
    print("CPUs: %d; each worker spins %d ms, then main sets its flag and waits up to"
            + " %d s", Runtime.getRuntime().availableProcessors(), SPIN_FIRST.toMillis(),
            PATIENCE.toSeconds());
    // tag::core[]
    Thread volatileWorker = Thread.ofPlatform().start(() -> {
        while (!volatileStop) { }   // a volatile read on every turn: it sees the write
    });
    double volatileMs = stopAndWait(volatileWorker, () -> volatileStop = true);
    if (volatileMs >= 0) {
        print("volatile flag: worker stopped %.1f ms after the write"
                + " (a volatile write is visible)", volatileMs);
    } else {
        print("volatile flag: worker still spinning %d s after the write (overloaded?)",
                PATIENCE.toSeconds());
    }

    // Last, and a daemon thread, the one place this chapter needs one: it may spin until
    // the JVM exits, and the JVM exits when only daemon threads are left. (Never give
    // real work to a daemon: at exit it stops mid-step, no finally runs.)
    Thread plainWorker = Thread.ofPlatform().daemon().start(() -> {
        while (!plainStop) { }      // the JIT may read plainStop once, before the loop
    });
    boolean plainStopped = stopAndWait(plainWorker, () -> plainStop = true) >= 0;
    print("plain flag   : worker %s %d s %s the write (the memory model allows both)",
            plainStopped ? "stopped within" : "still spinning", PATIENCE.toSeconds(),
            plainStopped ? "of" : "after");
    // end::core[]
}

/** Lets the worker spin, sets its flag, waits PATIENCE: ms from write to stop, or -1. */
double stopAndWait(Thread worker, Runnable setFlag) throws InterruptedException {
    Thread.sleep(SPIN_FIRST);       // long enough for the JIT to compile the hot loop
    long wrote = System.nanoTime();
    setFlag.run();
    if (!worker.join(PATIENCE)) return -1;
    return (System.nanoTime() - wrote) / 1e6;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: visibility.java   (no arguments)";

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
