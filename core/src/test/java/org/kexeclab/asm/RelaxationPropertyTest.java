package org.kexeclab.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random programs of branches and gaps: passes converge and every branch lands on its label. */
class RelaxationPropertyTest {

    @Property(tries = 200)
    void assemble_randomBranches_everyBranchReachesItsLabel(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 9) Integer> targets,
            @ForAll @Size(min = 10, max = 10) List<@IntRange(min = 0, max = 90) Integer> gaps) throws Exception {
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            src.append("L").append(i).append(": .skip ").append(gaps.get(i)).append('\n');
            for (int k = i; k < targets.size(); k += 10) {
                src.append("br L").append(targets.get(k)).append('\n');
            }
        }
        Stub s = FakeEncoder.assembler().assemble("r.S", src.toString(), 0x4000, Map.of());
        byte[] code = s.bytes();
        Listing l = s.listing();
        for (int i = 0; i < l.size(); i++) {
            String text = l.text(i);
            if (!text.startsWith("br ")) {
                continue;
            }
            long at = l.address(i);
            int off = (int) (at - s.origin());
            long target = s.symbol(text.substring(3));
            long rel = l.length(i) == 2 ? code[off + 1] : (code[off + 1] & 0xff | (code[off + 2] & 0xff) << 8
                    | (code[off + 3] & 0xff) << 16 | code[off + 4] << 24);
            assertEquals(target, at + l.length(i) + rel, text + " at " + Long.toHexString(at));
        }
    }
}
