package org.kexeclab.cli;

import picocli.CommandLine;

/** {@code --version}: the tool's version, the JVM and the engine it finds. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = KexecLab.class.getPackage().getImplementationVersion();
        return new String[] {
            "kexec-lab " + (v == null ? "0.1.0-SNAPSHOT" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
