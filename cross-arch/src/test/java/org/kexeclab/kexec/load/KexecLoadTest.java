package org.kexeclab.kexec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.image.Errno;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;

/**
 * {@link KexecLoad}: the flags check before the generic load checks, the entry alignment after
 * them, each with EINVAL and a sentence, on a machine that only describes those two rules.
 */
class KexecLoadTest {
    private static final Arch ARM64 = Arches.byName("arm64");
    private static final long KERNEL = 0x1000000;

    /** A machine with the given answers to the two questions {@link KexecLoad} asks; it never runs. */
    private record Rules(boolean preserveContext, int alignment) implements MachineKexec {
        @Override
        public Arch arch() {
            return ARM64;
        }

        @Override
        public boolean supportsPreserveContext() {
            return preserveContext;
        }

        @Override
        public int entryAlignment(long entry) {
            return alignment;
        }

        @Override
        public String stubName() {
            return "none";
        }

        @Override
        public Stub assembleStub(long controlPage) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
            return List.of();
        }

        @Override
        public List<Register> entryRegisters() {
            return List.of();
        }

        @Override
        public EntryProbe entryProbe(long entry, long recordAddress) {
            throw new UnsupportedOperationException();
        }
    }

    private static KexecImage image(long entry, long... segments) {
        KexecImage.Builder b = KexecImage.builder(ARM64)
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build()).entry(entry);
        for (long mem : segments) {
            b.segment(SegmentData.generated(8192, 1), mem, 8192);
        }
        return b.build();
    }

    private static KexecOptions preserving() {
        return KexecOptions.defaults().withPreserveContext(true);
    }

    @Test
    void load_preserveContextWithoutKexecJump_einvalNamingTheFlag() {
        KexecLoadException e = assertThrows(KexecLoadException.class,
                () -> KexecLoad.load(new Rules(false, 4), image(KERNEL, KERNEL), LoadOptions.defaults(), preserving()));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("EINVAL: kexec_load on arm64 refuses KEXEC_PRESERVE_CONTEXT (--preserve-context): the flag "
                + "exists only in kernels with CONFIG_KEXEC_JUMP, which only x86 offers", e.getMessage());
    }

    @Test
    void load_preserveContextWithoutKexecJumpAndOverlappingSegments_theFlagIsRefusedFirst() {
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> KexecLoad.load(new Rules(false, 4),
                image(KERNEL, KERNEL, KERNEL + 4096), LoadOptions.defaults(), preserving()));
        assertEquals(0, e.segments().length, e.getMessage());
    }

    @Test
    void load_preserveContextWithKexecJump_loads() throws Exception {
        LoadedImage loaded = KexecLoad.load(new Rules(true, 1), image(KERNEL, KERNEL), LoadOptions.defaults(),
                preserving());
        assertEquals(2, loaded.totalPages());
    }

    @Test
    void load_entryNotInstructionAligned_einvalSayingTheAlignment() {
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> KexecLoad.load(new Rules(false, 4),
                image(KERNEL + 2, KERNEL), LoadOptions.defaults(), KexecOptions.defaults()));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("EINVAL: entry must be 4-byte aligned on arm64, and the entry point 0x1000002 is not: the CPU "
                + "could not start the new kernel there", e.getMessage());
    }

    @Test
    void load_entryAlignedAsTheMachineNeeds_loads() throws Exception {
        KexecLoad.load(new Rules(false, 4), image(KERNEL + 4, KERNEL), LoadOptions.defaults(), KexecOptions.defaults());
        KexecLoad.load(new Rules(false, 1), image(KERNEL + 3, KERNEL), LoadOptions.defaults(), KexecOptions.defaults());
    }

    @Test
    void load_entryMisalignedAndOverlappingSegments_theKernelsOwnCheckComesFirst() {
        KexecLoadException e = assertThrows(KexecLoadException.class, () -> KexecLoad.load(new Rules(false, 4),
                image(KERNEL + 2, KERNEL, KERNEL + 4096), LoadOptions.defaults(), KexecOptions.defaults()));
        assertEquals(2, e.segments().length, e.getMessage());
    }
}
