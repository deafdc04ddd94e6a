///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Shield: keep shared work and a commit alive when one caller gives up
//DOCS ../docs/async-patterns.md

/*
 * Question: one caller gives up on shared work (a timeout, a cancel). How do you keep the
 * work, and a commit that must not stop half way, alive for everybody else?
 * Answer: a caller that calls orTimeout or cancel on the shared CompletableFuture
 * completes it for every caller. Give each caller its own view with copy(): a timeout
 * or a cancel on the copy leaves the original alone. A commit that must not stop half
 * way catches the interrupt, finishes, and only then restores the interrupt.
 * Claim: on any machine, a timeout on the shared future fails every caller although the
 * save finished; through copy() the others get the result; the commit that stops on an
 * interrupt writes 1 of 5 records, the one that defers it writes 5 of 5.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final long SAVE_MS = 300, TIMEOUT_MS = 100;
static final int RECORDS = 5;
static final long RECORD_MS = 40;
static final long LIMIT_MS = 10_000;       // how long we wait for work that should end

void main(String[] args) throws Exception {
    checkNoArguments(args);
    print("CPUs: %d; a save takes %d ms, a caller gives up after %d ms; a commit writes"
            + " %d records", Runtime.getRuntime().availableProcessors(), SAVE_MS,
            TIMEOUT_MS, RECORDS);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        // tag::core[]
        var save = new Save();
        var shared = CompletableFuture.supplyAsync(save::run, executor);
        String caller = outcome(shared.orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        report("orTimeout on the shared future", caller, save, shared);

        var shieldedSave = new Save();
        var original = CompletableFuture.supplyAsync(shieldedSave::run, executor);
        caller = outcome(original.copy().orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        original.copy().cancel(true);           // another caller cancels its own view
        report("orTimeout on one copy(), cancel(true) on another", caller, shieldedSave,
                original);

        commit("stops when interrupted", this::commitStoppingOnInterrupt, executor);
        commit("defers the interrupt", this::commitDeferringInterrupts, executor);
        // end::core[]
    }
}

// tag::commit[]
/** Writes every record even when interrupted, then restores the interrupt. */
void commitDeferringInterrupts(Commit commit) {
    boolean interrupted = false;
    while (commit.written() < RECORDS) {
        try {
            commit.writeNext();
        } catch (InterruptedException e) {
            interrupted = true;                 // remember it; finish the commit first
        }
    }
    if (interrupted) Thread.currentThread().interrupt();  // now the caller sees it
}
// end::commit[]

/** The usual answer to an interrupt: stop, restore the flag, leave the rest unwritten. */
void commitStoppingOnInterrupt(Commit commit) {
    try {
        while (commit.written() < RECORDS) commit.writeNext();
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
    }
}

/** Shared work that takes SAVE_MS and then says it finished. */
static final class Save {
    final CountDownLatch finished = new CountDownLatch(1);

    String run() {
        try {
            Thread.sleep(SAVE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("save interrupted");
        }
        finished.countDown();
        return "saved";
    }
}

/** A commit of RECORDS records; each write blocks RECORD_MS, as a disk write does. */
static final class Commit {
    final CountDownLatch firstWritten = new CountDownLatch(1);
    private final AtomicInteger written = new AtomicInteger();

    int written() { return written.get(); }

    void writeNext() throws InterruptedException {
        Thread.sleep(RECORD_MS);
        written.incrementAndGet();
        firstWritten.countDown();
    }
}

/** Runs a commit on the executor, cancels it after its first record, reports on it. */
void commit(String way, Consumer<Commit> body, ExecutorService executor)
        throws Exception {
    var commit = new Commit();
    var flagAtEnd = new CompletableFuture<Boolean>();
    Future<?> future = executor.submit(() -> {
        body.accept(commit);
        flagAtEnd.complete(Thread.currentThread().isInterrupted());
    });
    commit.firstWritten.await();
    future.cancel(true);                        // interrupts the commit's thread
    boolean flag = flagAtEnd.get(LIMIT_MS, TimeUnit.MILLISECONDS);
    print("commit that %s, cancel(true) after its first record\n  %d of %d records"
            + " written, interrupt flag at its end: %s", way, commit.written(), RECORDS,
            flag ? "set" : "clear");
}

/** What a caller's join() gives: the result, or the exception it throws. */
String outcome(CompletableFuture<String> future) {
    try {
        return "\"" + future.join() + "\"";
    } catch (CompletionException | CancellationException e) {
        return describe(e);
    }
}

void report(String way, String caller, Save save, CompletableFuture<String> shared)
        throws InterruptedException {
    boolean finished = save.finished.await(LIMIT_MS, TimeUnit.MILLISECONDS);
    print("%s\n  this caller gets: %s\n  the save: %s; every other caller gets: %s", way,
            caller, finished ? "finished" : "not finished", outcome(shared));
}

/** The exception's class without its package, and the cause a CompletionException has. */
String describe(Throwable e) {
    String name = e.getClass().getName().replace("java.util.concurrent.", "");
    return e instanceof CompletionException && e.getCause() != null
            ? name + "(" + describe(e.getCause()) + ")" : name;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: shield.java   (no arguments)";

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
