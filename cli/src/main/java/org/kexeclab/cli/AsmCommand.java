package org.kexeclab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.gdb.elf.CodePiece;
import org.kexeclab.gdb.elf.StubElf;
import org.kexeclab.kexec.MachineKexec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asm}: the relocation stub as the project's assembler builds it. */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = {"Assemble an architecture's relocation stub and print its size and symbols, or its listing, "
                + "or write it as an ELF file.",
            "By default the stub is assembled for the address the same options of run place it at (data slots "
                + "filled as they run), so listings, ELF files and traces agree; --origin assembles it for another "
                + "control page."})
final class AsmCommand implements Callable<Integer> {
    @Mixin
    ArchOption archOption;

    @Option(names = "--listing", description = "Print every statement: address, bytes, source line, text.")
    boolean listing;

    @Option(names = "--origin", paramLabel = "ADDR",
            description = "Control page address to assemble for (default: where run places the stub).")
    String origin;

    @Option(names = "--elf", paramLabel = "FILE",
            description = "Write the stub (and with --kernel the purgatory) as an ELF file at the address it runs "
                    + "from, with its symbols and a DWARF line table; its .S sources are written beside it.")
    Path elf;

    @Mixin
    ImageOptions image;

    @Mixin
    KernelOptions kernel;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Arch arch = archOption.resolve(kernel);
        MachineKexec machine = Arches.support(arch).machineKexec();
        List<CodePiece> pieces;
        if (origin != null) {
            if (kernel.given()) {
                throw new UsageException("--origin and --kernel cannot be used together: the kernel's load places "
                        + "the stub and the purgatory");
            }
            pieces = StubPieces.of(arch, machine.assembleStub(controlPage(arch, Numbers.parse(origin, "--origin"))),
                    null);
        } else {
            try (PreparedKexec p = PreparedKexec.prepare(arch, image, kernel, null, CpuEngines.byName("java"))) {
                pieces = StubPieces.of(arch, p.run().launch().stub(), p.plan());
            }
        }
        if (elf != null) {
            writeElf(arch, pieces);
        }
        print(machine, pieces.get(0).stub());
        return 0;
    }

    private void writeElf(Arch arch, List<CodePiece> pieces) {
        if (Files.isDirectory(elf)) {
            throw new UsageException("--elf: '" + elf + "' is a directory; give a file name");
        }
        Path dir = elf.toAbsolutePath().getParent();
        List<Path> outputs = new java.util.ArrayList<>(List.of(elf));
        pieces.forEach(p -> outputs.add(dir.resolve(p.sourceName())));
        for (Path out : outputs) {
            if (Files.exists(out) && !Files.isRegularFile(out)) {
                throw new UsageException("--elf: '" + out + "' is not a regular file (a device, FIFO or directory), "
                        + "and the ELF file and its .S sources are written as regular files; give another file name");
            }
        }
        try {
            StubElf.write(Arches.support(arch), pieces, elf);
        } catch (IOException | RuntimeException e) {
            throw new OutputFailedException("cannot write '" + elf + "': " + e.getMessage(), e);
        }
    }

    private void print(MachineKexec machine, Stub stub) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %,d bytes at %s%n", machine.stubName(), stub.size(), Text.hex(stub.origin()));
        if (listing) {
            out.print(stub.listing());
        } else {
            Map<String, Long> sorted = new TreeMap<>(stub.symbols());
            for (String g : stub.globals()) {
                out.printf("  global %-28s %s%n", g, Text.hex(sorted.getOrDefault(g, -1L)));
            }
            out.println("(--listing prints every statement)");
        }
        if (elf != null) {
            out.printf("wrote %s (ELF, with symbols and a DWARF line table) and its source beside it%n", elf);
        }
        out.flush();
    }

    /** {@code address} if a control page can be there: page-aligned, whole below the end of the address space. */
    private static long controlPage(Arch arch, long address) {
        if (address % arch.pageSize() != 0) {
            throw new UsageException(String.format("--origin: 0x%x is not page-aligned; the stub is assembled for "
                    + "a control page, which starts on a 0x%x boundary", address, arch.pageSize()));
        }
        boolean fits = arch.wordSize() == 8 ? Long.compareUnsigned(address, -(long) arch.pageSize()) <= 0
                : address >= 0 && address <= (1L << 32) - arch.pageSize();
        if (!fits) {
            throw new UsageException(String.format("--origin: a control page at 0x%x would reach past the end of "
                    + "%s's %d-bit address space", address, arch.name(), 8 * arch.wordSize()));
        }
        return address;
    }
}
