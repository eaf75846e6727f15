package org.kexeclab.x86.unicorn;

import java.nio.ByteBuffer;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.unicorn.FetchGuard;
import org.kexeclab.engine.unicorn.FetchGuardContext;
import org.kexeclab.x86.X86Boundary;
import org.kexeclab.x86.X86Mode;

/**
 * Keeps an x86 guest (64-bit code, or 32-bit code for i386) on Unicorn 2.0.1 from translating the two instruction kinds that abort
 * the host process ({@code tcg/tcg.c:3073: tcg fatal error}, SIGABRT) while QEMU's x86 translator
 * generates their block, before any of it runs (measured one instruction per forked process,
 * docs/RELIABILITY.md findings 8 and 13): a far call or far jmp through a register
 * ({@code ff /3} or {@code ff /5} with ModRM mod = 3, any prefixes, e.g. {@code ff ea},
 * {@code 66 41 ff dd}) and a {@code lock}-prefixed {@code cmp} with a memory destination
 * ({@code f0 38/39 /r}, {@code f0 80/81/83 /7}, {@code lock cmps}, {@code f0 a6/a7}, and {@code lock bt/bts/btr/btc} on a register,
 * {@code f0 0f a3/ab/b3/bb}, {@code f0 0f ba /4-7} with mod = 3). All must raise #UD; QEMU emits TCG code that
 * reads a temporary it never set.
 *
 * <p><b>Mechanism.</b> As for every {@link FetchGuard}, the pages are mapped in Unicorn without
 * {@code UC_PROT_EXEC} and this class is the first fetch-protection hook, so it sees every fetch
 * of the translator (measured on 2.0.1: one call per prefix, opcode, ModRM and SIB byte, one per
 * displacement or immediate of 1, 2, 4 or 8 bytes, in order, at the address the CPU fetches
 * from). The translator fetches each instruction contiguously from its first byte, so a fetch
 * starts an instruction when it does not continue the previous fetch or when it reaches the end
 * of the instruction decoded last; there the guard reads the instruction's bytes and decodes its
 * boundary ({@link X86Boundary}). Bytes inside an instruction (an immediate {@code ff} followed by
 * an opcode {@code e9}) are never taken for an opcode. Every run starts resynchronised, and so
 * does every exception ({@link #resync}: the next translation starts at an instruction). A fetch
 * fault keeps the state: unhandled it ends the run, accepted by a user's invalid-memory hook the
 * same fetch goes on, so an instruction is decoded even where its fetch is about to fault.
 *
 * <p>Stopping the run is not enough here (the abort happens while the block is generated), so
 * the guard <em>declines the fetch of the ModRM byte</em> (of a far branch; of a lock cmp, the
 * opcode byte, since a 0 ModRM is still a memory operand): Unicorn then hands the translator a
 * 0 byte, requests an exit and the translator stops fetching (measured), so the block
 * leaves at its entry check before its first instruction. The binding removes that block from the
 * cache and the run returns {@code INVALID_INSTRUCTION} at the instruction's address; invalid
 * memory hooks of the user are not asked about that fetch. The stop is conservative: the
 * instructions of the block before the culprit do not run. Not thread-safe.
 */
final class X86FarBranchGuard implements FetchGuard {
    private final FetchGuardContext context;
    private final X86Mode mode;
    private final ByteBuffer bytes;
    private final byte[] refusedBytes = new byte[X86Boundary.MAX_LENGTH];
    /** End of the last fetch and of the last decoded instruction; -1 after a resync. */
    private long fetchEnd = -1;
    private long instructionEnd = -1;
    /** The byte whose fetch is declined: the ModRM of a far branch, the opcode of a lock cmp; else -1. */
    private long declineAt = -1;
    private long farPc;
    private int farLength;
    private long refusedPc = -1;
    private long refusedEnd;
    private int refusedLength;

    X86FarBranchGuard(FetchGuardContext context, X86Mode mode) {
        this.context = context;
        this.mode = mode;
        this.bytes = context.buffer();
    }

    @Override
    public boolean fetch(long address, int size) {
        boolean contiguous = address == fetchEnd;
        fetchEnd = address + size;
        if (contiguous && address == declineAt) {
            declineAt = -1;
            noteRefused();
            return false;   // the translator gets 0 instead: see the class comment
        }
        boolean executable = context.isExecutable(address);
        if (!contiguous || address == instructionEnd) {
            // Decoded even where the fetch will fault: an invalid-memory hook may still accept it.
            return decodeAt(address) && executable;
        }
        return executable;
    }

    /** Decodes the instruction starting at {@code address}; false (decline) if its first bytes cannot be read. */
    private boolean decodeAt(long address) {
        int available = readable(address);
        int d = available == 0 ? -1 : X86Boundary.decode(bytes, available, mode);
        if (d < 0) {
            instructionEnd = address + 1;   // unreadable, too long or cut short: check every byte on
            return available != 0;
        }
        int length = d & 0xff;
        instructionEnd = address + length;
        if ((d & (X86Boundary.FAR_THROUGH_REGISTER | X86Boundary.LOCKED_ABORT)) != 0) {
            // the ModRM of a far branch; the (first) opcode byte of a locked form (a 0 ModRM could still abort)
            declineAt = address + ((d & X86Boundary.LOCKED_ABORT) != 0 ? (d >>> X86Boundary.OPCODE_SHIFT) & 0xf
                    : (d >> 8) & 0xff);
            farPc = address;
            farLength = length;
        }
        return true;
    }

    /** Reads up to 15 bytes at {@code address} into the buffer; returns how many could be read. */
    private int readable(long address) {
        if (context.read(address, X86Boundary.MAX_LENGTH)) {
            return X86Boundary.MAX_LENGTH;
        }
        int toPageEnd = (int) Math.min(X86Boundary.MAX_LENGTH, 0x1000 - (address & 0xfff));
        return context.read(address, toPageEnd) ? toPageEnd : 0;
    }

    /** The ModRM fetch of the far branch decoded last is being declined: record it for {@link #stoppedRun}. */
    private void noteRefused() {
        if (refusedPc == -1) {
            refusedPc = farPc;
            refusedLength = farLength;
            bytes.get(0, refusedBytes, 0, farLength);
        }
        refusedEnd = Math.max(refusedEnd, farPc + farLength);
    }

    @Override
    public void runStarts() {
        resync();
        refusedPc = -1;
        refusedEnd = 0;
    }

    @Override
    public void resync() {
        fetchEnd = -1;
        instructionEnd = -1;
        declineAt = -1;
    }

    @Override
    public boolean refused(long address) {
        return refusedPc != -1 && Long.compareUnsigned(address, refusedPc) >= 0
                && Long.compareUnsigned(address, refusedEnd) < 0;
    }

    @Override
    public RunResult stoppedRun(long counted, long elapsed) {
        if (refusedPc == -1) {
            return null;
        }
        context.forget(refusedPc, refusedEnd);
        String message = String.format("Unicorn 2.0.1 aborts on %s at 0x%x, so the run stopped before executing it;"
                + " use --engine java", describe(refusedBytes, refusedLength, mode), refusedPc);
        return new RunResult(StopReason.INVALID_INSTRUCTION, refusedPc, -1, null, -1, counted, elapsed, message);
    }

    /** E.g. {@code "a far jmp through a register (66 41 ff ea)"} or {@code "a lock cmp to memory (f0 39 03)"}. */
    static String describe(byte[] insn, int length, X86Mode mode) {
        StringBuilder hex = new StringBuilder();
        int ff = -1;
        for (int k = 0; k < length; k++) {
            hex.append(k == 0 ? "" : " ").append(String.format("%02x", insn[k] & 0xff));
            if (ff < 0 && (insn[k] & 0xff) == 0xff) {
                ff = k;
            }
        }
        int d = X86Boundary.decode(ByteBuffer.wrap(insn, 0, length), length, mode);
        if ((d & X86Boundary.LOCKED_ABORT) != 0) {
            int opcode = insn[(d >>> X86Boundary.OPCODE_SHIFT) & 0xf] & 0xff;
            String what = opcode == 0x0f ? "bit test on a register" : opcode == 0xa6 || opcode == 0xa7 ? "cmps" : "cmp to memory";
            return String.format("a lock %s (%s)", what, hex);
        }
        boolean call = ((insn[ff + 1] >> 3) & 7) == 3;
        return String.format("a far %s through a register (%s)", call ? "call" : "jmp", hex);
    }
}
