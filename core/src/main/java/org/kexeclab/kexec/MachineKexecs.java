package org.kexeclab.kexec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.kexeclab.Arch;

/** Finds the {@link MachineKexec} of each architecture on the class path (ServiceLoader). */
public final class MachineKexecs {
    private MachineKexecs() {
    }

    /** Every registered architecture, in {@link Arch} order. */
    public static List<MachineKexec> all() {
        List<MachineKexec> out = new ArrayList<>();
        for (MachineKexec m : ServiceLoader.load(MachineKexec.class)) {
            out.add(m);
        }
        out.sort(Comparator.comparing(MachineKexec::arch));
        return out;
    }

    /**
     * The {@link MachineKexec} for {@code arch}.
     *
     * @throws IllegalArgumentException naming the architectures that are available
     */
    public static MachineKexec forArch(Arch arch) {
        List<String> have = new ArrayList<>();
        for (MachineKexec m : all()) {
            if (m.arch() == arch) {
                return m;
            }
            have.add(m.arch().cliName());
        }
        throw new IllegalArgumentException("no MachineKexec for " + arch + " on the class path (available: "
                + String.join(", ", have) + ")");
    }
}
