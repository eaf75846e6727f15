package org.kexeclab.ppc.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.Arch;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.crash.ElfCoreHeader;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.dt.FdtNode;
import org.kexeclab.loader.dt.FdtParser;
import org.kexeclab.loader.plan.CrashedKernel;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.Readelf;
import org.kexeclab.testkit.RealKernels;
import org.kexeclab.testkit.SyntheticKernels;

/**
 * A ppc64le crash load ({@code kexec -p}) of an ELF vmlinux planned as kexec-tools' ppc64 loader
 * plans it: the kernel at the reservation's start, the 64 KiB backup region and the ELF core
 * header after it, {@code elfcorehdr=} and {@code savemaxmem=} on the command line, and the
 * tree's {@code /chosen/linux,crashkernel-*} and memory node's {@code linux,usable-memory}.
 */
class PpcElfCrashPlanTest {
    static final long MIB = 1L << 20;
    static final long BASE = 128 * MIB;
    static final long SIZE = 256 * MIB;

    @TempDir
    Path tmp;

    static MemoryLayout layout() {
        return StandardMachine.layout(1L << 30).sparse().crashReservation(BASE, SIZE)
                .runningKernel(0, Ppc64CrashKernelRules.KERNEL_SIZE).build();
    }

    static LoadRequest request(byte[] kernel) {
        CrashedKernel crashed = CrashedKernel.after(Ppc64CrashKernelRules.KERNEL_SIZE, 2,
                Ppc64CrashKernelRules.CRASH_NOTES_SIZE);
        return LoadRequest.of(kernel).withCmdline("console=hvc0").withCrash(crashed);
    }

    static byte[] synthetic() {
        return SyntheticKernels.elf(true, true, PpcCrashSegments.EM_PPC64, PpcCrashSegments.PAGE_OFFSET);
    }

    static LoadPlan plan(Arch arch, LoadRequest req) throws Exception {
        return KernelLoader.plan(arch, req, layout());
    }

    static long mem(LoadPlan p, String label) {
        return p.segment(label).segment().mem();
    }

    @Test
    void crashPlan_syntheticPpc64le_kernelBackupAndHeaderBottomUpInTheReservation() throws Exception {
        LoadPlan p = plan(PpcArches.PPC64LE, request(synthetic()));
        assertEquals(ImageType.CRASH, p.image().type());
        assertEquals(List.of(BASE, BASE + 0x5000, BASE + 0x15000),
                List.of(mem(p, "kernel"), mem(p, PpcCrashSegments.BACKUP_LABEL), mem(p, PpcCrashSegments.ELF_LABEL)));
        assertEquals(BASE + 0x100, p.image().entry());
        for (Segment s : p.image().segments()) {
            assertTrue(s.mem() >= BASE && s.mem() + s.memsz() <= BASE + SIZE, s.toString());
        }
    }

    @Test
    void crashPlan_syntheticPpc64le_commandLineAndTreeMarkedAsKexecToolsDashP() throws Exception {
        LoadPlan p = plan(PpcArches.PPC64LE, request(synthetic()));
        Fdt tree = FdtParser.parse(p.segment("dtb").segment().data().bytes());
        FdtNode chosen = tree.root().child("chosen").orElseThrow();
        String bootargs = new String(chosen.property("bootargs").orElseThrow(), StandardCharsets.US_ASCII);
        assertEquals("console=hvc0 elfcorehdr=" + (BASE + 0x15000) / 1024 + "K savemaxmem=1024M\0", bootargs);
        assertEquals(List.of(BASE, SIZE), List.of(chosen.number(PpcCrashSegments.CRASHKERNEL_BASE).orElseThrow(),
                chosen.number(PpcCrashSegments.CRASHKERNEL_SIZE).orElseThrow()));
        FdtNode memory = tree.root().children().stream().filter(n -> n.name().startsWith("memory")).findFirst()
                .orElseThrow();
        assertEquals(List.of(BASE, SIZE), longs(memory.property(PpcCrashSegments.USABLE_MEMORY).orElseThrow()));
    }

    @Test
    void crashPlan_elfCoreHeader_readelfSeesTheOldRamOutsideTheReservationAndTheBackup() throws Exception {
        LoadPlan p = plan(PpcArches.PPC64LE, request(synthetic()));
        Segment hdr = p.segment(PpcCrashSegments.ELF_LABEL).segment();
        ElfCoreHeader.Parsed own = ElfCoreHeader.read(hdr.data().bytes());
        assertEquals(ByteOrder.LITTLE_ENDIAN, own.order());
        assertEquals(PpcCrashSegments.EM_PPC64, own.machine());
        Readelf.Listing r = Readelf.programHeaders(hdr.data().bytes(), tmp);
        assertEquals("CORE", r.type(), r.output());
        List<String> seen = new ArrayList<>();
        for (Readelf.Header h : r.headers()) {
            seen.add(String.format("%s off 0x%x pa 0x%x size 0x%x%s", h.type(), h.offset(), h.paddr(), h.memsz(),
                    h.type().equals("LOAD") ? " @0x" + Long.toHexString(h.vaddr()) : ""));
        }
        CrashedKernel c = request(synthetic()).crash();
        assertEquals(List.of(
                String.format("NOTE off 0x%x pa 0x%x size 0x218", c.crashNotes().get(0), c.crashNotes().get(0)),
                String.format("NOTE off 0x%x pa 0x%x size 0x218", c.crashNotes().get(1), c.crashNotes().get(1)),
                String.format("NOTE off 0x%x pa 0x%x size 0x1024", c.vmcoreinfo(), c.vmcoreinfo()),
                String.format("LOAD off 0x%x pa 0x0 size 0x10000 @0xc000000000000000", BASE + 0x5000),
                "LOAD off 0x10000 pa 0x10000 size 0x7ff0000 @0xc000000000010000",
                "LOAD off 0x18000000 pa 0x18000000 size 0x28000000 @0xc000000018000000"), seen, r.output());
    }

    @Test
    void crashPlan_bigEndianPpc64_sameLayoutAndABigEndianCoreHeader() throws Exception {
        byte[] be = SyntheticKernels.elf(true, false, PpcCrashSegments.EM_PPC64, PpcCrashSegments.PAGE_OFFSET);
        LoadPlan p = plan(PpcArches.PPC64, request(be));
        assertEquals(List.of(BASE, BASE + 0x5000, BASE + 0x15000),
                List.of(mem(p, "kernel"), mem(p, PpcCrashSegments.BACKUP_LABEL), mem(p, PpcCrashSegments.ELF_LABEL)));
        ElfCoreHeader.Parsed own = ElfCoreHeader.read(p.segment(PpcCrashSegments.ELF_LABEL).segment().data().bytes());
        assertEquals(ByteOrder.BIG_ENDIAN, own.order());
    }

    @Test
    void crashPlan_userDtb_refusedInOneSentence() {
        PlanningException e = assertThrows(PlanningException.class,
                () -> plan(PpcArches.PPC64LE, request(synthetic()).withDtb(new byte[64])));
        assertTrue(e.getMessage().contains("user device tree (--dtb) is not modelled"), e.getMessage());
    }

    @Test
    void crashPlan_ppc32_refusedAsNotModelled() {
        byte[] elf32 = SyntheticKernels.elf(false, false, 20, 0xc0000000L);
        PlanningException e = assertThrows(PlanningException.class, () -> plan(PpcArches.PPC32, request(elf32)));
        assertTrue(e.getMessage().contains("not modelled"), e.getMessage());
    }

    @Test
    void crashPlan_debianPpc64elVmlinux_kernelAtTheReservationAndEntryThere() throws Exception {
        Optional<Path> k = RealKernels.forArch(PpcArches.PPC64LE);
        assumeTrue(k.isPresent(), "no ppc64el kernel fetched (scripts/fetch-kernels)");
        LoadPlan p = plan(PpcArches.PPC64LE, request(Files.readAllBytes(k.get())));
        Segment kernel = p.segment("kernel").segment();
        assertEquals(BASE, kernel.mem());
        assertEquals(BASE, p.image().entry(), "the vmlinux's entry is its first byte (e_entry = PAGE_OFFSET)");
        long backup = mem(p, PpcCrashSegments.BACKUP_LABEL);
        assertEquals((kernel.mem() + kernel.memsz() + 1023) & -1024L, backup);
        assertTrue(mem(p, PpcCrashSegments.ELF_LABEL) >= backup + 0x10000);
        for (Segment s : p.image().segments()) {
            assertTrue(s.mem() >= BASE && s.mem() + s.memsz() <= BASE + SIZE, s.toString());
        }
    }

    private static List<Long> longs(byte[] prop) {
        ByteBuffer b = ByteBuffer.wrap(prop);
        List<Long> out = new ArrayList<>();
        while (b.remaining() >= 8) {
            out.add(b.getLong());
        }
        return out;
    }
}
