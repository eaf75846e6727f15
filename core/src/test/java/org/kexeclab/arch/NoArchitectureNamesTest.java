package org.kexeclab.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture-neutral modules name no architecture: every file under {@code src/main} of
 * core, the engines, the CLI and the benchmarks (code, strings, comments, resources) is free of
 * the architecture names, as words or as parts of identifiers ({@code X86Register},
 * {@code UC_ARCH_ARM64}, {@code isThumb}), case-insensitive. What an architecture is comes
 * from its module through the registry ({@link Arches}); a new architecture is added without
 * an edit here.
 */
class NoArchitectureNamesTest {
    /** The names: the architectures there are and the next ones planned. */
    static final List<String> NAMES = List.of("x86", "i386", "amd64", "arm", "aarch64", "thumb", "ppc", "powerpc",
            "riscv");
    /** The modules that must stay architecture-neutral, beside this one. */
    static final List<String> MODULES = List.of("core", "engine-java", "engine-unicorn", "gdb", "boot-check", "cli", "benchmarks");
    /** A name, not inside a longer word: "harm", "param" and "thumbnail" are no hits. */
    private static final Pattern NAME = Pattern.compile("(?<![a-z])(" + String.join("|", NAMES) + ")(?![a-z])");

    /** {@code text} with identifier parts split into words: "X86Register" -> "X86 Register", "isThumb" -> "is Thumb". */
    static String words(String text) {
        return text.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                .replaceAll("([A-Z]{2,})([a-z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** The architecture names in {@code line}, in order. */
    static List<String> namesIn(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(words(line));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void namesIn_identifiersAndWords_foundButNotInsideOtherWords() {
        assertEquals(List.of("x86", "arm", "thumb", "ppc", "aarch64"),
                namesIn("X86Register UC_ARCH_ARM64 isThumb PPCRegister aarch64"));
        assertEquals(List.of(), namesIn("harm param alarm thumbnail Armada swarm"));
    }

    @Test
    void neutralModules_mainSources_nameNoArchitecture() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> hits = new ArrayList<>();
        int files = 0;
        for (String module : MODULES) {
            Path main = root.resolve(module).resolve("src/main");
            assertTrue(Files.isDirectory(main), main + " is missing");
            List<Path> all;
            try (Stream<Path> s = Files.walk(main)) {
                all = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : all) {
                files++;
                List<String> lines = read(f);
                for (int i = 0; i < lines.size(); i++) {
                    List<String> names = namesIn(lines.get(i));
                    if (!names.isEmpty()) {
                        hits.add(root.relativize(f) + ":" + (i + 1) + ": " + names + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertTrue(files > 200, "only " + files + " files scanned under " + root);
        assertEquals(List.of(), hits, "architecture names in architecture-neutral modules");
    }

    private static List<String> read(Path f) {
        try {
            return List.of(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).split("\\R"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
