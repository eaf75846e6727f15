package org.kexeclab.vmlinux;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;

/**
 * Finds an architecture's {@link ImageLinkAddress} and {@link RelocationCodeLocator}: bindings
 * its {@link ArchSupport} supplies ({@link ArchSupport#binding}), so this package never names an
 * architecture itself.
 */
public final class ArchServices {
    private ArchServices() {
    }

    /** The rule placing a raw image of {@code arch}. */
    public static ImageLinkAddress linkAddress(Arch arch) throws VmlinuxException {
        return find(ImageLinkAddress.class, arch, "rule for placing a raw image");
    }

    /** The relocation-code locator of {@code arch}. */
    public static RelocationCodeLocator locator(Arch arch) throws VmlinuxException {
        return find(RelocationCodeLocator.class, arch, "relocation-code locator");
    }

    private static <T> T find(Class<T> type, Arch arch, String what) throws VmlinuxException {
        List<String> have = new ArrayList<>();
        for (ArchSupport s : Arches.supports()) {
            if (s.binding(type).isPresent()) {
                if (s.arch().equals(arch)) {
                    return s.binding(type).get();
                }
                have.add(s.arch().name());
            }
        }
        throw new VmlinuxException(String.format("no %s for %s is on the class path (there is one for: %s)", what,
                arch, have.isEmpty() ? "none" : String.join(", ", have)));
    }
}
