package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.Errno;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadChecks;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.loader.plan.LoadPlan;

/** Properties every plan must have, whatever the format. */
public final class PlanInvariants {
    private PlanInvariants() {
    }

    public static void check(LoadPlan plan) throws Exception {
        List<Segment> segs = plan.image().segments();
        assertEquals(plan.segments().size(), segs.size());
        assertTrue(segs.size() <= 16);
        List<AddressRange> free = plan.image().layout().allocatableRam();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            assertEquals(0, s.mem() & 4095, "page-aligned mem: " + s);
            assertEquals(0, s.memsz() & 4095, "whole pages: " + s);
            assertTrue(s.bufsz() <= s.memsz(), "bufsz <= memsz: " + s);
            assertTrue(free.stream().anyMatch(r -> r.containsAll(s.mem(), s.mend())), "inside free RAM: " + s);
            for (int j = 0; j < i; j++) {
                Segment o = segs.get(j);
                assertTrue(s.mend() <= o.mem() || o.mend() <= s.mem(), "no overlap: " + s + " and " + o);
            }
        }
        long entry = plan.image().entry();
        assertTrue(plan.segments().stream().anyMatch(p -> p.label().startsWith("kernel")
                && entry >= p.segment().mem() && entry < p.segment().mend()), "entry inside a kernel segment");
        long pages = segs.stream().mapToLong(x -> x.memsz() / 4096).sum();
        if (pages <= plan.image().layout().totalRamPages() / 2) {
            LoadChecks.check(plan.image());
            LoadedImage.load(plan.image());
        } else {
            KexecLoadException e = assertThrows(KexecLoadException.class, () -> LoadChecks.check(plan.image()),
                    "the kernel refuses an image of more than half of RAM");
            assertEquals(Errno.EINVAL, e.errno());
        }
    }
}
