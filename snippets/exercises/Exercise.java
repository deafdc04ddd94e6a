import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.ToolProvider;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs an exercise's tests like a checklist, one behaviour at a time, in the order
 * to tackle them (each test's {@code @Order}): a ✓ for each behaviour that works; at
 * the first one that does not, a ✗ with what went wrong and a hint, and then it stops.
 * It exits 0 only when every behaviour works. Shared by the exercises' tests
 * ({@code //SOURCES ../Exercise.java}); JUnit 5 runs them through its Launcher API.
 *
 * <pre>
 *   ./jbang snippets/exercises/NAME/NAMETest.java            checks your NAME.java
 *     --all                     every behaviour, even after one fails
 *     --summary                 one line (for snippets/exercises/progress.java)
 *     --impl FILE[#METHOD]...   checks FILE instead (only test METHOD, if given)
 * </pre>
 *
 * With {@code --impl FILE}, FILE is compiled here and the tests run against its classes
 * in a class loader of their own: one JVM checks a solution and wrong versions of it.
 */
final class Exercise {
    private Exercise() {}

    /** What to try when this behaviour fails. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Hint {
        String value();
    }

    /** Every behaviour gets this long: a hung implementation fails instead of hanging. */
    static final String TIMEOUT = "10 s";

    /** A behaviour's outcome: its name and, if it failed, what went wrong and a hint. */
    record Outcome(String behaviour, boolean passed, String problem, String hint) {}

    /** The behaviours that ran, in order, out of how many there are. */
    record Checklist(List<Outcome> outcomes, int total) {}

    /** Each exercise test's main: {@code Exercise.check(MyTest.class, args)}. */
    static void check(Class<?> tests, String[] args) {
        String usage = "usage: " + tests.getSimpleName() + ".java [--all] [--summary]"
                + " [--impl FILE[#METHOD]]...";
        boolean all = false, summary = false;
        List<String> impls = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--all" -> all = true;
                case "--summary" -> summary = true;
                case "--impl" -> {
                    if (i + 1 == args.length) usageError(usage);
                    impls.add(args[++i]);
                }
                case "-h", "--help" -> {
                    IO.println(usage);
                    System.exit(0);
                }
                default -> usageError(usage);
            }
        }
        boolean allPassed = true;
        if (impls.isEmpty()) allPassed = report(run(tests, null, all), summary);
        for (String impl : impls) {
            String file = impl.replaceFirst("#.*", "");
            int hash = impl.indexOf('#');
            String only = hash < 0 ? null : impl.substring(hash + 1);
            IO.println("== " + impl);
            Class<?> isolated = isolated(tests, Path.of(file));
            allPassed &= isolated != null && report(run(isolated, only, all), summary);
        }
        COMPILED.forEach(Exercise::delete);
        // A wrong implementation may leave threads behind: they must not keep us alive.
        System.exit(allPassed ? 0 : 1);
    }

    /** Prints the checklist (or one summary line); true if all that ran passed. */
    private static boolean report(Checklist checklist, boolean summary) {
        List<Outcome> outcomes = checklist.outcomes();
        long passed = outcomes.stream().filter(Outcome::passed).count();
        Outcome failed = outcomes.stream().filter(o -> !o.passed()).findFirst()
                .orElse(null);
        if (summary) {
            IO.println(String.join("\t", failed == null ? "done" : "next",
                    Long.toString(passed), Integer.toString(checklist.total()),
                    failed == null ? "" : failed.behaviour(),
                    failed == null ? "" : failed.hint()));
            return failed == null;
        }
        for (Outcome outcome : outcomes) {
            IO.println((outcome.passed() ? "  ✓ " : "  ✗ ") + outcome.behaviour());
            if (outcome.passed()) continue;
            outcome.problem().lines().forEach(line -> IO.println("      " + line));
            IO.println("    Hint: " + outcome.hint());
        }
        if (failed != null) {
            IO.println(String.format(Locale.ROOT, "%d of %d behaviours work. Next: make"
                    + " \"%s\" work, then run this again.", passed, checklist.total(),
                    failed.behaviour()));
        } else if (outcomes.size() == checklist.total()) {
            IO.println(String.format(Locale.ROOT, "All %d behaviours work. Well done: now"
                    + " compare with the solution on the exercise's page.", passed));
        }
        return failed == null;
    }

    /**
     * Runs the behaviours in order (or only test method {@code only}); stops after the
     * first failure unless {@code all}.
     */
    private static Checklist run(Class<?> tests, String only, boolean all) {
        // JUnit finds classes by name through the context class loader: the tests' own.
        Thread.currentThread().setContextClassLoader(tests.getClassLoader());
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request(DiscoverySelectors.selectClass(tests)));
        List<TestIdentifier> behaviours = plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .filter(TestIdentifier::isTest).toList();
        List<TestIdentifier> chosen = behaviours.stream().filter(b -> only == null
                || methodOf(b).map(m -> m.getName().equals(only)).orElse(false)).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(tests.getSimpleName() + " has no test "
                    + only);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (TestIdentifier behaviour : chosen) {
            Outcome outcome = runOne(launcher, behaviour);
            outcomes.add(outcome);
            if (!outcome.passed() && !all) break;
        }
        return new Checklist(outcomes, behaviours.size());
    }

    private static Outcome runOne(Launcher launcher, TestIdentifier behaviour) {
        String id = behaviour.getUniqueId();
        var result = new AtomicReference<TestExecutionResult>();
        launcher.execute(request(DiscoverySelectors.selectUniqueId(id)),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test,
                                                  TestExecutionResult outcome) {
                        if (test.getUniqueId().equals(id)) result.set(outcome);
                    }
                });
        String name = behaviour.getDisplayName();
        TestExecutionResult r = result.get();
        if (r != null && r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return new Outcome(name, true, "", "");
        }
        String problem = r == null ? "did not run"
                : r.getThrowable().map(Exercise::describe)
                        .orElse(r.getStatus().toString());
        String hint = methodOf(behaviour).map(m -> m.getAnnotation(Hint.class))
                .map(Hint::value).orElse("(no hint)");
        return new Outcome(name, false, problem, hint);
    }

    /** The failure for a learner: its message, and where an exception came from. */
    private static String describe(Throwable failure) {
        boolean assertion = failure instanceof AssertionError;
        // assertTrue's "expected: <true> but was: <false>" adds nothing to the message
        String message = (assertion ? "" : failure.getClass().getSimpleName() + ": ")
                + String.valueOf(failure.getMessage())
                        .replace(" ==> expected: <true> but was: <false>", "")
                        .replace(" ==> expected: <false> but was: <true>", "");
        StackTraceElement[] stack = failure.getStackTrace();
        boolean fromTheirCode = !assertion && stack.length > 0
                && !stack[0].getClassName().startsWith("java.")
                && !stack[0].getClassName().startsWith("org.junit.");
        return fromTheirCode ? message + "\n(at " + stack[0] + ")" : message;
    }

    private static Optional<Method> methodOf(TestIdentifier behaviour) {
        return behaviour.getSource()
                .filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getJavaMethod);
    }

    private static LauncherDiscoveryRequest request(DiscoverySelector selector) {
        return LauncherDiscoveryRequestBuilder.request().selectors(selector)
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.timeout.default", TIMEOUT,
                        // a hung call is abandoned in its own thread: the run goes on
                        "junit.jupiter.execution.timeout.thread.mode.default",
                        "SEPARATE_THREAD"))
                .build();
    }

    // --- --impl FILE: the same tests against another implementation -------------------

    /** Temporary folders of compiled classes, deleted before the JVM ends. */
    private static final List<Path> COMPILED = new ArrayList<>();

    /** The test class, loaded again beside the classes compiled from {@code impl}. */
    private static Class<?> isolated(Class<?> tests, Path impl) {
        try {
            Path classes = Files.createTempDirectory("exercise-impl");
            COMPILED.add(classes);
            int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                    "-proc:none", "-d", classes.toString(), impl.toString());
            if (status != 0) {
                IO.println("  ✗ " + impl + " does not compile (javac's errors above)");
                return null;
            }
            var loader = new IsolatedLoader(classes, tests.getName(),
                    tests.getClassLoader());
            return Class.forName(tests.getName(), true, loader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Child first for the compiled implementation and the test class (so that the test's
     * references resolve to that implementation); JUnit and this class from the parent.
     */
    private static final class IsolatedLoader extends ClassLoader {
        private final Path classes;
        private final String tests;

        IsolatedLoader(Path classes, String tests, ClassLoader parent) {
            super(parent);
            this.classes = classes;
            this.tests = tests;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve)
                throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = bytesOf(name);
                    if (bytes == null) return super.loadClass(name, resolve);
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) resolveClass(loaded);
                return loaded;
            }
        }

        private byte[] bytesOf(String name) {
            String file = name.replace('.', '/') + ".class";
            try {
                Path compiled = classes.resolve(file);
                if (Files.isRegularFile(compiled)) return Files.readAllBytes(compiled);
                if (!name.equals(tests) && !name.startsWith(tests + "$")) return null;
                try (InputStream in = getParent().getResourceAsStream(file)) {
                    return in == null ? null : in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void usageError(String usage) {
        System.err.println(usage);
        System.exit(2);
    }
}
