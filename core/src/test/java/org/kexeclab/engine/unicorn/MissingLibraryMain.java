package org.kexeclab.engine.unicorn;

import org.kexeclab.Arch;
import org.kexeclab.engine.EngineUnavailableException;

/** Run in a child JVM by {@link MissingLibraryTest}: prints the probe reason and the open failure. */
public final class MissingLibraryMain {
    private MissingLibraryMain() {
    }

    public static void main(String[] args) {
        UnicornEngine engine = UnicornEngine.instance();
        System.out.println("name=" + engine.name());
        System.out.println("probe=" + engine.probe(Arch.ARM64));
        try {
            engine.open(Arch.ARM64).close();
            System.out.println("open=ok");
        } catch (EngineUnavailableException e) {
            System.out.println("open=" + e.getMessage());
        }
    }
}
