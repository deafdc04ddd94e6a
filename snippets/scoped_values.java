///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//PREVIEW
// javac would note on stderr that this file uses preview features: quiet it
//COMPILE_OPTIONS -XDsuppressNotes
//DESCRIPTION Scoped values: request context that ends with its call, unlike ThreadLocal
//DOCS ../docs/async-patterns.md

/*
 * Question: how do you hand per-request context (a request id, a user) to the code a
 * request calls, without passing it to every method and without a ThreadLocal?
 * Answer: a ScopedValue (final in Java 25) is bound for the duration of one call:
 * ScopedValue.where(KEY, value).run(...). Code inside reads it with get(); a nested
 * where() rebinds it for a narrower scope; after run() returns it is unbound again. The
 * subtasks of a StructuredTaskScope (a preview API) inherit it; a task handed to a plain
 * executor does not. A ThreadLocal, by contrast, stays set on a pooled thread until
 * someone removes it, and the next request on that thread sees it.
 * Claim: on any machine, the value is unbound outside, bound inside, rebound and then
 * restored, seen by the scope's fork and not by the executor's task; the ThreadLocal
 * leaks into the next request.
 */
import java.util.concurrent.StructuredTaskScope.Joiner;

static final ScopedValue<String> REQUEST = ScopedValue.newInstance();
static final ThreadLocal<String> REQUEST_LOCAL = new ThreadLocal<>();

void main(String[] args) throws Exception {
    checkNoArguments(args);
    // tag::core[]
    print("outside any binding   : isBound() %s, orElse(\"none\") -> %s",
            REQUEST.isBound(), REQUEST.orElse("none"));
    ScopedValue.where(REQUEST, "req-1").call(() -> {
        print("inside where(\"req-1\") : get() -> %s", REQUEST.get());
        ScopedValue.where(REQUEST, "req-1/retry").run(() ->   // rebinds, narrower scope
                print("  rebound inside it  : get() -> %s", REQUEST.get()));
        print("  after the rebinding: get() -> %s", REQUEST.get());
        try (var scope = StructuredTaskScope.open(
                Joiner.<String>anySuccessfulResultOrThrow())) {
            scope.fork(() -> REQUEST.orElse("unbound"));      // a fork inherits it
            print("  a scope's fork sees: %s", scope.join());
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            print("  an executor's task : %s",                // a plain task does not
                    executor.submit(() -> REQUEST.orElse("unbound")).get());
        }
        return null;
    });
    print("after call() returned : isBound() %s", REQUEST.isBound());
    // end::core[]
    print("ThreadLocal, set by request 1 on a pool thread and not removed: request 2 sees"
            + " %s", threadLocalOnAPool());
}

/** Two requests on one pooled thread; the first sets the ThreadLocal, no remove() */
String threadLocalOnAPool() throws Exception {
    try (var pool = Executors.newSingleThreadExecutor()) {
        pool.submit(() -> REQUEST_LOCAL.set("req-1")).get();   // no remove() in a finally
        return pool.submit(() -> String.valueOf(REQUEST_LOCAL.get())).get();
    }
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: scoped_values.java   (no arguments)";

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
