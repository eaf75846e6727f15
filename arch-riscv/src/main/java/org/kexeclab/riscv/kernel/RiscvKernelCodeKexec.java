package org.kexeclab.riscv.kernel;

import java.nio.ByteOrder;
import java.util.ArrayList;
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
import org.kexeclab.kexec.kernelcode.KernelCodeListing;
import org.kexeclab.kexec.kernelcode.KernelCodeMachine;
import org.kexeclab.riscv.RiscvMachineKexec;
import org.kexeclab.riscv.RiscvRegister;
import org.kexeclab.riscv.RvDisassembler;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;

/**
 * riscv64's {@code machine_kexec} ({@code arch/riscv/kernel/machine_kexec.c}) around the
 * kernel's own {@code riscv_kexec_relocate}: the code copied to the start of the control page
 * ({@code machine_kexec_prepare}) and called there with {@code a0 = &image->head, a1 = start,
 * a2 = the device tree, a3 = the hart id, a4 = va_pa_offset} ({@link RiscvMachineKexec#callState},
 * the same call the stub gets), after the shape of its code is checked
 * ({@link RiscvKexecRelocateShape}).
 *
 * <p><b>With physical addresses.</b> The kernel calls the copy at the control page's linear-map
 * address with the MMU on and passes {@code va_pa_offset} so the code can point stvec at the
 * physical address of its loop before its first {@code csrw satp, zero}. This machine's hart runs
 * the call in M-mode, where satp translates nothing, so addresses are physical from the start
 * and {@code va_pa_offset} is 0: stvec then holds the loop's physical address, as in the kernel.
 *
 * <p>A crash image is relocated by nobody in the kernel ({@code riscv_kexec_norelocate} jumps in
 * place); kexec-lab still relocates its list with this code, as it does for the stub.
 */
final class RiscvKernelCodeKexec extends KernelCodeMachine {
    /** The counting label the run's page counter and progress bar look for. */
    static final String COPY_PAGE = "kexec_copy_page";
    private static final RiscvRegister[] ZEROED = {RiscvRegister.A3, RiscvRegister.A4, RiscvRegister.A5,
        RiscvRegister.A6, RiscvRegister.A7, RiscvRegister.S0, RiscvRegister.S1, RiscvRegister.S2, RiscvRegister.S3,
        RiscvRegister.S4, RiscvRegister.S5, RiscvRegister.S6, RiscvRegister.S7, RiscvRegister.S8, RiscvRegister.S9,
        RiscvRegister.S10, RiscvRegister.S11, RiscvRegister.T0, RiscvRegister.T1, RiscvRegister.T2, RiscvRegister.T3,
        RiscvRegister.T4, RiscvRegister.T5, RiscvRegister.T6};

    private final RiscvKexecRelocateShape shape;

    RiscvKernelCodeKexec(MachineKexec stubMachine, RelocationCode code, RiscvKexecRelocateShape shape) {
        super(stubMachine, code);
        this.shape = shape;
    }

    @Override
    public Stub assembleStub(long controlPage) {
        KernelCode c = code.code();
        Map<Integer, String> names = Map.of(0, c.name());
        Listing listing = KernelCodeListing.of(c, List.of(controlPage), names, new RvDisassembler());
        Map<String, Long> symbols = new LinkedHashMap<>();
        symbols.put(c.name(), controlPage);
        symbols.put(COPY_PAGE, controlPage + shape.copyPage());
        return Stub.of(c.bytes(), List.of(controlPage), symbols, listing, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        long control = loaded.controlPage();
        Stub stub = assembleStub(control);
        cpu.write(control, stub.bytes());
        RiscvMachineKexec.callState(loaded, cpu);
        return new KexecLaunch(stub, control, control);
    }

    /**
     * The stub's boot protocol (a0 = hart id, a1 = device tree, satp Bare, no interrupt source
     * enabled), a2 = start (the code jumps through it), and every other argument, saved and
     * temporary register cleared, as the code clears them.
     */
    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        List<ExpectedRegister> out = new ArrayList<>(stubMachine.entryProtocol(loaded, launch));
        out.add(new ExpectedRegister(RiscvRegister.A2, loaded.image().entry(), "the new kernel's start, jumped through"));
        for (RiscvRegister r : ZEROED) {
            out.add(new ExpectedRegister(r, 0, "cleared before the jump"));
        }
        return out;
    }

    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        return stubMachine.checkMachineState(loaded, launch, cpu);
    }

    @Override
    public List<String> differencesFromStub() {
        return List.of(
                "the kernel's code is built with compressed (C) instructions, two bytes where the stub's are four",
                "the kernel's code clears every argument, saved and temporary register, sepc, scause and sscratch "
                        + "before it jumps; the stub clears what the boot protocol names",
                "the kernel calls the code at the control page's linear-map address with the MMU on and "
                        + "va_pa_offset to find its loop's physical address; this run calls it at the physical "
                        + "address in M-mode with va_pa_offset 0");
    }
}
