package org.kexeclab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Architecture names: the CLI names, Debian's and GNU's aliases, the refusal listing them, and the article. */
class ArchTest {

    @ParameterizedTest
    @CsvSource({"x86_64, X86_64", "amd64, X86_64", "x86-64, X86_64", "arm64, ARM64", "aarch64, ARM64",
        "arm, ARM", "armhf, ARM", "ppc32, PPC32", "powerpc, PPC32", "ppc64, PPC64", "ppc64le, PPC64LE",
        "ppc64el, PPC64LE", "PPC64EL, PPC64LE", "' ArmHF ', ARM"})
    void fromName_cliNameOrAlias_thatArchitecture(String name, Arch expected) {
        assertEquals(expected, Arch.fromName(name));
    }

    @Test
    void fromName_unknown_listsEveryAcceptedName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arch.fromName("mips"));
        assertEquals("unknown architecture 'mips': expected one of x86_64, arm64, arm, ppc32, ppc64, ppc64le "
                + "(or amd64, x86-64, aarch64, armhf, powerpc, ppc64el)", e.getMessage());
    }

    @Test
    void acceptedNames_everyNameListed_isAccepted() {
        String list = Arch.acceptedNames().replace(" (or ", ", ").replace(")", "");
        for (String name : list.split(", ")) {
            Arch.fromName(name);
        }
        for (Arch a : Arch.values()) {
            assertTrue(list.contains(a.cliName()), list);
            a.aliases().forEach(alias -> assertTrue(list.contains(alias), list));
        }
    }

    @ParameterizedTest
    @CsvSource({"X86_64, an x86_64", "ARM64, an arm64", "ARM, an arm", "PPC32, a ppc32", "PPC64, a ppc64",
        "PPC64LE, a ppc64le"})
    void withArticle_everyArch_readsAloudCorrectly(Arch arch, String expected) {
        assertEquals(expected, arch.withArticle());
    }
}
