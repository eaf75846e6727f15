package org.kexeclab.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.kexeclab.Arch;
import org.kexeclab.arm.A32Encoder;
import org.kexeclab.arm64.A64Encoder;
import org.kexeclab.arm64.Arm64KexecData;
import org.kexeclab.asm.Assembler;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcEncoder;
import org.kexeclab.x86.X86Encoder;

/** Every {@code .S} the project assembles, with the assembler and predefined symbols it is built with. */
record StubSources(String file, String source, Supplier<Assembler> assembler, Map<String, Long> predefined) {
    private static final Map<String, Long> PROBE = Map.of("PROBE_RECORD", 0x10000L);

    /** All stubs and entry probes of the repository. */
    static final List<StubSources> ALL = List.of(
            of("/org/kexeclab/x86/relocate_kernel_x86_64.S", () -> le(new X86Encoder()), Map.of()),
            of("/org/kexeclab/x86/entry_probe_x86_64.S", () -> le(new X86Encoder()), PROBE),
            of("/org/kexeclab/ppc/relocate_kernel_ppc32.S", () -> ppc(PpcArches.PPC32), Map.of()),
            of("/org/kexeclab/ppc/entry_probe_ppc32.S", () -> ppc(PpcArches.PPC32), PROBE),
            of("/org/kexeclab/ppc/kexec_sequence_ppc64.S", () -> ppc(PpcArches.PPC64), Map.of()),
            of("/org/kexeclab/ppc/entry_probe_ppc64.S", () -> ppc(PpcArches.PPC64LE), PROBE),
            of("/org/kexeclab/arm64/relocate_kernel_arm64.S", () -> le(new A64Encoder()), Arm64KexecData.symbols()),
            of("/org/kexeclab/arm/relocate_kernel_arm.S", () -> le(new A32Encoder()), Map.of()));

    private static Assembler le(org.kexeclab.asm.InstructionEncoder e) {
        return new Assembler(e, ByteOrder.LITTLE_ENDIAN);
    }

    private static Assembler ppc(Arch arch) {
        return new Assembler(PpcEncoder.forArch(arch), arch.byteOrder());
    }

    private static StubSources of(String resource, Supplier<Assembler> assembler, Map<String, Long> predefined) {
        try (InputStream in = StubSources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing stub source " + resource);
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return new StubSources(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), assembler, predefined);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
