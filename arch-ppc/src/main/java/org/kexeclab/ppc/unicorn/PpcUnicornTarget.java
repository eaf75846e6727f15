package org.kexeclab.ppc.unicorn;

import java.nio.ByteOrder;
import java.util.OptionalLong;
import org.kexeclab.Arch;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.unicorn.FetchGuard;
import org.kexeclab.engine.unicorn.FetchGuardContext;
import org.kexeclab.engine.unicorn.TargetSupport;
import org.kexeclab.engine.unicorn.UcRegister;
import org.kexeclab.engine.unicorn.UnicornProbe;
import org.kexeclab.engine.unicorn.UnicornTarget;
import org.kexeclab.ppc.PpcRegister;

/**
 * PowerPC on Unicorn 2.0.1 ({@code ppc.h}): {@code UC_ARCH_PPC}, big-endian, 32- or 64-bit mode;
 * every CPU guarded by {@link TimerSprGuard}. ppc64 runs only if {@link Ppc64Probe} finds a CPU
 * model that executes 64-bit code; ppc64le never does (Unicorn has no little-endian PowerPC).
 * QEMU 5's POWER models raise an illegal instruction as exception 96
 * ({@code POWERPC_EXCP_HV_EMU}) with the PC one instruction past the culprit.
 */
public final class PpcUnicornTarget implements UnicornTarget {
    private static final int UC_ARCH_PPC = 5;
    private static final int UC_MODE_PPC32 = 1 << 2;
    private static final int UC_MODE_PPC64 = 1 << 3;
    private static final int UC_MODE_BIG_ENDIAN = 1 << 30;
    /** QEMU 5's PowerPC "hypervisor emulation assistance" index, raised for illegal instructions. */
    private static final int POWERPC_EXCP_HV_EMU = 96;
    /** Unicorn's register numbers by {@link PpcRegister} ordinal. */
    private static final UcRegister[] IDS = new UcRegister[PpcRegister.values().length];

    static {
        for (int i = 0; i < 32; i++) {
            IDS[i] = UcRegister.of(2 + i);
        }
        int[] special = {1, 74, 76, 77, 79, 75}; // pc lr ctr msr cr xer
        for (int k = 0; k < special.length; k++) {
            IDS[PpcRegister.PC.ordinal() + k] = UcRegister.of(special[k]);
        }
    }

    private final Arch arch;

    /** The target of {@code arch} (ppc32, ppc64 or ppc64le). */
    public PpcUnicornTarget(Arch arch) {
        this.arch = arch;
    }

    @Override
    public int ucArch() {
        return UC_ARCH_PPC;
    }

    @Override
    public int ucMode() {
        return (arch.wordSize() == 4 ? UC_MODE_PPC32 : UC_MODE_PPC64) | UC_MODE_BIG_ENDIAN;
    }

    @Override
    public UcRegister register(Register register) {
        return register instanceof PpcRegister r ? IDS[r.ordinal()] : null;
    }

    /** ppc32 runs; ppc64 as its probe finds; ppc64le not at all. */
    @Override
    public TargetSupport probe(UnicornProbe probe) {
        if (arch.byteOrder() == ByteOrder.LITTLE_ENDIAN) {
            return TargetSupport.no("Unicorn has no little-endian PowerPC, so " + arch + " cannot run on "
                    + probe.engineName() + ": use an engine that can");
        }
        return arch.wordSize() == 8 ? Ppc64Probe.probe(probe) : TargetSupport.runs();
    }

    @Override
    public FetchGuard fetchGuard(FetchGuardContext context) {
        return new TimerSprGuard(context, arch.byteOrder());
    }

    @Override
    public OptionalLong undefinedInstructionAt(int number, long pc) {
        return number == POWERPC_EXCP_HV_EMU ? OptionalLong.of(pc - 4) : OptionalLong.empty();
    }
}
