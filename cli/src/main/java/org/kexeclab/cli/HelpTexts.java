package org.kexeclab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import org.kexeclab.Sentences;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.loader.format.KernelFormat;

/**
 * The parts of the help texts that name architectures, computed from the registry when the
 * command line is built: the commands' descriptions refer to them as
 * {@code ${bundle:kexeclab.KEY}} (picocli reads this class as the top command's resource
 * bundle, and the subcommands inherit it), so no help text lists architectures by hand and a
 * new architecture appears in every one of them.
 */
public final class HelpTexts extends ListResourceBundle {

    /** Every architecture, as one of them: "A, B or C". */
    static String archOneOf() {
        return Sentences.oneOf(Arches.names());
    }

    /** Every architecture, all of them: "A, B and C". */
    static String archAll() {
        return Text.and(Arches.names());
    }

    /** The architectures whose kexec takes KEXEC_PRESERVE_CONTEXT: "A" or "A and B". */
    static String preserveContextArches() {
        return Text.and(Arches.supports().stream().filter(s -> s.machineKexec().supportsPreserveContext())
                .map(s -> s.arch().name()).toList());
    }

    /** The kernel files a load takes: "A bzImage, B Image (or gzipped), ..., or ELF vmlinux". */
    static String kernelFormats() {
        List<String> out = new ArrayList<>();
        for (ArchSupport s : Arches.supports()) {
            for (KernelFormat f : s.kernelFormats()) {
                String arch = s.arch().name();
                String name = f.name().startsWith(arch + " ") ? f.name() : arch + " " + f.name();
                out.add(f.loadsGzipped() ? name + " (or gzipped)" : name);
            }
        }
        out.add("or ELF vmlinux");
        return String.join(", ", out);
    }

    /**
     * The architectures Tenet reads: those whose register set has a Tenet definition, the ones
     * released Tenet reads first, then each of the others with its caveat ("A; B loads only in
     * Tenet's unmerged ... branch").
     */
    static String tenetArches() {
        List<String> released = new ArrayList<>();
        List<String> caveats = new ArrayList<>();
        for (ArchSupport s : Arches.supports()) {
            RegisterSet.Tenet t = s.registers().tenet().orElse(null);
            if (t != null && t.caveat().isEmpty()) {
                released.add(s.arch().name());
            } else if (t != null) {
                caveats.add(s.arch().name() + " " + t.caveat());
            }
        }
        List<String> parts = new ArrayList<>();
        if (!released.isEmpty()) {
            parts.add(Text.and(released));
        }
        parts.addAll(caveats);
        return String.join("; ", parts);
    }

    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"kexeclab.archOneOf", archOneOf()},
            {"kexeclab.archAll", archAll()},
            {"kexeclab.archDefault", Arches.all().isEmpty() ? "none" : Arches.all().get(0).name()},
            {"kexeclab.preserveContextArches", preserveContextArches()},
            {"kexeclab.kernelFormats", kernelFormats()},
            {"kexeclab.tenetArches", tenetArches()},
            {"kexeclab.bootCheckArches", BootCheckCommand.arches()},
        };
    }
}
