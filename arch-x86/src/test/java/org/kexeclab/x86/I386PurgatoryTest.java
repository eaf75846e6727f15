package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.Purgatory;
import org.kexeclab.testkit.PurgatoryContractTest;

/**
 * The purgatory contract for {@link I386Purgatory} on Unicorn (32-bit mode), with a 32-bit
 * bzImage, and the rest of the 32-bit boot protocol at the kernel entry: flat __BOOT_CS and
 * __BOOT_DS, ebx, ebp and edi zero, interrupts off.
 */
class I386PurgatoryTest extends PurgatoryContractTest {
    @Override
    protected Purgatory purgatory() {
        return new I386Purgatory();
    }

    @Override
    protected MachineKexec machine() {
        return new I386MachineKexec();
    }

    @Override
    protected byte[] kernel() {
        return I386Kernels.bzImage();
    }

    @Test
    void source_scratchStack_isTheMachinesOldKernelStack() {
        assertEquals(StandardMachine.STACK_TOP, purgatory().assemble(0).symbol("MACHINE_STACK_TOP"));
    }

    @Test
    void run_plannedLoad_kernelEnteredWithBootSegmentsAndClearRegisters() throws Exception {
        LoadPlan plan = KernelLoader.withPurgatory(KernelLoader.plan(X86Arches.I386,
                LoadRequest.of(kernel()).withCmdline("console=ttyS0")));
        LoadedImage loaded = LoadedImage.load(plan.image(), LoadOptions.defaults().withControlPages(machine().controlPages()));
        try (KexecRun run = KexecRun.prepare(machine(), loaded, KexecOptions.defaults(), engine())) {
            assertTrue(run.execute().verified());
            KernelEntryLeg.Outcome leg = KernelEntryLeg.follow(run, plan.kernelEntry(), plan.bootRegisters());
            assertTrue(leg.verified(), leg.failures()::toString);
            Cpu cpu = run.cpu();
            Map<String, Long> got = new LinkedHashMap<>();
            for (I386Register r : new I386Register[] {I386Register.CS, I386Register.DS, I386Register.ES, I386Register.SS,
                I386Register.FS, I386Register.GS, I386Register.EBX, I386Register.EBP, I386Register.EDI, I386Register.EFLAGS}) {
                got.put(r.name(), cpu.readRegister(r));
            }
            assertEquals(Map.of("CS", 0x10L, "DS", 0x18L, "ES", 0x18L, "SS", 0x18L, "FS", 0x18L, "GS", 0x18L,
                    "EBX", 0L, "EBP", 0L, "EDI", 0L, "EFLAGS", 2L), got);
        }
    }
}
