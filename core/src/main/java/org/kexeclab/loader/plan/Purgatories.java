package org.kexeclab.loader.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.SegmentData;

/**
 * Adds a {@link Purgatory} to a {@link LoadPlan}: at the start of the hole the plan holds for
 * it (where kexec-tools puts its own purgatory: the segment then fills that hole, so every other
 * segment lands where kexec-tools puts it), else placed by the loader's hole rules
 * ({@link HoleAllocator}: whole pages, free RAM, overlapping no other segment) in the highest
 * hole below 4 GiB (every architecture's purgatory, 32-bit ones included, can reach it);
 * assembled there, its slots patched with the kernel entry and the plan's boot registers, and
 * made the image's entry.
 */
public final class Purgatories {
    /** The segment label of the purgatory. */
    public static final String LABEL = "purgatory";
    private static final long BELOW_4G = 1L << 32;

    private Purgatories() {
    }

    /**
     * {@code plan} with {@code purgatory} added as its last segment and as the image's entry;
     * {@link LoadPlan#kernelEntry()} keeps the kernel's entry.
     *
     * @throws PlanningException if the plan already has a purgatory, is for another
     *                           architecture, has a kernel entry or boot register value wider
     *                           than the architecture's word, or no free hole below 4 GiB holds it
     */
    static LoadPlan add(LoadPlan plan, Purgatory purgatory) throws PlanningException {
        Arch arch = plan.image().arch();
        if (purgatory.arch() != arch) {
            throw new PlanningException(purgatory.arch().withArticle() + " purgatory cannot start " + arch.withArticle()
                    + " kernel");
        }
        if (plan.hasPurgatory()) {
            throw new PlanningException("the plan already has a purgatory at 0x"
                    + Long.toHexString(plan.image().entry()));
        }
        checkSlotsHold(plan, arch);
        AddressRange place = place(plan, purgatory);
        Stub stub = patch(purgatory.assemble(place.start()), plan, arch.wordSize());
        if (stub.size() > purgatory.memsz()) {
            throw new IllegalStateException(String.format("the %s purgatory is 0x%x bytes, more than its 0x%x-byte "
                    + "segment", arch, stub.size(), purgatory.memsz()));
        }
        List<PlannedSegment> segs = new ArrayList<>(plan.segments());
        segs.add(new PlannedSegment(LABEL, new org.kexeclab.image.Segment(SegmentData.of(stub.bytes()), place.start(),
                place.size())));
        Map<String, Long> regs = new LinkedHashMap<>(plan.bootRegisters());
        return Plans.withPurgatory(plan, segs, stub.symbol(Purgatory.ENTRY), regs, stub);
    }

    /**
     * Where the purgatory's segment goes: the hole the plan holds (the segment fills it), else
     * its own size in the highest free hole below 4 GiB.
     */
    private static AddressRange place(LoadPlan plan, Purgatory purgatory) throws PlanningException {
        if (plan.purgatoryHole().isPresent()) {
            AddressRange hole = plan.purgatoryHole().get();
            if (hole.size() < purgatory.memsz()) {
                throw new PlanningException(String.format("the 0x%x-byte hole held for the purgatory is smaller than "
                        + "the %s purgatory's 0x%x bytes", hole.size(), purgatory.arch(), purgatory.memsz()));
            }
            return hole;
        }
        HoleAllocator holes = plan.image().type() == org.kexeclab.image.ImageType.CRASH
                ? HoleAllocator.inCrashReservation(plan.image().layout()) : new HoleAllocator(plan.image().layout());
        for (PlannedSegment s : plan.segments()) {
            holes.addAt(s.label(), s.segment().data(), s.segment().mem(), s.segment().memsz());
        }
        // kexec-tools rounds every segment's memsz up to the running kernel's page size
        long memsz = HoleAllocator.roundUp(purgatory.memsz(), plan.image().layout().pageSize());
        long base = holes.add(LABEL, SegmentData.of(new byte[0]), memsz, 0, 0, BELOW_4G, true);
        return AddressRange.of(base, memsz);
    }

    /** Refuses a kernel entry or boot register value wider than the architecture's word (the slots' size). */
    private static void checkSlotsHold(LoadPlan plan, Arch arch) throws PlanningException {
        checkSlotHolds("kernel entry", plan.kernelEntry(), arch);
        for (Map.Entry<String, Long> r : plan.bootRegisters().entrySet()) {
            checkSlotHolds("boot register " + r.getKey(), r.getValue(), arch);
        }
    }

    private static void checkSlotHolds(String what, long value, Arch arch) throws PlanningException {
        int bits = 8 * arch.wordSize();
        if (bits < 64 && (value >> bits) != 0 && (value >> (bits - 1)) != -1) {
            throw new PlanningException(String.format("the %s 0x%x does not fit the %d-bit %s purgatory: give a value "
                    + "below 4 GiB", what, value, bits, arch));
        }
    }

    /** The stub with the kernel entry and every boot register that has a slot written in. */
    public static Stub patch(Stub stub, LoadPlan plan, int word) {
        Stub s = stub.patch(Purgatory.KERNEL_ENTRY_SLOT, plan.kernelEntry(), word);
        for (Map.Entry<String, Long> r : plan.bootRegisters().entrySet()) {
            String slot = Purgatory.slot(r.getKey());
            if (s.hasSymbol(slot)) {
                s = s.patch(slot, r.getValue(), word);
            }
        }
        return s;
    }
}
