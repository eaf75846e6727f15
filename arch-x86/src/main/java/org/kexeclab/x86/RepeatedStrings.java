package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.kexec.RepeatedInstruction;

/**
 * The {@code rep} string instructions of an x86 stub's code, as {@link X86Boundary} decodes its
 * bytes: what {@link org.kexeclab.kexec.MachineKexec#repeatedInstructions} answers for x86_64 and
 * i386, whose stubs load one fixed count before each of them and never branch into one.
 */
final class RepeatedStrings {

    private RepeatedStrings() {
    }

    /**
     * Every {@code rep} string instruction of {@code stub} before its {@code codeEnd} label, each
     * repeating the value of its {@code iterations} constant; empty if the stub lacks either symbol.
     */
    static List<RepeatedInstruction> of(Stub stub, String iterations, String codeEnd, X86Mode mode) {
        if (!stub.hasSymbol(iterations) || !stub.hasSymbol(codeEnd)) {
            return List.of();
        }
        long count = stub.symbol(iterations);
        long end = stub.symbol(codeEnd);
        Listing listing = stub.listing();
        byte[] code = stub.bytes();
        List<RepeatedInstruction> out = new ArrayList<>();
        for (int i = 0; i < listing.size() && listing.address(i) < end; i++) {
            int length = listing.length(i);
            if (length == 0) {
                continue;
            }
            int at = (int) (listing.address(i) - stub.origin());
            int d = X86Boundary.decode(code, at, length, mode);
            if (d >= 0 && X86Boundary.length(d) == length && X86Boundary.repeatedString(code, at, d)) {
                out.add(new RepeatedInstruction(listing.address(i), count));
            }
        }
        return out;
    }
}
