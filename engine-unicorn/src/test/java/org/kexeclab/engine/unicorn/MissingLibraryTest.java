package org.kexeclab.engine.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** With the library pointed at a file that does not exist, the engine says what to install. */
class MissingLibraryTest {
    private static final String SENTENCE = "libunicorn 2 was not found: install Debian's libunicorn2 package"
            + " (apt-get install libunicorn2) or point -Dkexeclab.unicorn.library at your build";

    @Test
    void open_libraryPathMissing_throwsOneSentenceNamingThePackage() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dkexeclab.unicorn.library=/nonexistent/libunicorn.so.2", MissingLibraryMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("name=unicorn (libunicorn not found)"), out);
        assertTrue(out.contains("probe=EngineSupport[supported=false, reason=" + SENTENCE + "]"), out);
        assertTrue(out.contains("open=" + SENTENCE), out);
    }
}
