package org.kexeclab.arm64.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.CrashedKernel;
import org.kexeclab.loader.crash.ElfCoreHeader;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.dt.FdtNode;
import org.kexeclab.loader.dt.FdtParser;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.loader.dt.DeviceTrees;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.testkit.SyntheticKernels;

/**
 * The arm64 Image planner on an Image with the header of Debian's 6.1.0-57 arm64 kernel
 * (text_offset 0, image_size 0x2010000) against the plans Debian's kexec-tools 2.0.25 printed
 * for that kernel on the same machines (kexec -d under qemu-aarch64, docs/LOADER.md): the
 * purgatory's footprint after the DTB, a user DTB's memory nodes kept, and a crash load's ELF
 * core header, Image and /chosen properties.
 */
class Arm64ImagePlannerTest {
    static final long MIB = 1L << 20;

    static LoadRequest request() {
        return LoadRequest.of(SyntheticKernels.arm64Image(0x10000, 0, 0x2010000, 0xa)).withInitrd(new byte[3 << 20])
                .withCmdline("console=ttyAMA0");
    }

    static LoadPlan plan(LoadRequest req, MemoryLayout layout) throws Exception {
        return KernelLoader.withPurgatory(KernelLoader.plan(ArmArches.ARM64, req, layout));
    }

    static long mem(LoadPlan p, String label) {
        return p.segment(label).segment().mem();
    }

    @Test
    void plan_512MiB_purgatoryFootprintRightAfterTheDtbAsKexecTools() throws Exception {
        LoadPlan p = plan(request(), StandardMachine.layout(512 * MIB).sparse().build());
        assertEquals(List.of(0x200000L, 0x2210000L, 0x2510000L, 0x2511000L),
                List.of(mem(p, "kernel"), mem(p, "initrd"), mem(p, "dtb"), mem(p, "purgatory")));
        assertEquals(0x4000, p.segment("purgatory").segment().memsz());
    }

    @Test
    void plan_userDtb_memoryNodesAndReservationsKept() throws Exception {
        MemoryLayout small = StandardMachine.layout(128 * MIB).build();
        byte[] user = FdtWriter.write(DeviceTrees.patch(DeviceTrees.standard(ArmArches.ARM64, small), small, "", -1, -1));
        LoadPlan p = plan(request().withDtb(user), StandardMachine.layout(512 * MIB).sparse().build());
        Fdt given = FdtParser.parse(user);
        Fdt planned = FdtParser.parse(p.segment("dtb").segment().data().bytes());
        assertArrayEquals(memoryReg(given), memoryReg(planned));
        assertEquals(given.reservations(), planned.reservations());
    }

    @Test
    void crashPlan_256MiBAt512MiB_segmentsAndChosenAsKexecToolsDashP() throws Exception {
        MemoryLayout layout = StandardMachine.layout(1L << 30).sparse().crashReservation(0x20000000L, 256 * MIB)
                .runningKernel(0x200000, Arm64CrashKernelRules.KERNEL_SIZE).build();
        CrashedKernel crashed = CrashedKernel.after(0x200000 + Arm64CrashKernelRules.KERNEL_SIZE, 2,
                Arm64CrashKernelRules.CRASH_NOTES_SIZE);
        LoadPlan p = plan(request().withCrash(crashed), layout);
        assertEquals(ImageType.CRASH, p.image().type());
        assertEquals(List.of(0x2ffff000L, 0x20000000L, 0x22010000L, 0x22310000L, 0x22311000L),
                List.of(mem(p, Arm64CrashSegments.LABEL), mem(p, "kernel"), mem(p, "initrd"), mem(p, "dtb"),
                        mem(p, "purgatory")));
        Segment hdr = p.segment(Arm64CrashSegments.LABEL).segment();
        FdtNode chosen = FdtParser.parse(p.segment("dtb").segment().data().bytes()).root().child("chosen").orElseThrow();
        assertEquals(List.of(hdr.mem(), hdr.bufsz()), cells(chosen.property(Arm64CrashSegments.ELFCOREHDR).orElseThrow()));
        assertEquals(List.of(0x20000000L, 256 * MIB),
                cells(chosen.property(Arm64CrashSegments.USABLE_MEMORY).orElseThrow()));
        List<ElfCoreHeader.Phdr> phdrs = ElfCoreHeader.read(hdr.data().bytes()).phdrs();
        assertEquals(2 + 1 + 1 + 2, phdrs.size(), "2 CPU notes, vmcoreinfo, the kernel, RAM below and above the "
                + "reservation: " + phdrs);
        for (Segment s : p.image().segments()) {
            assertTrue(s.mem() >= 0x20000000L && s.mem() + s.memsz() <= 0x30000000L, s.toString());
        }
    }

    private static byte[] memoryReg(Fdt fdt) {
        return fdt.root().children().stream().filter(n -> n.name().startsWith("memory")).findFirst().orElseThrow()
                .property("reg").orElseThrow();
    }

    /** Two-cell (64-bit) values of a property, as the generated tree's #address-cells and #size-cells are 2. */
    private static List<Long> cells(byte[] prop) {
        ByteBuffer b = ByteBuffer.wrap(prop);
        return List.of(b.getLong(0), b.getLong(8));
    }
}
