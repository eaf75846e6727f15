package org.kexeclab.x86.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.plan.CrashedKernel;
import org.kexeclab.loader.crash.ElfCoreHeader;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.testkit.PlanComparison;
import org.kexeclab.testkit.Readelf;
import org.kexeclab.testkit.SyntheticKernels;
import org.kexeclab.x86.X86Arches;

/**
 * The bzImage planner on a kernel with the header of Debian's 6.1.0-57 amd64 bzImage
 * (setup_sects 39, init_size 0x3f98000, kernel_alignment 2 MiB, a 0x7d87c0-byte payload),
 * against the plans Debian's kexec-tools 2.0.25 printed for that kernel on the same machines
 * ({@code kexec -d}; {@link X86KexecToolsPlanTest} runs kexec-tools itself when it is fetched):
 * kexec-tools' segment order, its purgatory footprint, the RNG seed setup_data, the zero page's
 * fields, and a crash load's backup region, ELF core header, command line and e820 map.
 */
class X86BzImagePlannerTest {
    static final long MIB = 1L << 20;

    @TempDir
    Path tmp;

    static byte[] debianLikeKernel() {
        byte[] k = SyntheticKernels.bzImage(39, 0x7d87c0, 0x3f98000);
        k[0x236] = 0x7f;
        return k;
    }

    static LoadPlan plan(LoadRequest req, MemoryLayout layout) throws Exception {
        return KernelLoader.withPurgatory(KernelLoader.plan(X86Arches.X86_64, req, layout));
    }

    static LoadRequest request() {
        return LoadRequest.of(debianLikeKernel()).withInitrd(new byte[3 << 20]).withCmdline("console=ttyS0");
    }

    @Test
    void plan_128MiB_segmentsWhereKexecToolsPutsThem() throws Exception {
        LoadPlan p = plan(request(), StandardMachine.layout(128 * MIB).build());
        assertEquals(List.of(
                "mem 0x100000 memsz 0x1000 bufsz 0x30",
                "mem 0x3d00000 memsz 0x300000 bufsz 0x300000",
                "mem 0x4000000 memsz 0x3f98000 bufsz 0x7d87c0",
                "mem 0x7ff1000 memsz 0x6000 bufsz 0x504e",
                "mem 0x7ff7000 memsz 0x9000 bufsz -"), PlanComparison.rows(p));
    }

    @Test
    void plan_ramTopJustPastTwoMiB_purgatoryFootprintKeepsKernelWhereKexecToolsPutsIt() throws Exception {
        LoadPlan p = plan(request(), StandardMachine.layout(0x81a0000L).build());
        assertEquals(0x4000000L, p.segment("kernel").segment().mem(), "kexec-tools: 0x4000000 (0x4200000 without the footprint)");
        assertEquals(0x3d00000L, p.segment("initrd").segment().mem());
        assertEquals(0x8191000L, p.segment(X86BzImagePlanner.SETUP_LABEL).segment().mem());
        assertEquals(0x8197000L, p.segment("purgatory").segment().mem());
    }

    @Test
    void plan_eightGib_purgatoryAtTheTopOfRamAsKexecToolsHasNoLimitForIt() throws Exception {
        LoadPlan p = plan(request(), StandardMachine.layout(8L << 30).build());
        assertEquals(0x1ffff7000L, p.segment("purgatory").segment().mem());
        assertEquals(0x1ffff1000L, p.segment(X86BzImagePlanner.SETUP_LABEL).segment().mem());
    }

    @Test
    void plan_rngSeedSetupData_linkedFromTheZeroPage() throws Exception {
        LoadPlan p = plan(request(), StandardMachine.layout(128 * MIB).build());
        ByteBuffer sd = ByteBuffer.wrap(p.segment(SetupData.LABEL).segment().data().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0L, sd.getLong(0), "next");
        assertEquals(SetupData.SETUP_RNG_SEED, sd.getInt(8));
        assertEquals(32, sd.getInt(12));
        assertEquals(0x100000L, zeroPage(p).getLong(ZeroPage.SETUP_DATA));
    }

    @Test
    void plan_zeroPageFields_asKexecToolsWritesThem() throws Exception {
        ByteBuffer z = zeroPage(plan(request(), StandardMachine.layout(128 * MIB).build()));
        assertEquals(0xfc00, z.getShort(ZeroPage.EXT_MEM_K) & 0xffff, "ext_mem_k capped at 64 MiB");
        assertEquals(0x1fbff, z.getInt(ZeroPage.ALT_MEM_K), "alt_mem_k: KiB from 1 MiB to the last byte of RAM");
        assertEquals(0xa33f, z.getShort(ZeroPage.CL_MAGIC) & 0xffff);
        assertEquals(0x5000, z.getShort(ZeroPage.CL_OFFSET) & 0xffff);
        assertEquals(0xffff, z.getShort(ZeroPage.ROOT_FLAGS) & 0xffff);
        assertEquals(0x0300, z.getShort(ZeroPage.ROOT_DEV) & 0xffff);
        assertEquals(0, z.get(ZeroPage.AUX_DEVICE_INFO));
        assertEquals(0x7ff1000L + 0x5000, z.getInt(ZeroPage.CMD_LINE_PTR) & 0xffffffffL);
    }

    @Test
    void crashPlan_256MiBAt512MiB_segmentsAsKexecToolsDashP() throws Exception {
        LoadPlan p = plan(request().withCrash(crashed()), crashLayout());
        assertEquals(ImageType.CRASH, p.image().type());
        assertEquals(List.of(
                "mem 0x20000000 memsz 0x1000 bufsz 0x30",
                "mem 0x2bb00000 memsz 0x300000 bufsz 0x300000",
                "mem 0x2be00000 memsz 0x3f98000 bufsz 0x7d87c0",
                "mem 0x2ff4d000 memsz 0x6000 bufsz 0x5061",
                "mem 0x2ff53000 memsz 0x9000 bufsz -",
                "mem 0x2ff5c000 memsz 0x4000 bufsz 0x400",
                "mem 0x2ff60000 memsz 0xa0000 bufsz 0xa0000"), PlanComparison.rows(p));
    }

    @Test
    void plan_layoutWithFirmwareMap_e820IsThatMapByteForByteAndTheMachineAreaStaysRam() throws Exception {
        MemoryLayout layout = StandardMachine.layout(128 * MIB)
                .firmwareRange(0, 0x9fc00, "System RAM").firmwareRange(0x9fc00, 0x400, "Reserved")
                .firmwareRange(0xf0000, 0x10000, "Reserved").firmwareRange(0x100000, 127 * MIB, "System RAM")
                .firmwareRange(0xfffc0000L, 0x40000, "Reserved").build();
        ByteBuffer z = zeroPage(plan(request(), layout));
        assertEquals(5, z.get(ZeroPage.E820_ENTRIES));
        long[][] expected = {{0, 0x9fc00, 1}, {0x9fc00, 0x400, 2}, {0xf0000, 0x10000, 2}, {0x100000, 127 * MIB, 1},
            {0xfffc0000L, 0x40000, 2}};
        for (int i = 0; i < expected.length; i++) {
            int at = ZeroPage.E820_TABLE + 20 * i;
            assertEquals(List.of(expected[i][0], expected[i][1], expected[i][2]),
                    List.of(z.getLong(at), z.getLong(at + 8), (long) z.getInt(at + 16)), "e820 entry " + i);
        }
        assertEquals(0x1fbff, z.getInt(ZeroPage.ALT_MEM_K), "alt_mem_k from the RAM entry that holds 1 MiB");
        assertEquals(0x7ff1000L, plan(request(), layout).segment(X86BzImagePlanner.SETUP_LABEL).segment().mem(),
                "the map describes the machine; the load goes where it goes without it");
    }

    @Test
    void crashPlan_commandLineAndE820_asKexecToolsDashP() throws Exception {
        ByteBuffer z = zeroPage(plan(request().withCrash(crashed()), crashLayout()));
        byte[] cmd = new byte["console=ttyS0 elfcorehdr=785776K".length()];
        z.get(0x5000, cmd);
        assertEquals("console=ttyS0 elfcorehdr=785776K", new String(cmd, StandardCharsets.US_ASCII));
        assertEquals(2, z.get(ZeroPage.E820_ENTRIES));
        assertEquals(List.of(0L, 0xa0000L, 1L, 0x20000000L, 0xff5c000L, 1L), List.of(z.getLong(0x2d0), z.getLong(0x2d8),
                (long) z.getInt(0x2e0), z.getLong(0x2e4), z.getLong(0x2ec), (long) z.getInt(0x2f4)));
        assertEquals(0, z.getShort(ZeroPage.EXT_MEM_K), "no RAM entry holds 1 MiB in the crash kernel's map");
    }

    @Test
    void crashPlan_elfCoreHeader_readelfSeesACoreFileOfTheOldKernelsRamOutsideTheReservation() throws Exception {
        LoadPlan p = plan(request().withCrash(crashed()), crashLayout());
        byte[] hdr = p.segment(X86CrashSegments.ELF_LABEL).segment().data().bytes();
        List<ElfCoreHeader.Phdr> own = ElfCoreHeader.read(hdr).phdrs();
        Readelf.Listing r = Readelf.programHeaders(hdr, tmp);
        assertEquals("CORE", r.type(), r.output());
        assertEquals(own.size(), r.headers().size(), r.output());
        assertEquals(List.of("NOTE 0x3b5b000 0x170", "NOTE 0x3b5c000 0x170", "NOTE 0x3b5a000 0x1024",
                "LOAD 0x1000000 0x2a5a000 RWE @0xffffffff81000000", "LOAD 0x100000 0x1ff00000 RWE @0xffff888000100000",
                "LOAD 0x30000000 0x10000000 RWE @0xffff888030000000"),
                r.headers().stream().map(h -> String.format("%s 0x%x 0x%x%s", h.type(), h.paddr(), h.memsz(),
                        h.type().equals("LOAD") ? " " + h.flags() + " @0x" + Long.toHexString(h.vaddr()) : "")).toList());
    }

    @Test
    void crashPlan_noReservation_refusedInOneSentence() {
        PlanningException e = assertThrows(PlanningException.class,
                () -> plan(request().withCrash(crashed()), StandardMachine.layout(1L << 30).build()));
        assertTrue(e.getMessage().contains("crash kernel reservation"), e.getMessage());
    }

    private static MemoryLayout crashLayout() {
        return StandardMachine.layout(1L << 30).sparse().crashReservation(0x20000000L, 256 * MIB)
                .runningKernel(X86CrashKernelRules.PHYSICAL_START, X86CrashKernelRules.KERNEL_SIZE).build();
    }

    private static CrashedKernel crashed() {
        return CrashedKernel.after(X86CrashKernelRules.PHYSICAL_START + X86CrashKernelRules.KERNEL_SIZE, 2,
                X86CrashKernelRules.CRASH_NOTES_SIZE);
    }

    private static ByteBuffer zeroPage(LoadPlan p) {
        return ByteBuffer.wrap(p.segment(X86BzImagePlanner.SETUP_LABEL).segment().data().bytes())
                .order(ByteOrder.LITTLE_ENDIAN);
    }
}
