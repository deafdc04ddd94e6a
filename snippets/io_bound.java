///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25

/*
 * I/O-bound work: tasks that mostly wait (for a network reply, a disk, a database). Do
 * threads make them faster? Yes, even on one CPU: a blocked thread uses no CPU, so with
 * one thread per task all the waits overlap and the batch takes about as long as its
 * longest task, not the sum of all of them. Virtual threads make "one thread per task"
 * cheap enough for 10,000 tasks. (Thread.sleep stands in for the blocking call.)
 */
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

static final int TASKS = 10, MANY = 10_000;

void main(String[] args) throws Exception {
    if (args.length > 0) {
        System.err.println("usage: io_bound.java   (takes no arguments)");
        System.exit(2);
    }
    int[] waits = new int[TASKS];
    for (int i = 0; i < TASKS; i++) waits[i] = 100 + 10 * i;   // 100, 110, ..., 190 ms
    List<Callable<Integer>> tasks =
            Arrays.stream(waits).mapToObj(this::blockingCall).toList();
    IO.println(String.format(Locale.ROOT, "CPUs: %d, %d tasks, each blocks 100 to 190 ms"
            + " in Thread.sleep", Runtime.getRuntime().availableProcessors(), TASKS));
    var stats = Arrays.stream(waits).summaryStatistics();
    IO.println(String.format(Locale.ROOT, "the waits add up to %,d ms;"
            + " the longest is %d ms", stats.getSum(), stats.getMax()));

    long start = System.nanoTime();
    for (Callable<Integer> task : tasks) task.call();       // one after another
    report("sequential", millisSince(start), "one task after another: the sum");

    // One thread per task: every task is waiting at the same time.
    report("fixed pool of " + TASKS, runAll(Executors.newFixedThreadPool(TASKS), tasks),
            "all tasks wait at once: the longest");
    report("virtual threads", runAll(Executors.newVirtualThreadPerTaskExecutor(), tasks),
            "one virtual thread per task: the longest");
    // Not CompletableFuture.supplyAsync(task) without an executor: on JDK 25 that runs on
    // the common pool, CPUs - 1 threads (just 1 on 2 CPUs): blocking tasks wait in line.

    // The JEP 444 example: a virtual thread costs a little heap, not an OS thread.
    List<Callable<Integer>> many = Collections.nCopies(MANY, blockingCall(1_000));
    long manyMillis = runAll(Executors.newVirtualThreadPerTaskExecutor(), many);
    IO.println(String.format(Locale.ROOT, "%,d tasks x 1 s on virtual threads: %,d ms"
            + " (one after another: %,d s, %.1f hours)", MANY, manyMillis, MANY,
            MANY / 3600.0));
}

/** A task that blocks like a slow remote call, then returns how long it waited. */
Callable<Integer> blockingCall(int millis) {
    return () -> {
        Thread.sleep(millis);  // an interrupt ends the wait: the exception propagates
        return millis;
    };
}

/** Runs every task on the executor, waits for all of them, shuts the executor down. */
long runAll(ExecutorService executor, List<Callable<Integer>> tasks) throws Exception {
    long start = System.nanoTime();
    try (executor) {
        // invokeAll with a time limit: a task still running after 30 s is cancelled.
        for (Future<Integer> result : executor.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
            if (result.state() != Future.State.SUCCESS) {
                throw new IllegalStateException("a task ended " + result.state());
            }
        }
    }
    return millisSince(start);
}

long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;  // rounded down: never below the wait
}

void report(String name, long millis, String why) {
    IO.println(String.format(Locale.ROOT, "%-16s: %,d ms (%s)", name, millis, why));
}
