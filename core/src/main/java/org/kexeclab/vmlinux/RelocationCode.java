package org.kexeclab.vmlinux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kernel's own relocation code as an architecture's locator found it: the bytes that are
 * copied into the control page, the addresses of the labels and helpers it uses, and the
 * offsets of the {@code struct kimage} (or data block) fields it reads, each decoded from
 * the code's own immediates.
 *
 * @param code         the code that is copied and run
 * @param labels       named addresses the code or its caller uses ("identity_mapped", "memcpy"), in a stable order
 * @param fieldOffsets field name to byte offset ("head" -> 0, "start" -> 24), in a stable order
 */
public record RelocationCode(KernelCode code, Map<String, Long> labels, Map<String, Integer> fieldOffsets) {
    /** Copies the maps, keeping their order. */
    public RelocationCode {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        fieldOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(fieldOffsets));
    }

    /** The address of label {@code name}; throws if the locator did not report it. */
    public long label(String name) {
        Long a = labels.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no label " + name + " in " + labels.keySet());
        }
        return a;
    }

    /** The offset of field {@code name}; throws if the locator did not report it. */
    public int field(String name) {
        Integer o = fieldOffsets.get(name);
        if (o == null) {
            throw new IllegalArgumentException("no field " + name + " in " + fieldOffsets.keySet());
        }
        return o;
    }

    @Override
    public String toString() {
        return code + " " + labels.keySet() + " " + fieldOffsets;
    }
}
