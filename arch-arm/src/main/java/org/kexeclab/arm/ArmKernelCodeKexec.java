package org.kexeclab.arm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
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
 * 32-bit arm's {@code machine_kexec} around the kernel's own {@code relocate_new_kernel}: the
 * code copied to the start of the control page, the data block written right after it at the
 * offsets the code's loads through r7 use (start address, indirection page {@code head &
 * PAGE_MASK}, machine type, r2), and the CPU entering the copy at its physical address in SVC
 * mode with IRQ and FIQ masked and the MMU off, as {@code soft_restart} leaves it. The code
 * reads no register; it leaves r0 = 0, r1 = machine type and r2 = the DTB at the new kernel's
 * entry, the same boot protocol the stub keeps ({@link ArmMachineKexec#entryProtocol}).
 *
 * <p>Pages are counted at the code's first instruction after its {@code tst rN, #8; beq} on
 * the entry's SOURCE flag (the stub's {@code kexec_copy_page}, by that name in the listing's
 * symbols), found in the code's own words.
 */
final class ArmKernelCodeKexec extends KernelCodeMachine {
    /** The counting label the run's page counter and progress bar look for. */
    static final String COPY_PAGE = "kexec_copy_page";
    private static final int IND_SOURCE = 8;
    private static final int DATA_BLOCK = 16;

    private final int copyPage;

    ArmKernelCodeKexec(MachineKexec stubMachine, RelocationCode code) throws VmlinuxException {
        super(stubMachine, code);
        this.copyPage = sourceBranch(code.code());
        for (int offset : code.fieldOffsets().values()) {
            if (offset < 0 || offset + 4 > DATA_BLOCK || (offset & 3) != 0) {
                throw new VmlinuxException(String.format("relocate_new_kernel reads its data block at offset %d, "
                        + "outside the 16-byte block machine_kexec writes", offset));
            }
        }
    }

    /** The offset of the first instruction run for a SOURCE entry: after {@code tst rN, #8; beq}. */
    static int sourceBranch(KernelCode code) throws VmlinuxException {
        for (int i = 0; i + 8 <= code.size(); i += 4) {
            int tst = code.word(i);
            int beq = code.word(i + 4);
            boolean testsSource = (tst & 0xfff0_f000) == 0xe310_0000 && (tst & 0xfff) == IND_SOURCE;
            if (testsSource && (beq & 0xff00_0000) == 0x0a00_0000 && i + 8 < code.size()) {
                return i + 8;
            }
        }
        throw new VmlinuxException("relocate_new_kernel has no tst rN, #8 followed by beq: the test of an entry's "
                + "SOURCE flag is not where the 6.1 code has it");
    }

    @Override
    public Stub assembleStub(long controlPage) {
        return place(controlPage, new byte[DATA_BLOCK]);
    }

    /** The code followed by {@code data}, at {@code controlPage}, listed by the kernel's symbol. */
    private Stub place(long controlPage, byte[] data) {
        KernelCode c = code.code();
        byte[] bytes = new byte[c.size() + DATA_BLOCK];
        System.arraycopy(c.bytes(), 0, bytes, 0, c.size());
        System.arraycopy(data, 0, bytes, c.size(), DATA_BLOCK);
        Listing listing = KernelCodeListing.of(c, List.of(controlPage), Map.of(0, c.name()), new A32Disassembler());
        Map<String, Long> symbols = new LinkedHashMap<>();
        symbols.put(c.name(), controlPage);
        symbols.put(COPY_PAGE, controlPage + copyPage);
        symbols.put(c.name() + "_end", controlPage + c.size());
        code.fieldOffsets().forEach((field, off) -> symbols.put("kexec_" + field, controlPage + c.size() + off));
        return Stub.of(bytes, List.of(controlPage), symbols, listing, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        long control = loaded.controlPage();
        ByteBuffer data = ByteBuffer.allocate(DATA_BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(code.field("start_address"), (int) loaded.image().entry());
        data.putInt(code.field("indirection_page"), (int) ArmMachineKexec.indirectionPage(loaded));
        data.putInt(code.field("mach_type"), (int) ArmMachineKexec.MACHINE_TYPE);
        data.putInt(code.field("r2"), (int) ArmMachineKexec.r2(loaded));
        Stub stub = place(control, data.array());
        cpu.write(control, stub.bytes());
        cpu.writeRegister(ArmRegister.CPSR, ArmMachineKexec.OLD_KERNEL_CPSR);
        cpu.writeRegister(ArmRegister.sp(), StandardMachine.STACK_TOP);
        return new KexecLaunch(stub, control, control);
    }

    /** The stub's boot protocol: the kernel's code leaves r0 = 0, r1 = machine type, r2 = the DTB, as the stub does. */
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
                "both copy a page with the same word loop (ldr, str, subs, bne: 4 instructions a word, 4,096 a page) "
                        + "and test an entry's flags in the same order",
                "the kernel's code reads its data block through r7 (adr r7, relocate_new_kernel_end) and reads the "
                        + "start address before walking the list; the stub reads each field pc-relative when it "
                        + "needs it",
                "the kernel's code clears only the flag bit of an entry (bic r4, r3, #1) where the stub clears the "
                        + "twelve low bits: the same page address for every entry kexec_load builds");
    }
}
