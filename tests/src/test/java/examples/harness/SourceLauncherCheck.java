package examples.harness;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code java FILE.java} does before it calls {@code main}, for many files in one JVM:
 * the JDK's own source launcher (jdk.compiler's com.sun.tools.javac.launcher, JDK 25) reads
 * the file, takes its javac options from this JVM's flags as it would from the reader's
 * ({@code --enable-preview}), compiles it in memory, loads its first class, and the JDK's
 * MethodFinder picks the main method the launcher would call. One JVM per file costs about
 * 1.4 s of CPU, nearly all of it javac starting; here javac starts once.
 *
 * <p>It stops short of calling {@code main}: a snippet's {@code --help} ends in
 * {@code System.exit}, which would end this JVM too. What main then does is checked through
 * JBang's build of the same file, and one snippet of each kind runs end to end through the
 * real {@code java} command (SnippetUsageTest). A main that only a class named after the file
 * declares (the launcher's second choice) fails here; no snippet relies on it.
 *
 * <p>Run as {@code java FLAGS --add-opens jdk.compiler/com.sun.tools.javac.launcher=ALL-UNNAMED
 * --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp TEST_CLASSES
 * examples.harness.SourceLauncherCheck FLAGS -- FILE...}, where FLAGS are the reader's
 * ({@code --enable-preview} or none); prints one line per file: {@code OK FILE} or
 * {@code FAIL FILE: WHY}.
 */
public final class SourceLauncherCheck {
    private static final String LAUNCHER = "com.sun.tools.javac.launcher.";

    public static void main(String[] arguments) throws ReflectiveOperationException {
        Class<?> fileObjects = Class.forName(LAUNCHER + "ProgramFileObject");
        Class<?> programs = Class.forName(LAUNCHER + "ProgramDescriptor");
        Class<?> optionSets = Class.forName(LAUNCHER + "RelevantJavacOptions");
        Class<?> contexts = Class.forName(LAUNCHER + "MemoryContext");
        Method fileObject = accessible(fileObjects.getDeclaredMethod("of", Path.class));
        Method program = accessible(programs.getDeclaredMethod("of", fileObjects));
        Method typeNames = programs.getMethod("qualifiedTypeNames");
        Method options = accessible(optionSets.getDeclaredMethod("of", programs,
                String[].class));
        Constructor<?> context = accessible(contexts.getDeclaredConstructor(PrintWriter.class,
                programs, optionSets));
        Method compile = accessible(contexts.getDeclaredMethod("compileProgram"));
        Method loaderFor = accessible(contexts.getDeclaredMethod("newClassLoaderFor",
                ClassLoader.class, String.class));
        Method findMain = Class.forName("jdk.internal.misc.MethodFinder")
                .getMethod("findMainMethod", Class.class);
        // The reader's flags, which the launcher would find among the JVM's own arguments
        // (this JVM is started with them too, so it can load what they compile).
        int end = List.of(arguments).indexOf("--");
        String[] runtimeArguments = Arrays.copyOfRange(arguments, 0, end);

        for (String file : Arrays.copyOfRange(arguments, end + 1, arguments.length)) {
            var diagnostics = new StringWriter();
            try {
                Object described = program.invoke(null, fileObject.invoke(null, Path.of(file)));
                Object compiled = context.newInstance(new PrintWriter(diagnostics, true),
                        described, options.invoke(null, described, runtimeArguments));
                compile.invoke(compiled);
                @SuppressWarnings("unchecked")
                String first = ((List<String>) typeNames.invoke(described)).getFirst();
                ClassLoader loader = (ClassLoader) loaderFor.invoke(compiled,
                        ClassLoader.getSystemClassLoader(), first);
                Object main = findMain.invoke(null, Class.forName(first, false, loader));
                System.out.println(main != null ? "OK " + file
                        : "FAIL " + file + ": its first class, " + first + ", has no main method");
            } catch (InvocationTargetException e) {  // the launcher's Fault: what java prints
                String why = (e.getCause().getMessage() + " " + diagnostics).strip();
                System.out.println("FAIL " + file + ": " + why.replaceAll("\\s*\\R\\s*", " | "));
            }
        }
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }
}
