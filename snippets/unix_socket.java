///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Messages between JVMs on a Unix domain socket: all arrive, once, in order
//DOCS ../docs/processes.md

/*
 * Question: how do two JVMs pass a stream of messages, as Python's multiprocessing.Queue
 * does, and what is left behind afterwards?
 * Answer: a Unix domain socket (JDK 16+): the parent binds a ServerSocketChannel to a
 * file path, the child connects to that path, and both use an ordinary byte stream. It
 * delivers every byte once and in order, or reports the end of the stream. Binding
 * creates a socket file, and closing the channel does not remove it: the parent deletes
 * it in a finally block, so it goes also when the exchange fails.
 * Claim: on any machine, all 10,000 messages arrive once and in order; when the child
 * dies half-way the parent sees the stream end early and fails; the socket file is gone
 * afterwards in both cases.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int MESSAGES = 10_000;
static final Duration LIMIT = Duration.ofSeconds(20);   // a slower child is killed
static final String CHILD = "--child";
static final Charset UTF8 = StandardCharsets.UTF_8;

void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals(CHILD)) {
        child(Path.of(args[1]), Integer.parseInt(args[2]));
        return;
    }
    noArguments(args);
    print("CPUs: %d; the child sends %,d messages, one line each",
            Runtime.getRuntime().availableProcessors(), MESSAGES);
    Path dir = Files.createTempDirectory("unix_socket");
    exchange(dir, MESSAGES + 1, "child sends all    ");      // it never stops early
    exchange(dir, MESSAGES / 2 + 1, "child dies half-way");  // exits with 3 after 5,000
    Files.delete(dir);
}

void exchange(Path dir, int dieAt, String name) throws Exception {
    // tag::core[]
    Path socketFile = dir.resolve("queue.sock");
    try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socketFile));  // creates the file
        Process child = startChild(socketFile, dieAt);
        try (SocketChannel channel = acceptWithin(server, child);
             var lines = new BufferedReader(Channels.newReader(channel, UTF8))) {
            int received = receiveInOrder(lines);             // fails on a gap or dup
            print("%s: received %,d of %,d, each once, in order", name, received,
                    MESSAGES);
        } catch (IOException e) {
            print("%s: failed: %s", name, e.getMessage());
        } finally {
            print("%s: child exit code %d", name, waitFor(child));
        }
        server.close();
        print("%s: socket file after close(): %s", name, existsOrGone(socketFile));
    } finally {
        Files.deleteIfExists(socketFile);      // close() leaves it: remove it, always
    }
    print("%s: socket file after the finally: %s", name, existsOrGone(socketFile));
    // end::core[]
}

/** Reads message 1, 2, 3, ... until the stream ends; fails if one is missing or early. */
int receiveInOrder(BufferedReader lines) throws IOException {
    int expected = 1;
    for (String line; (line = lines.readLine()) != null; expected++) {
        if (!line.equals("message " + expected)) {
            throw new IOException("expected message " + expected + ", got " + line);
        }
    }
    int received = expected - 1;
    if (received != MESSAGES) {
        throw new IOException(String.format(Locale.ROOT, "the stream ended after %,d of"
                + " %,d messages", received, MESSAGES));
    }
    return received;
}

/** In the child: connects, sends the messages, and exits with 3 at message `dieAt`. */
void child(Path socketFile, int dieAt) throws IOException {
    try (var channel = SocketChannel.open(UnixDomainSocketAddress.of(socketFile));
         var out = new BufferedWriter(Channels.newWriter(channel, UTF8))) {
        for (int i = 1; i <= MESSAGES; i++) {
            if (i == dieAt) {
                out.flush();
                System.exit(3);                // stands for a crash
            }
            out.write("message " + i + "\n");
        }
    }
}

/** Accepts the child's connection; closes the server if it has not come within LIMIT. */
SocketChannel acceptWithin(ServerSocketChannel server, Process child) throws IOException {
    var late = CompletableFuture.runAsync(() -> {
        try { server.close(); } catch (IOException e) { /* then accept stays blocked */ }
    }, CompletableFuture.delayedExecutor(LIMIT.toMillis(), TimeUnit.MILLISECONDS));
    try {
        return server.accept();                // ends with an exception if closed
    } finally {
        late.cancel(false);
    }
}

Process startChild(Path socketFile, int dieAt) throws IOException {
    return new ProcessBuilder(thisProgram(CHILD, socketFile.toString(), "" + dieAt))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
}

int waitFor(Process child) throws InterruptedException {
    if (!child.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) child.destroyForcibly();
    child.waitFor();
    return child.exitValue();
}

String existsOrGone(Path file) { return Files.exists(file) ? "still there" : "gone"; }

/** The command that runs this program again in a new JVM, with the given arguments. */
List<String> thisProgram(String... args) {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    var command = new ArrayList<>(List.of(java));
    // Run by JBang (or `java -cp`), this class is on the class path. `java X.java`
    // compiles it in memory instead, and names the source file in this property.
    String source = System.getProperty("jdk.launcher.sourcefile");
    if (source != null) command.add(source);
    else command.addAll(List.of("-cp", System.getProperty("java.class.path"),
            getClass().getName()));
    command.addAll(List.of(args));
    return command;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: unix_socket.java   (no arguments; " + CHILD
        + " FILE N is how it starts its child)";

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
