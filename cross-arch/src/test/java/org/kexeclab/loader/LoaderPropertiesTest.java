package org.kexeclab.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.loader.dt.DeviceTrees;
import org.kexeclab.loader.dt.FdtParser;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.PlanInvariants;
import org.kexeclab.testkit.SyntheticKernels;
import org.kexeclab.testkit.SyntheticLayouts;
import org.kexeclab.x86.X86Arches;

/**
 * Corrupted and truncated files never escape as anything but the loader's typed exceptions,
 * and every plan that succeeds keeps the planning invariants.
 */
class LoaderPropertiesTest {
    private static final List<Arch> ARCHES = List.of(X86Arches.X86_64, ArmArches.ARM64, ArmArches.ARM, PpcArches.PPC64, PpcArches.PPC32,
            PpcArches.PPC64LE);
    private static final List<Supplier<byte[]>> KERNELS = List.of(SyntheticKernels::bzImage,
            SyntheticKernels::arm64Image, SyntheticKernels::zImage,
            () -> SyntheticKernels.elf(true, false, 21, 0xc000000000000000L),
            () -> SyntheticKernels.elf(false, false, 20, 0xc0000000L),
            () -> SyntheticKernels.elf(true, true, 21, 0xc000000000000000L));

    @Provide
    Arbitrary<int[]> corruption() {
        return Arbitraries.integers().between(0, 0x1000).array(int[].class).ofMinSize(2).ofMaxSize(16);
    }

    @Property(tries = 600)
    void plan_corruptedOrTruncatedKernel_failsOnlyWithTypedErrors(@ForAll @IntRange(min = 0, max = 5) int format,
                                                                 @ForAll("corruption") int[] edits,
                                                                 @ForAll @IntRange(min = 0, max = 0x4000) int cut) {
        byte[] f = KERNELS.get(format).get();
        for (int i = 0; i + 1 < edits.length; i += 2) {
            f[edits[i] % f.length] = (byte) edits[i + 1];
        }
        byte[] k = java.util.Arrays.copyOf(f, Math.min(f.length, cut + 0x40));
        try {
            PlanInvariants.check(KernelLoader.plan(ARCHES.get(format), LoadRequest.of(k).withInitrd(new byte[100])));
        } catch (ImageFormatException | PlanningException e) {
            assertTrue(e.getMessage().length() > 20 && !e.getMessage().contains("\n"), e.getMessage());
        } catch (Exception e) {
            throw new AssertionError("untyped failure for format " + format + ": " + e, e);
        }
    }

    @Property(tries = 300)
    void parse_corruptedDtb_failsOnlyWithImageFormatException(@ForAll("corruption") int[] edits) throws Exception {
        byte[] dtb = FdtWriter.write(DeviceTrees.patch(DeviceTrees.standard(ArmArches.ARM, SyntheticLayouts.MIB_128),
                SyntheticLayouts.MIB_128, "console=ttyS0", 0x200000, 0x201000));
        for (int i = 0; i + 1 < edits.length; i += 2) {
            dtb[edits[i] % dtb.length] = (byte) edits[i + 1];
        }
        try {
            FdtWriter.write(FdtParser.parse(dtb));
        } catch (ImageFormatException e) {
            assertEquals("DTB", e.format());
        }
    }

    @Property(tries = 120)
    void plan_anySizes_keepsInvariantsOrFailsToFit(@ForAll @IntRange(min = 0, max = 5) int format,
                                                   @ForAll @IntRange(min = 0, max = 40 << 20) int initrdSize,
                                                   @ForAll @IntRange(min = 0, max = 1500) int cmdlineLength,
                                                   @ForAll @IntRange(min = 2, max = 512) int ramMib) throws Exception {
        LoadRequest req = LoadRequest.of(KERNELS.get(format).get()).withCmdline("c".repeat(cmdlineLength))
                .withRam((long) ramMib << 20);
        if (initrdSize > 0) {
            req = req.withInitrd(new byte[initrdSize]);
        }
        try {
            LoadPlan plan = KernelLoader.plan(ARCHES.get(format), req);
            PlanInvariants.check(plan);
            if (initrdSize > 0) {
                assertEquals(initrdSize, plan.segment("initrd").segment().bufsz());
            }
        } catch (PlanningException e) {
            boolean tooLong = cmdlineLength >= 1024 && e.getMessage().startsWith("the " + cmdlineLength
                    + "-byte command line is longer than");   // arm's COMMAND_LINE_SIZE, the least, is 1024
            assertTrue(e.getMessage().contains("does not fit") || e.getMessage().contains("more than") || tooLong,
                    e.getMessage());
        }
    }
}
