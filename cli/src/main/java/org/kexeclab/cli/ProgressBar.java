package org.kexeclab.cli;

import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.kexec.KexecRun;

/**
 * Pages copied / total on the terminal's {@link StatusLine} while a run takes longer than a
 * second: a code hook on the stub's {@code kexec_copy_page} label (one upcall per page, not per
 * instruction) counts the pages; the bar redraws at most ten times a second and is cleared when
 * the run ends. Without a status line (stderr redirected, or {@code --quiet}) there is no bar.
 */
final class ProgressBar implements AutoCloseable {
    /** How long a run goes before the bar appears (tests set 0 to see it). */
    static long showAfterNanos = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final StatusLine status;
    private final Arch arch;
    private final String doing;
    private final long total;
    private final long start = System.nanoTime();
    private final HookHandle hook;
    private long pages;
    private long lastDraw;

    private ProgressBar(KexecRun run, Arch arch, StatusLine status, String doing) {
        this.status = status;
        this.arch = arch;
        this.doing = doing;
        this.total = run.loaded().totalPages();
        Stub stub = run.launch().stub();
        long at = stub.symbol("kexec_copy_page");
        this.hook = run.cpu().onCode((a, s) -> page(), at, at);
    }

    /** A bar for {@code run}, or null when {@code status} is null or the stub has no page label. */
    static ProgressBar attach(KexecRun run, Arch arch, StatusLine status) {
        return attach(run, arch, status, "relocating on");
    }

    /** As {@link #attach(KexecRun, Arch, StatusLine)}, saying {@code doing} (e.g. "counting loads and stores on"). */
    static ProgressBar attach(KexecRun run, Arch arch, StatusLine status, String doing) {
        if (status == null || !run.launch().stub().hasSymbol("kexec_copy_page")) {
            return null;
        }
        return new ProgressBar(run, arch, status, doing);
    }

    private void page() {
        pages++;
        long now = System.nanoTime();
        if (now - start >= showAfterNanos && now - lastDraw >= REDRAW_NANOS) {
            int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, pages * WIDTH / total);
            status.show(String.format("kexec-lab: %s %s [%s%s] %,d/%,d pages", doing, arch.name(),
                    "#".repeat(filled), ".".repeat(WIDTH - filled), pages, total));
            lastDraw = now;
        }
    }

    @Override
    public void close() {
        hook.close();
        status.clear();
    }
}
