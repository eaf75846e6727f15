package org.kexeclab.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
    boolean quiet;
}
