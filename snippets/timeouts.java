///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//PREVIEW
// javac would note on stderr that this file uses preview features: quiet it
//COMPILE_OPTIONS -XDsuppressNotes
//DESCRIPTION Timeouts: giving up waiting does not stop the work; only an interrupt does
//DOCS ../docs/async-patterns.md

/*
 * Question: a call takes 1 second and the caller waits at most 100 ms. Does the timeout
 * stop the work, as Python's asyncio.wait_for does?
 * Answer: mostly not. Future.get(timeout) only stops waiting; orTimeout and
 * completeOnTimeout complete the future, and the work runs on to its end. The work stops
 * only when its thread is interrupted: by cancel(true) on the Future of an executor, or
 * by a StructuredTaskScope whose timeout expires.
 * Claim: on any machine, every caller gets control back at its timeout; the work finished
 * its whole second in the first three ways and was interrupted in the last two.
 */
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

static final long WORK_MS = 1000, TIMEOUT_MS = 100;
static final long FATE_LIMIT_MS = 10_000;   // we wait this long to learn how work ended

void main(String[] args) throws InterruptedException {
    checkNoArguments(args);
    print("CPUs: %d; the work sleeps %d ms; every caller gives up after %d ms",
            Runtime.getRuntime().availableProcessors(), WORK_MS, TIMEOUT_MS);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        // tag::core[]
        attempt("Future.get(timeout)", work -> executor.submit(work::call)
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS));       // stops waiting, no more
        attempt("CompletableFuture.orTimeout", work -> CompletableFuture
                .supplyAsync(work::call, executor)              // completes the future
                .orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).join());
        attempt("CompletableFuture.completeOnTimeout", work -> CompletableFuture
                .supplyAsync(work::call, executor)
                .completeOnTimeout("fallback", TIMEOUT_MS, TimeUnit.MILLISECONDS).join());
        attempt("Future.get(timeout), then cancel(true)", work -> {
            Future<String> future = executor.submit(work::call);
            work.started.await();          // cancel running work, not a task still queued
            try {
                return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } finally {
                future.cancel(true);       // interrupts the thread that runs the work
            }
        });
        attempt("StructuredTaskScope with a timeout", work -> {
            try (var scope = StructuredTaskScope.open(Joiner.<String>awaitAll(),
                    config -> config.withTimeout(Duration.ofMillis(TIMEOUT_MS)))) {
                Subtask<String> subtask = scope.fork(work::call);
                scope.join();              // the timeout interrupts the subtask
                return subtask.get();
            }
        });
        // end::core[]
    }
}

/** What a caller does with the work: start it, wait for it, maybe give up. */
interface Caller { String waitFor(Work work) throws Exception; }

/** Runs one caller on new work and reports what the caller got and how the work ended. */
void attempt(String way, Caller caller) throws InterruptedException {
    Work work = new Work();
    long start = System.nanoTime();
    String got;
    try {
        got = "\"" + caller.waitFor(work) + "\"";
    } catch (Exception e) {
        got = describe(e);
    }
    long callerMs = msSince(start);
    String ended;
    try {
        ended = work.ended.get(FATE_LIMIT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
        ended = "still running after " + FATE_LIMIT_MS + " ms";
    }
    print("%s\n  caller: %s at %d ms | work: %s", way, got, callerMs, ended);
}

/** A slow call: sleeps WORK_MS, as a call to a slow service blocks; says how it ended. */
static final class Work {
    final CountDownLatch started = new CountDownLatch(1);
    final CompletableFuture<String> ended = new CompletableFuture<>();

    String call() {
        long start = System.nanoTime();
        started.countDown();
        try {
            Thread.sleep(WORK_MS);
            ended.complete("finished at " + msSince(start) + " ms");
            return "result";
        } catch (InterruptedException e) {
            ended.complete("interrupted at " + msSince(start) + " ms");
            Thread.currentThread().interrupt();  // restore it: the caller may check it
            throw new CancellationException("interrupted");
        }
    }
}

/** The exception's class without its package, and the cause a CompletionException has. */
String describe(Throwable e) {
    String name = e.getClass().getName().replace("java.util.concurrent.", "")
            .replace('$', '.');
    return e instanceof CompletionException && e.getCause() != null
            ? name + "(" + describe(e.getCause()) + ")" : name;
}

static long msSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: timeouts.java   (no arguments)";

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
