///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Interrupts: which blocking calls interrupt() ends, and what ends the others
//DOCS ../docs/threads.md

/*
 * Question: a thread is blocked. Does interrupt() (or an executor's shutdownNow(), which
 * interrupts) end the wait?
 * Answer: only where the blocking call listens for it: sleep, wait, a queue's take, a
 * lock's lockInterruptibly, an NIO channel, and a socket read on a virtual thread. A
 * platform thread reading a java.net.Socket or a process pipe, or entering synchronized,
 * stays blocked. Closing the socket ends its read; a pipe read ends only when the child
 * that writes it ends (closing our end does not help); a monitor, when its holder leaves.
 * Claim: on any machine, each blocked call below either ends soon after interrupt() or is
 * still blocked PATIENCE later, always the same way; the remedy named ends the rest.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final Duration PATIENCE = Duration.ofSeconds(1);  // "still blocked" this long
static final Duration LIMIT = Duration.ofSeconds(10);    // the last remedy gets this long
static final String CHILD = "child-silent";

void main(String[] args) throws Exception {
    if (modeFrom(args).equals(CHILD)) {   // the child: keeps its stdout open, silent
        outliveNoParent();
        return;
    }
    print("CPUs: %d; each call blocks a new thread; main calls interrupt(), then, while"
            + " the call stays blocked, each remedy in turn", Runtime.getRuntime()
            .availableProcessors());
    var lock = new ReentrantLock();
    lock.lock();                               // held by main, so lockInterruptibly waits
    try (var peer = new SilentPeer(); var monitor = new HeldMonitor()) {
        // tag::core[]
        block("Thread.sleep", PLATFORM, () -> Thread.sleep(Duration.ofDays(1)));
        block("BlockingQueue.take", PLATFORM, () -> new LinkedBlockingQueue<>().take());
        block("Lock.lockInterruptibly", PLATFORM, lock::lockInterruptibly);
        SocketChannel channel = peer.channel();          // NIO: an InterruptibleChannel
        block("SocketChannel.read", PLATFORM, () -> channel.read(ByteBuffer.allocate(1)));
        InputStream virtualsSocket = peer.socket().getInputStream();
        block("Socket read, virtual", VIRTUAL, virtualsSocket::read);

        Socket socket = peer.socket();                   // java.io on a platform thread
        block("Socket read, platform", PLATFORM, () -> socket.getInputStream().read(),
                remedy("socket.close()", socket::close));
        block("entering synchronized", PLATFORM, monitor::enter,
                remedy("holder exits it", monitor::release));
        Process child = startSilentChild();              // its stdout is a pipe to us
        InputStream pipe = child.getInputStream();
        block("process pipe read", PLATFORM, pipe::read,
                remedy("pipe.close()", pipe::close),    // does not wake the reader
                remedy("child.destroy()", child::destroy));   // the writer ends: EOF
        // end::core[]
        endChild(child);
    } finally {
        lock.unlock();
    }
}

static final Thread.Builder PLATFORM = Thread.ofPlatform(), VIRTUAL = Thread.ofVirtual();

interface Action { void run() throws Exception; }
record Remedy(String name, Action action) {}
Remedy remedy(String name, Action action) { return new Remedy(name, action); }

/**
 * Runs `call` in a new thread, waits until it blocks, interrupts it, and while it stays
 * blocked applies each remedy in turn; prints a line per step: what it did, and how long.
 */
void block(String what, Thread.Builder kind, Action call, Remedy... remedies)
        throws Exception {
    var outcome = new AtomicReference<String>();
    Thread thread = kind.start(() -> {
        try {
            call.run();
            outcome.set("returned");
        } catch (Exception e) {
            outcome.set(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    });
    awaitBlocked(thread);
    var steps = new ArrayList<Remedy>(List.of(remedy("interrupt()", thread::interrupt)));
    steps.addAll(List.of(remedies));
    for (int i = 0; i < steps.size(); i++) {
        boolean last = i == steps.size() - 1;    // nothing left to try: wait longer
        Duration wait = last ? LIMIT : PATIENCE;
        long start = System.nanoTime();
        steps.get(i).action().run();
        boolean ended = thread.join(wait);
        String result = ended ? String.format(Locale.ROOT, "ended in %d ms (%s)",
                (System.nanoTime() - start) / 1_000_000, outcome.get())
                : "still blocked after " + wait.toSeconds() + " s";
        print("%-22s %-16s: %s", i == 0 ? what : "", steps.get(i).name(), result);
        if (ended) return;
    }
    throw new IllegalStateException(what + ": nothing ended it");
}

/**
 * Waits until the thread waits or is parked, or, a platform thread in a read, runs native
 * code. Polled: a thread sends no event when it blocks.
 */
void awaitBlocked(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
        Thread.State state = thread.getState();
        if (state != Thread.State.NEW && state != Thread.State.RUNNABLE) return;
        StackTraceElement[] stack = thread.getStackTrace();
        if (stack.length > 0 && stack[0].isNativeMethod()) return;
        Thread.sleep(1);
    }
    throw new IllegalStateException(thread + " did not block within " + LIMIT);
}

/** A connected peer on the loopback interface that never writes. */
static final class SilentPeer implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    final List<Closeable> open = new ArrayList<>();

    SilentPeer() throws IOException {}

    Socket socket() throws IOException {
        var socket = new Socket(server.getInetAddress(), server.getLocalPort());
        open.add(socket);
        open.add(server.accept());             // the other end stays open, silent
        return socket;
    }

    SocketChannel channel() throws IOException {
        var channel = SocketChannel.open(server.getLocalSocketAddress());
        open.add(channel);
        open.add(server.accept());
        return channel;
    }

    @Override public void close() throws IOException {
        for (Closeable c : open) c.close();
        server.close();
    }
}

/** A monitor held by another thread until release(). */
static final class HeldMonitor implements AutoCloseable {
    final Object monitor = new Object();
    final CountDownLatch held = new CountDownLatch(1), released = new CountDownLatch(1);
    final Thread holder = Thread.ofPlatform().start(() -> {
        synchronized (monitor) {
            held.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    });

    HeldMonitor() throws InterruptedException {
        if (!held.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the holder did not start within " + LIMIT);
        }
    }

    Object enter() {
        synchronized (monitor) { return "(entered)"; }
    }

    void release() { released.countDown(); }

    @Override public void close() throws InterruptedException {
        release();
        holder.join(LIMIT);
    }
}

/** This file again, as a child JVM that writes nothing to its stdout. */
Process startSilentChild() throws IOException {
    String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String source = System.getProperty("jdk.launcher.sourcefile");
    List<String> command = source != null ? List.of(java, source, CHILD) : List.of(java,
            "-cp", System.getProperty("java.class.path"), getClass().getName(), CHILD);
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
}

/** In the child: waits until the parent ends (or a minute passes), never longer. */
void outliveNoParent() throws Exception {
    try {
        ProcessHandle.current().parent().orElseThrow().onExit().get(1, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
        // a parent that hangs this long failed anyway; the child still ends
    }
}

/** Waits for the destroyed child, so no process is left behind; says how it ended. */
void endChild(Process child) throws InterruptedException {
    if (!child.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        child.destroyForcibly().waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }
    print("child JVM, pid %d: %s", child.pid(), child.isAlive() ? "still running"
            : "ended, exit code " + child.exitValue());
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: interrupts.java   (no arguments)";

/** "" without arguments, or the child's mode; --help prints the usage (exit 0). */
String modeFrom(String[] args) {
    if (args.length == 0) return "";
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    if (args.length == 1 && args[0].equals(CHILD)) return CHILD;
    System.err.println(USAGE);
    System.exit(2);
    return null; // not reached
}
