package org.kexeclab.reliability;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.StubSource;

/**
 * Every {@code .S} the project assembles, as the architectures list them
 * ({@link ArchSupport#stubSources()}): one entry per architecture and source, so a source two
 * byte orders share is fuzzed with both assemblers. A new architecture's sources join without
 * an edit here.
 *
 * @param arch   the architecture whose assembler builds it
 * @param source the source, its assembler and predefined symbols
 */
record StubSources(Arch arch, StubSource source) {

    /** Every architecture's sources, in registry order. */
    static final List<StubSources> ALL = inventory();

    /**
     * The eight sources the assembler fuzzer drew from before the architectures listed their
     * own, in that list's order: the seeds kept then ({@code asm-first-inventory.seeds}) pick
     * one of these with {@code nextInt(8)}, so they replay the very cases they were kept for.
     */
    static final List<StubSources> FIRST_INVENTORY = List.of(
            named("relocate_kernel_x86_64.S", "x86_64"), named("entry_probe_x86_64.S", "x86_64"),
            named("relocate_kernel_ppc32.S", "ppc32"), named("entry_probe_ppc32.S", "ppc32"),
            named("kexec_sequence_ppc64.S", "ppc64"), named("entry_probe_ppc64.S", "ppc64le"),
            named("relocate_kernel_arm64.S", "arm64"), named("relocate_kernel_arm.S", "arm"));

    /** The file name, as an assembler's error locations name it. */
    String file() {
        return source.name();
    }

    private static List<StubSources> inventory() {
        List<StubSources> out = new ArrayList<>();
        for (ArchSupport s : Arches.supports()) {
            s.stubSources().forEach(src -> out.add(new StubSources(s.arch(), src)));
        }
        return List.copyOf(out);
    }

    private static StubSources named(String file, String arch) {
        Arch a = Arches.byName(arch);
        return ALL.stream().filter(s -> s.arch.equals(a) && s.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalStateException(arch + " lists no " + file));
    }
}
