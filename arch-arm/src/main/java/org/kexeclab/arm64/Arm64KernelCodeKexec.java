package org.kexeclab.arm64;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.image.IndirectionList;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.kexec.kernelcode.KernelCodeListing;
import org.kexeclab.kexec.kernelcode.KernelCodeMachine;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * arm64's {@code machine_kexec} around the kernel's own {@code arm64_relocate_new_kernel}, run
 * with the MMU off: the code copied to the start of the control page and entered there
 * ({@code kern_reloc}, its physical address), {@code x0} the physical address of a
 * {@code struct kimage} in the machine's architecture area whose fields hold what
 * {@code machine_kexec_post_load} leaves in them: {@code head}, {@code start}, {@code dtb_mem},
 * {@code el2_vectors} 0 (the kernel runs at EL1, no hypervisor vectors to install),
 * {@code ttbr1} (the root of the linear map's copy), {@code zero_page} and {@code phys_offset}.
 *
 * <p><b>MMU off, phys_offset 0.</b> The kernel calls the code with the MMU on: {@code x0} is a
 * linear-map address, TTBR0 maps the control page to itself, and the code switches TTBR1 to the
 * zero page and then to the copy of the linear map (break-before-make) and copies through it,
 * every list address minus {@code phys_offset}. Here the old kernel's MMU is off, as kexec-lab
 * models the leaving kernel on arm64, so {@code phys_offset} is 0, {@code x0} is physical and the
 * TTBR1 writes translate nothing: {@code ttbr1} names an empty table page and {@code zero_page}
 * a zeroed page, both in the architecture area, as the kernel's would be pages of their own.
 * Every instruction of the code runs unmodified.
 *
 * <p>Pages are counted at the code's first instruction after its {@code tbz} on the entry's
 * SOURCE bit (bit 3), named {@code kexec_copy_page} in the listing's symbols, found in its words.
 */
final class Arm64KernelCodeKexec extends KernelCodeMachine {
    /** The counting label the run's page counter and progress bar look for. */
    static final String COPY_PAGE = "kexec_copy_page";
    /** Where the {@code struct kimage} goes (the stub's data block's place). */
    static final long KIMAGE = StandardMachine.ARCH_AREA;
    /** The zero page {@code zero_page} names. */
    static final long ZERO_PAGE = StandardMachine.ARCH_AREA + 0x1000;
    /** The (empty) table page {@code ttbr1} names. */
    static final long TTBR1_TABLE = StandardMachine.ARCH_AREA + 0x2000;
    private static final int PAGE = 4096;
    private static final int SOURCE_BIT = 3;

    private final int copyPage;

    Arm64KernelCodeKexec(MachineKexec stubMachine, RelocationCode code) throws VmlinuxException {
        super(stubMachine, code);
        this.copyPage = sourceTest(code.code());
        for (Map.Entry<String, Integer> f : code.fieldOffsets().entrySet()) {
            if (f.getValue() < 0 || f.getValue() + 8 > PAGE || (f.getValue() & 7) != 0) {
                throw new VmlinuxException(String.format("arm64_relocate_new_kernel reads kimage.%s at offset %d, "
                        + "not an aligned doubleword of one page", f.getKey(), f.getValue()));
            }
        }
    }

    /** The offset of the instruction after the first {@code tbz xN, #3} (the test of the SOURCE flag). */
    static int sourceTest(KernelCode code) throws VmlinuxException {
        for (int i = 0; i + 8 <= code.size(); i += 4) {
            int w = code.word(i);
            int bit = (w >>> 31) << 5 | (w >>> 19) & 31;
            if ((w & 0x7f00_0000) == 0x3600_0000 && bit == SOURCE_BIT) {
                return i + 4;
            }
        }
        throw new VmlinuxException("arm64_relocate_new_kernel has no tbz on bit 3 (an entry's SOURCE flag)");
    }

    @Override
    public Stub assembleStub(long controlPage) {
        KernelCode c = code.code();
        Listing listing = KernelCodeListing.of(c, List.of(controlPage), Map.of(0, c.name()), new A64Disassembler());
        Map<String, Long> symbols = new LinkedHashMap<>();
        symbols.put(c.name(), controlPage);
        symbols.put(COPY_PAGE, controlPage + copyPage);
        symbols.put(c.name() + "_end", controlPage + c.size());
        return Stub.of(c.bytes(), List.of(controlPage), symbols, listing, ByteOrder.LITTLE_ENDIAN);
    }

    /** machine_kexec does not call the code for an image whose head is IND_DONE (loaded in place). */
    @Override
    public String refusal(LoadedImage loaded) {
        if ((loaded.head() & IndirectionList.IND_DONE) == 0) {
            return null;
        }
        return "arm64's machine_kexec never calls arm64_relocate_new_kernel for an image loaded in place (its head is "
                + "IND_DONE, as a crash kernel's is): it jumps to the entry through cpu_soft_restart, so there is no "
                + "kernel relocation code to run";
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        String refused = refusal(loaded);
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        long control = loaded.controlPage();
        Stub stub = assembleStub(control);
        cpu.write(control, stub.bytes());
        cpu.write(ZERO_PAGE, new byte[PAGE]);
        cpu.write(TTBR1_TABLE, new byte[PAGE]);
        cpu.write(KIMAGE, kimage(loaded));
        cpu.writeRegister(Arm64Register.X0, KIMAGE);
        cpu.writeRegister(Arm64Register.SP, StandardMachine.STACK_TOP);
        cpu.writeRegister(Arm64Register.SCTLR_EL1, Arm64MachineKexec.OLD_KERNEL_SCTLR);
        cpu.writeRegister(Arm64Register.DAIF, Arm64MachineKexec.DAIF_MASKED);
        return new KexecLaunch(stub, control, control);
    }

    /** The kimage page: every field the code reads, at the offsets it reads them from. */
    private byte[] kimage(LoadedImage loaded) {
        Map<String, Long> values = Map.of("head", loaded.head(), "start", loaded.image().entry(),
                "dtb_mem", Arm64MachineKexec.dtb(loaded), "el2_vectors", 0L, "ttbr1", TTBR1_TABLE,
                "zero_page", ZERO_PAGE, "phys_offset", 0L);
        ByteBuffer b = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Integer> f : code.fieldOffsets().entrySet()) {
            Long v = values.get(f.getKey());
            if (v == null) {
                throw new IllegalStateException("no value for kimage." + f.getKey());
            }
            b.putLong(f.getValue(), v);
        }
        return b.array();
    }

    /** The stub's boot protocol: the code leaves x0 = dtb, x1 = x2 = x3 = 0, DAIF masked, as the stub does. */
    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        return stubMachine.entryProtocol(loaded, launch);
    }

    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        return stubMachine.checkMachineState(loaded, launch, cpu);
    }

    @Override
    public List<String> differencesFromStub() {
        return List.of(
                "the kernel's code copies 64 bytes a round with four ldp and four stnp (non-temporal) and two adds "
                        + "where the stub uses post-indexed ldp and stp, then both clean the page by D-cache line "
                        + "(dc civac)",
                "the kernel's code switches TTBR1 to the zero page and then to a copy of the linear map before "
                        + "copying (break-before-make) and subtracts phys_offset from every list address; in this "
                        + "MMU-off run phys_offset is 0 and the switches translate nothing",
                "at the end the kernel's code writes SCTLR_EL1 with a constant (MMU and caches off) where the stub "
                        + "clears M, C and I in the value it reads, so the two leave different SCTLR_EL1 values "
                        + "with the same M and C bits");
    }
}
