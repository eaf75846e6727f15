package org.kexeclab.cli;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.Placement;
import org.kexeclab.kexec.KexecOptions;
import picocli.CommandLine.Option;

/** Which image to load and how: the demo image's variant, the allocator, the engine. */
final class ImageOptions {
    @Option(names = "--image", paramLabel = "demo|small|one-page",
            description = "Built-in image: demo (3 segments, 4 MiB initrd), small (5 pages) or one-page.")
    String image;

    @Option(names = "--segment", paramLabel = "FILE@ADDR[,memsz=N]",
            description = "Your own segment: FILE's bytes at physical ADDR (repeat for more segments); needs --entry.")
    java.util.List<String> segments = new java.util.ArrayList<>();

    @Option(names = "--entry", paramLabel = "ADDR", description = "Entry point of the image given with --segment.")
    String entry;

    @Option(names = "--crash", description = "Load the crash (kdump) variant of the demo image (the default image "
            + "with --crash): segments already in the crash reservation, head = IND_DONE, only the jump runs. With "
            + "--kernel: load the kernel as 'kexec -p' does, into a crash kernel reservation (--crashkernel).")
    boolean crash;

    @Option(names = "--preserve-context", description = "${bundle:kexeclab.preserveContextArches} only: swap source and destination pages "
            + "through the swap page (KEXEC_PRESERVE_CONTEXT) instead of copying; kexec_load refuses the flag "
            + "elsewhere (EINVAL: no CONFIG_KEXEC_JUMP).")
    boolean preserveContext;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Seed of the page allocator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--placement", defaultValue = "scatter", paramLabel = "scatter|compact",
            description = "Where the allocator puts source and indirection pages (default: ${DEFAULT-VALUE}).")
    Placement placement = Placement.SCATTER;   // also when built in code, not parsed (panic --kexec-log)

    @Option(names = "--budget", defaultValue = "2000000000", paramLabel = "N",
            description = "Instruction budget of the stub, at least 1; a list that never ends stops here, and the "
                    + "failure says how many instructions ran (default: ${DEFAULT-VALUE}).")
    long budget = KexecOptions.DEFAULT_BUDGET;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "CPU engine (default: the first engine that runs the architecture: unicorn, else java).")
    String engine;

    LoadOptions loadOptions(int controlPages) {
        return LoadOptions.defaults().withSeed(seed).withPlacement(placement).withControlPages(controlPages);
    }

    /**
     * The run's options.
     *
     * @throws UsageException if {@code --budget} is not a positive number of instructions
     */
    KexecOptions kexecOptions() {
        if (budget <= 0) {
            throw new UsageException("--budget " + budget + " is not a positive number of instructions: the stub "
                    + "needs at least one to run (default " + KexecOptions.DEFAULT_BUDGET + ")");
        }
        return KexecOptions.defaults().withPreserveContext(preserveContext).withInstructionBudget(budget);
    }

    /** The engine for {@code arch}: --engine if given, else the first engine that can run it. */
    CpuEngine cpuEngine(org.kexeclab.Arch arch) {
        return cpuEngine(engine, arch);
    }

    /** The engine {@code name} names (null: the first engine that can run {@code arch}). */
    static CpuEngine cpuEngine(String name, org.kexeclab.Arch arch) {
        return name == null ? CpuEngines.forArch(arch) : engineNamed(name);
    }

    /** The engine {@code name} names; an unknown name is a usage error (exit 2) listing the known engines. */
    static CpuEngine engineNamed(String name) {
        try {
            return CpuEngines.byName(name);
        } catch (IllegalArgumentException unknownName) {
            throw new UsageException("--engine: " + unknownName.getMessage(), unknownName);
        }
    }
}
