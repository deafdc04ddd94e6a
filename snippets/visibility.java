///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25

/*
 * Visibility: a worker spins until the main thread sets a stop flag. Does it stop?
 *
 * With a volatile flag, always: a write to a volatile field is visible to every later
 * read of it, so the worker stops soon after the write. With a plain field the Java
 * memory model promises nothing: the JIT may read the flag once, before the loop, and
 * spin forever. Both outcomes are allowed, so the output reports which one happened.
 * (The idea is jcstress's BasicJMM_04_Progress sample; this code is our own.)
 */
import java.time.Duration;
import java.util.Locale;

static final Duration SPIN_FIRST = Duration.ofMillis(300);
static final Duration PATIENCE = Duration.ofSeconds(1);

volatile boolean volatileStop;
boolean plainStop;

void main(String[] args) throws InterruptedException {
    if (args.length > 0) {
        System.err.println("usage: visibility.java   (takes no arguments)");
        System.exit(2);
    }
    IO.println(String.format(Locale.ROOT, "CPUs: %d; each worker spins %d ms, then main"
            + " sets its flag and waits up to %d s", Runtime.getRuntime()
            .availableProcessors(), SPIN_FIRST.toMillis(), PATIENCE.toSeconds()));

    Thread volatileWorker = Thread.ofPlatform().start(() -> {
        while (!volatileStop) { }   // a volatile read on every turn: it sees the write
    });
    double volatileMs = stopAndWait(volatileWorker, () -> volatileStop = true);
    IO.println(volatileMs >= 0
            ? String.format(Locale.ROOT, "volatile flag: worker stopped %.1f ms after the"
                    + " write (a volatile write is visible)", volatileMs)
            : "volatile flag: worker still spinning 1 s after the write (overloaded?)");

    // Last, because this worker may spin until the JVM exits. It is a daemon thread, the
    // one place this chapter needs one: the JVM exits when only daemon threads are left,
    // so a worker that never sees the write cannot keep the JVM alive after main returns.
    // (Never give real work to a daemon: at exit it stops mid-step, no finally runs.)
    Thread plainWorker = Thread.ofPlatform().daemon().start(() -> {
        while (!plainStop) { }      // the JIT may read plainStop once, before the loop
    });
    boolean plainStopped = stopAndWait(plainWorker, () -> plainStop = true) >= 0;
    IO.println("plain flag   : worker " + (plainStopped ? "stopped within 1 s of"
            : "still spinning 1 s after") + " the write (the memory model allows both)");
}

/** Lets the worker spin, sets its flag, waits PATIENCE: ms from write to stop, or -1. */
double stopAndWait(Thread worker, Runnable setFlag) throws InterruptedException {
    Thread.sleep(SPIN_FIRST);       // long enough for the JIT to compile the hot loop
    long wrote = System.nanoTime();
    setFlag.run();
    if (!worker.join(PATIENCE)) return -1;
    return (System.nanoTime() - wrote) / 1e6;
}
