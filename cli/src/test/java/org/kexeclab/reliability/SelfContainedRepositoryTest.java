package org.kexeclab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The golden references can be regenerated from a checkout alone: every generated golden file
 * (the {@code .golden} and {@code .hex} files, {@code lengths.txt}, {@code cases.txt} under a
 * module's {@code src/test/resources/golden}) names on its first line the script that
 * regenerates it, by a path from the repository root; no file names a path on the machine
 * that wrote it; and {@code scripts/golden-as} reproduces committed golden lines when the
 * Debian cross binutils are installed.
 */
class SelfContainedRepositoryTest {
    private static final Pattern REGENERATE = Pattern.compile("# regenerate: (\\S+)\\s.*");
    private static final Pattern MACHINE_PATH = Pattern.compile("(?<![\\w.~-])/(work|tmp|root|home)/");
    /** Version control and what .gitignore leaves out: build output, IDE settings, local results. */
    private static final Set<String> SKIPPED = Set.of(".git", "target", "bench-results", ".idea", ".vscode",
            ".jqwik-database");
    private static final Set<String> GENERATED_NAMES = Set.of("lengths.txt", "cases.txt");

    /** The checkout: the nearest directory above the working directory holding scripts/golden-as. */
    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/golden-as"))) {
                return p;
            }
        }
        throw new AssertionError("no scripts/golden-as above " + Path.of("").toAbsolutePath());
    }

    /** Every regular file of the checkout except {@link #SKIPPED} ones. */
    private static List<Path> files(Path root) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return SKIPPED.contains(String.valueOf(dir.getFileName())) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !SKIPPED.contains(file.getFileName().toString())) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    private static boolean isGeneratedGolden(Path root, Path file) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        String name = file.getFileName().toString();
        return rel.contains("/src/test/resources/golden/")
                && (name.endsWith(".golden") || name.endsWith(".hex") || GENERATED_NAMES.contains(name));
    }

    /** The file's text, or null for a binary file. */
    private static String text(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void goldenFiles_firstLine_namesTheRegenerateScriptFromTheRepositoryRoot() {
        Path root = root();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path file : files(root)) {
            if (!isGeneratedGolden(root, file)) {
                continue;
            }
            checked++;
            String first = text(file).lines().findFirst().orElse("");
            Matcher m = REGENERATE.matcher(first);
            if (!m.matches()) {
                wrong.add(root.relativize(file) + ": first line is not '# regenerate: SCRIPT (...)': " + first);
            } else if (!Files.isExecutable(root.resolve(m.group(1)))
                    || !file.getParent().equals(root.resolve(m.group(1)).getParent())) {
                wrong.add(root.relativize(file) + ": " + m.group(1) + " is not an executable script beside it");
            }
        }
        assertTrue(checked >= 30, "only " + checked + " generated golden files found under " + root);
        assertEquals(List.of(), wrong);
    }

    @Test
    void textFiles_anywhere_nameNoPathOfTheMachineThatWroteThem() {
        Path root = root();
        List<String> found = new ArrayList<>();
        for (Path file : files(root)) {
            String text = text(file);
            if (text == null) {
                continue;
            }
            int lineNo = 0;
            for (String line : text.lines().toList()) {
                lineNo++;
                if (MACHINE_PATH.matcher(line).find()) {
                    found.add(root.relativize(file) + ":" + lineNo + ": " + line.strip());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void goldenAs_committedInstructions_reproducesTheirGoldenLines() throws Exception {
        Path root = root();
        String[][] samples = {
            {"arch-arm/src/test/resources/golden/arm/a32-forms.golden", "arm", "arm-linux-gnueabihf-as"},
            {"arch-arm/src/test/resources/golden/arm64/a64-forms.golden", "arm64", "aarch64-linux-gnu-as"},
            {"arch-arm/src/test/resources/golden/engine/thumb.golden", "thumb", "arm-linux-gnueabihf-as"},
            {"arch-ppc/src/test/resources/golden/ppc/ppc32-forms32.golden", "ppc32", "powerpc-linux-gnu-as"},
            {"arch-ppc/src/test/resources/golden/ppc/ppc64-forms64.golden", "ppc64", "powerpc64-linux-gnu-as"},
            {"arch-ppc/src/test/resources/golden/ppc/ppc64le-forms64.golden", "ppc64le", "powerpc64le-linux-gnu-as"},
            {"arch-x86/src/test/resources/golden/x86_64/instructions.golden", "x86_64", "x86_64-linux-gnu-as"},
            {"arch-x86/src/test/resources/golden/x86-16/instructions.golden", "x86_16", "x86_64-linux-gnu-as"},
        };
        for (String[] s : samples) {
            assumeTrue(onPath(s[2]), s[2] + " is not installed (apt-get install the Debian cross binutils)");
        }
        for (String[] s : samples) {
            List<String> expected = sample(Files.readAllLines(root.resolve(s[0])));
            List<String> texts = expected.stream().map(l -> l.split("\t")[1]).toList();
            assertEquals(expected, goldenAs(root, s[1], texts), s[0]);
        }
    }

    /** The first four instruction lines of a golden file, and its first ERROR line if it has one. */
    private static List<String> sample(List<String> golden) {
        List<String> lines = golden.stream().filter(l -> !l.startsWith("#") && l.contains("\t")).toList();
        List<String> out = new ArrayList<>(lines.stream().filter(l -> !l.startsWith("ERROR\t")).limit(4).toList());
        lines.stream().filter(l -> l.startsWith("ERROR\t")).findFirst().ifPresent(out::add);
        assertFalse(out.isEmpty());
        return out;
    }

    private static List<String> goldenAs(Path root, String arch, List<String> instructions) throws Exception {
        Process p = new ProcessBuilder("bash", root.resolve("scripts/golden-as").toString(), arch)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write((String.join("\n", instructions) + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "golden-as " + arch + " did not finish");
        assertEquals(0, p.exitValue(), "golden-as " + arch + " exit status");
        return out.lines().toList();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
