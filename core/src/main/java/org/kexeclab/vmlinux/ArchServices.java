package org.kexeclab.vmlinux;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.kexeclab.Arch;

/**
 * Finds the architecture modules' {@link ImageLinkAddress} and {@link RelocationCodeLocator}
 * for an {@link Arch} on the class path ({@link ServiceLoader}), so this package never names
 * an architecture itself.
 */
public final class ArchServices {
    private ArchServices() {
    }

    /** The rule placing a raw image of {@code arch}. */
    public static ImageLinkAddress linkAddress(Arch arch) throws VmlinuxException {
        return find(ImageLinkAddress.class, ImageLinkAddress::arch, arch, "rule for placing a raw image");
    }

    /** The relocation-code locator of {@code arch}. */
    public static RelocationCodeLocator locator(Arch arch) throws VmlinuxException {
        return find(RelocationCodeLocator.class, RelocationCodeLocator::arch, arch, "relocation-code locator");
    }

    private static <T> T find(Class<T> type, Function<T, Arch> archOf, Arch arch, String what)
            throws VmlinuxException {
        List<String> have = new ArrayList<>();
        for (T t : ServiceLoader.load(type)) {
            if (archOf.apply(t) == arch) {
                return t;
            }
            have.add(archOf.apply(t).cliName());
        }
        throw new VmlinuxException(String.format("no %s for %s is on the class path (there is one for: %s)", what,
                arch, have.isEmpty() ? "none" : String.join(", ", have)));
    }
}
