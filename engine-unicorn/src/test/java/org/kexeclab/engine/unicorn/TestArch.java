package org.kexeclab.engine.unicorn;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.asm.InstructionEncoder;
import org.kexeclab.asm.StubSource;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RegisterSet;
import org.kexeclab.engine.RunResult;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.format.ElfMachine;

/**
 * The architecture the binding's own tests run on: Unicorn's 64-bit x86 with two registers and a
 * fetch guard that lets every executable fetch through, registered only on this module's test
 * class path. It has no kexec of its own; the real architectures live in the arch modules.
 */
public final class TestArch implements ArchSupport {
    /** The test architecture. */
    public static final Arch ARCH = new Arch("unicorntest", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);

    /** Its registers. */
    enum TestRegister implements Register {
        /** A general register (Unicorn's {@code UC_X86_REG_RAX}). */
        ACC(35),
        /** The instruction pointer (Unicorn's {@code UC_X86_REG_RIP}). */
        IP(41);

        final int id;

        TestRegister(int id) {
            this.id = id;
        }

        @Override
        public int bits() {
            return 64;
        }
    }

    private static final RegisterSet REGISTERS = RegisterSet.of(TestRegister.values(), TestRegister.IP)
            .traced(TestRegister.ACC).build();

    @Override
    public Arch arch() {
        return ARCH;
    }

    @Override
    public int rank() {
        return 1000;
    }

    @Override
    public RegisterSet registers() {
        return REGISTERS;
    }

    @Override
    public InstructionEncoder encoder() {
        throw new UnsupportedOperationException("the binding's test architecture has no assembler");
    }

    @Override
    public MachineKexec machineKexec() {
        throw new UnsupportedOperationException("the binding's test architecture has no kexec");
    }

    @Override
    public ElfMachine elf() {
        return new ElfMachine(ARCH, 0, true, true, (alloc, layout, req, end, entry) -> {
            throw new UnsupportedOperationException("the binding's test architecture boots nothing");
        });
    }

    @Override
    public int kexecArchCode() {
        return 0;
    }

    @Override
    public String kexecArchConstant() {
        return "KEXEC_ARCH_DEFAULT";
    }

    @Override
    public String kernelFamily() {
        return "test";
    }

    @Override
    public List<StubSource> stubSources() {
        return List.of();
    }

    @Override
    public <T> Optional<T> binding(Class<T> type) {
        return ArchSupport.bindingOf(type, new Target());
    }

    /** Unicorn's 64-bit x86, guarded by a guard that lets every executable fetch through. */
    private static final class Target implements UnicornTarget {
        @Override
        public int ucArch() {
            return 4;
        }

        @Override
        public int ucMode() {
            return 1 << 3;
        }

        @Override
        public UcRegister register(Register register) {
            return register instanceof TestRegister r ? UcRegister.of(r.id) : null;
        }

        @Override
        public FetchGuard fetchGuard(FetchGuardContext context) {
            return new FetchGuard() {
                @Override
                public boolean fetch(long address, int size) {
                    return context.isExecutable(address);
                }

                @Override
                public void runStarts() {
                }

                @Override
                public void resync() {
                }

                @Override
                public boolean refused(long address) {
                    return false;
                }

                @Override
                public RunResult stoppedRun(long counted, long elapsed) {
                    return null;
                }
            };
        }
    }
}
