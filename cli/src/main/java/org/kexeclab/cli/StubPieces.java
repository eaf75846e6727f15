package org.kexeclab.cli;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Stub;
import org.kexeclab.asm.StubSource;
import org.kexeclab.gdb.elf.CodePiece;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.Purgatories;
import org.kexeclab.loader.plan.Purgatory;

/**
 * The code of one kexec as pieces of an ELF file: the relocation stub as it runs (assembled for
 * its address, data slots patched) and, for a real kernel's load, the purgatory as placed and
 * patched; each with its {@code .S} source from the architecture's inventory.
 */
final class StubPieces {
    private StubPieces() {
    }

    /** The stub, and the purgatory of {@code plan} if it is not null. */
    static List<CodePiece> of(Arch arch, Stub stub, LoadPlan plan) {
        ArchSupport support = Arches.support(arch);
        List<CodePiece> pieces = new ArrayList<>();
        pieces.add(piece(support, ".text", stub));
        if (plan != null && plan.hasPurgatory() && support.purgatory().isPresent()) {
            Purgatory p = support.purgatory().get();
            long base = plan.segment(Purgatories.LABEL).segment().mem();
            pieces.add(piece(support, ".text.purgatory", Purgatories.patch(p.assemble(base), plan, arch.wordSize())));
        }
        return pieces;
    }

    private static CodePiece piece(ArchSupport support, String section, Stub stub) {
        String file = stub.listing().location(0).file();
        for (StubSource s : support.stubSources()) {
            if (s.name().equals(file)) {
                return new CodePiece(section, file, s.text(), stub);
            }
        }
        throw new IllegalStateException(support.arch().name() + " ships no source named " + file);
    }
}
