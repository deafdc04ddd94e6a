package examples.harness;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A snippet's process while it runs, for claims about a run in progress: wait until it
 * prints a line (never a sleep), send it a signal, then collect the {@link SnippetRun}.
 *
 * <pre>
 *   try (var running = SnippetRunner.start(script)) {
 *       running.awaitLine("^ready", Duration.ofSeconds(30));
 *       running.terminate();                       // SIGTERM: shutdown hooks run
 *       SnippetRun run = running.finish(SnippetRunner.DEFAULT_LIMIT);
 *   }
 * </pre>
 *
 * Both pipes are drained while it runs (a full pipe would block it). {@link #close} kills
 * whatever is left of its process tree, so a failed test leaves nothing running.
 */
public final class RunningSnippet implements AutoCloseable {
    private final String command;
    private final Process process;
    private final long started = System.nanoTime();
    private final List<String> stdout = new ArrayList<>();       // guarded by itself
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread outReader, errReader;

    /** Starts {@code command} in {@code dir}; {@code shown} is how failures name it. */
    RunningSnippet(List<String> command, Path dir, String shown, Map<String, String> environment)
            throws IOException {
        this.command = shown;
        var builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment);
        this.process = builder.start();
        process.getOutputStream().close();   // no stdin: a snippet that reads it sees EOF
        outReader = Thread.ofVirtual().start(this::readLines);
        errReader = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), stderr));
    }

    public long pid() {
        return process.pid();
    }

    /** The lines printed so far. */
    public List<String> linesSoFar() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /**
     * Waits until a printed line matches {@code regex} (anywhere in the line) and returns it;
     * fails with the output so far if none does within {@code timeout} or the process ends.
     */
    public String awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stdout) {
            for (int seen = 0; ; ) {
                for (; seen < stdout.size(); seen++) {
                    if (pattern.matcher(stdout.get(seen)).find()) return stdout.get(seen);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !outReader.isAlive()) {
                    throw new AssertionError("no line matching /" + regex + "/ within "
                            + timeout.toMillis() + " ms" + (outReader.isAlive() ? ""
                            : " (its output ended)") + "\n$ " + command + "\n--- stdout so far"
                            + " ---\n" + String.join("\n", stdout) + "\n--- stderr ---\n"
                            + stderrSoFar());
                }
                TimeUnit.NANOSECONDS.timedWait(stdout, left);
            }
        }
    }

    /**
     * SIGTERM (on Linux): the JVM runs its shutdown hooks, then exits with 143. Sent through
     * the ProcessHandle: Process.destroy() also closes our end of its pipes at once, and what
     * the hooks print would be lost.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: the JVM ends at once, no hook runs, exit 137. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /**
     * Waits for the process to end; past {@code limit} it takes thread dumps of every JVM in
     * its tree and kills the tree, and the run reports it as timed out.
     */
    public SnippetRun finish(Duration limit) throws InterruptedException {
        String threadDumps = null;
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            threadDumps = SnippetRunner.threadDumpsOf(process.toHandle());
            destroyTree();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        outReader.join(Duration.ofSeconds(10));
        errReader.join(Duration.ofSeconds(10));
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        return new SnippetRun(command, exitCode, linesSoFar(), stderrSoFar(), elapsed, limit,
                threadDumps);
    }

    @Override
    public void close() {
        destroyTree();
    }

    private void destroyTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private String stderrSoFar() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    private void readLines() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (stdout) {
                    stdout.add(line);
                    stdout.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed: what we read so far is the output
        } finally {
            synchronized (stdout) {
                stdout.notifyAll();                  // a waiter learns that the output ended
            }
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                synchronized (out) { out.write(buffer, 0, n); }
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed: what we read so far is the output
        }
    }

    /** Fails unless every listed process has ended (checked by pid, so re-parented orphans count). */
    public static void assertNoneAlive(List<Long> pids, Duration within, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<Long> alive;
        do {
            alive = pids.stream().filter(pid -> ProcessHandle.of(pid)
                    .map(ProcessHandle::isAlive).orElse(false)).toList();
            if (alive.isEmpty()) return;
            Thread.sleep(50);                        // polling another process: no event to wait on
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + ": still alive after " + within.toMillis() + " ms: "
                + alive.stream().map(pid -> pid + " (" + ProcessHandle.of(pid).flatMap(h ->
                h.info().commandLine()).orElse("?") + ")").toList());
    }
}
