package org.kexeclab.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Stub;
import org.kexeclab.kexec.MachineKexec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asm}: the relocation stub as the project's assembler builds it. */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = "Assemble an architecture's relocation stub and print its size and symbols, or its listing.")
final class AsmCommand implements Callable<Integer> {
    @Mixin
    ArchOption archOption;

    @Option(names = "--listing", description = "Print every statement: address, bytes, source line, text.")
    boolean listing;

    @Option(names = "--origin", defaultValue = "0x100000", paramLabel = "ADDR",
            description = "Control page address to assemble for (default: ${DEFAULT-VALUE}).")
    String origin;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Arch arch = archOption.arch;
        MachineKexec machine = Arches.support(arch).machineKexec();
        Stub stub = machine.assembleStub(controlPage(arch, Numbers.parse(origin, "--origin")));
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
        out.flush();
        return 0;
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
