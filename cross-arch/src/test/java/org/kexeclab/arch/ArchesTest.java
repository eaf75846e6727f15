package org.kexeclab.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.Arch;

/** Architecture names: the CLI names, Debian's and GNU's aliases, the refusal listing them, and the article. */
class ArchesTest {

    @ParameterizedTest
    @CsvSource({"x86_64, x86_64", "amd64, x86_64", "x86-64, x86_64", "arm64, arm64", "aarch64, arm64",
        "arm, arm", "armhf, arm", "ppc32, ppc32", "powerpc, ppc32", "ppc64, ppc64", "ppc64le, ppc64le",
        "ppc64el, ppc64le", "PPC64EL, ppc64le", "' ArmHF ', arm"})
    void byName_cliNameOrAlias_thatArchitecture(String name, String expected) {
        assertEquals(expected, Arches.byName(name).name());
    }

    @Test
    void byName_unknown_listsEveryAcceptedName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arches.byName("mips"));
        assertEquals("unknown architecture 'mips': expected one of " + Arches.acceptedNames(), e.getMessage());
    }

    @Test
    void findByName_unknown_emptyWhereByNameRefuses() {
        assertTrue(Arches.findByName("sparc64").isEmpty());
        assertEquals(Arches.byName("ppc64el"), Arches.findByName(" PPC64EL ").orElseThrow());
    }

    /**
     * The names, then the aliases in parentheses, each in registry order: today's architectures
     * in their order (a new module's names join them without breaking this).
     */
    @Test
    void acceptedNames_todaysArchitectures_inRegistryOrder() {
        String[] parts = Arches.acceptedNames().split(" \\(or ");
        assertTrue(inOrder(List.of(parts[0].split(", ")), List.of("x86_64", "arm64", "arm", "ppc32", "ppc64",
                "ppc64le")), Arches.acceptedNames());
        assertTrue(inOrder(List.of(parts[1].replace(")", "").split(", ")), List.of("amd64", "x86-64", "aarch64",
                "armhf", "powerpc", "ppc64el")), Arches.acceptedNames());
    }

    /** True if {@code expected} is a subsequence of {@code list}. */
    private static boolean inOrder(List<String> list, List<String> expected) {
        int i = 0;
        for (String s : list) {
            if (i < expected.size() && s.equals(expected.get(i))) {
                i++;
            }
        }
        return i == expected.size();
    }

    @Test
    void acceptedNames_everyNameListed_isAccepted() {
        String list = Arches.acceptedNames().replace(" (or ", ", ").replace(")", "");
        for (String name : list.split(", ")) {
            Arches.byName(name);
        }
        for (ArchSupport s : Arches.supports()) {
            assertTrue(list.contains(s.arch().name()), list);
            s.aliases().forEach(alias -> assertTrue(list.contains(alias), list));
        }
    }

    @ParameterizedTest
    @CsvSource({"x86_64, an x86_64", "arm64, an arm64", "arm, an arm", "ppc32, a ppc32", "ppc64, a ppc64",
        "ppc64le, a ppc64le"})
    void withArticle_everyArch_readsAloudCorrectly(String name, String expected) {
        Arch arch = Arches.byName(name);
        assertEquals(expected, arch.withArticle());
    }
}
