///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Cancellation is a protocol: cancel(true) asks, only some code listens
//DOCS ../docs/async-patterns.md

/*
 * Question: a job of 5 steps is cancelled with cancel(true) while it runs. Does it stop?
 * Answer: only if two things hold. The future must interrupt the job's thread: the
 * Future of an executor does, a CompletableFuture never does. And the job must listen:
 * a blocking call such as sleep throws InterruptedException, a loop checks
 * isInterrupted(). A catch block that swallows the exception also clears the flag, and
 * the cancel is lost.
 * Claim: on any machine, every future says CANCELLED, yet the CompletableFuture's job,
 * the job that never checks and the job that swallows the interrupt do all 5 steps; the
 * others stop in their first step or right after it.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int STEPS = 5;
static final long STEP_MS = 100;
static final long END_LIMIT_MS = 10_000;     // how long we wait to learn how a job ended

void main(String[] args) throws InterruptedException {
    checkNoArguments(args);
    print("CPUs: %d; each job does %d steps of %d ms; cancel(true) comes in the first",
            Runtime.getRuntime().availableProcessors(), STEPS, STEP_MS);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        // tag::core[]
        cancel("CompletableFuture.cancel(true), a job that sleeps", Job::sleeps,
                job -> CompletableFuture.runAsync(job, executor));   // never interrupts
        cancel("Future.cancel(true), a job that sleeps", Job::sleeps,
                executor::submit);                              // interrupts the thread
        cancel("Future.cancel(true), a job that never checks", Job::neverChecks,
                executor::submit);
        cancel("Future.cancel(true), a job that checks isInterrupted()", Job::checks,
                executor::submit);
        cancel("Future.cancel(true), a job that swallows the interrupt", Job::swallows,
                executor::submit);
        cancel("Future.cancel(true), a job that restores the interrupt", Job::restores,
                executor::submit);
        // end::core[]
    }
}

/** A job of STEPS steps; each kind of job answers an interrupt in its own way. */
static final class Job {
    final CountDownLatch started = new CountDownLatch(1);   // the first step has begun
    int done;                                               // steps done (one thread)

    // tag::jobs[]
    void sleeps() throws InterruptedException {     // sleep throws when interrupted
        for (; done < STEPS; done++) sleep();
    }

    void neverChecks() {                            // CPU work, never looks at the flag
        for (; done < STEPS; done++) spin();
    }

    void checks() {                                 // looks at the flag before each step
        for (; done < STEPS && !Thread.currentThread().isInterrupted(); done++) spin();
    }

    void swallows() {
        for (; done < STEPS && !Thread.currentThread().isInterrupted(); done++) {
            try {
                sleep();
            } catch (InterruptedException e) {
                // swallowed: catching cleared the flag, so the loop never learns of it
            }
        }
    }

    void restores() {
        for (; done < STEPS && !Thread.currentThread().isInterrupted(); done++) {
            try {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // set it again: the loop sees it
            }
        }
    }
    // end::jobs[]

    void sleep() throws InterruptedException {
        started.countDown();
        Thread.sleep(STEP_MS);
    }

    void spin() {
        started.countDown();
        long end = System.nanoTime() + STEP_MS * 1_000_000;
        while (System.nanoTime() < end) Thread.onSpinWait();
    }
}

interface Body { void run(Job job) throws InterruptedException; }

/** Starts a job, cancels it with cancel(true) during its first step, reports its end. */
void cancel(String way, Body body, Function<Runnable, Future<?>> start)
        throws InterruptedException {
    var job = new Job();
    var ended = new CompletableFuture<String>();
    Future<?> future = start.apply(() -> {
        try {
            body.run(job);
            boolean flag = Thread.currentThread().isInterrupted();
            ended.complete(String.format(Locale.ROOT,
                    "did %d of %d steps, interrupt flag %s", job.done, STEPS,
                    flag ? "set" : "clear"));
        } catch (InterruptedException e) {
            ended.complete(String.format(Locale.ROOT,
                    "InterruptedException after %d of %d steps", job.done, STEPS));
            Thread.currentThread().interrupt();          // restore it: we stop here
        }
    });
    job.started.await();                 // cancel a running job, not a task still queued
    future.cancel(true);
    String outcome;
    try {
        outcome = ended.get(END_LIMIT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
        outcome = "still running after " + END_LIMIT_MS + " ms";
    }
    print("%s\n  future: %s | job: %s", way, future.state(), outcome);
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: cancellation.java   (no arguments)";

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
