package org.kexeclab.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through WebDriver for the trace viewer's tests: Debian's chromium
 * and chromium-driver, found on PATH (or named by KEXECLAB_CHROMIUM and KEXECLAB_CHROMEDRIVER),
 * started with a fresh profile and everything that would reach for the network switched off.
 * The driver is given explicitly, so Selenium Manager never runs (it would try to download one).
 */
final class HeadlessChromium implements AutoCloseable {
    private static final java.util.logging.Logger DEVTOOLS_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why the browser tests cannot run here, or empty when they can. */
    static Optional<String> missing() {
        if (browser().isEmpty() || driverExecutable().isEmpty()) {
            return Optional.of("headless Chromium is not installed (Debian: apt-get install chromium chromium-driver; "
                    + "./run-tests installs them when run as root), so the trace viewer's browser tests are skipped");
        }
        return Optional.empty();
    }

    /** Starts a browser with a window of {@code width} x {@code height} CSS pixels. */
    static HeadlessChromium start(int width, int height) throws IOException {
        // without selenium-devtools on the class path Selenium warns once per session that it
        // found no DevTools binding for this Chromium; the tests use WebDriver alone
        DEVTOOLS_LOG.setLevel(java.util.logging.Level.SEVERE);
        Path profile = Files.createTempDirectory("kexeclab-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExecutable().orElseThrow().toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new HeadlessChromium(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    private static Optional<Path> browser() {
        return fromEnvOrPath("KEXECLAB_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
    }

    private static Optional<Path> driverExecutable() {
        return fromEnvOrPath("KEXECLAB_CHROMEDRIVER", "chromedriver");
    }

    private static Optional<Path> fromEnvOrPath(String variable, String... names) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
