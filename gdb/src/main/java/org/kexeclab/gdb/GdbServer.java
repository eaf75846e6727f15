package org.kexeclab.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * GDB's remote serial protocol over one prepared kexec: listens on the loopback interface only
 * (port 0 picks a free port), serves one debugger, and ends with the session. Or serves the
 * protocol over a pair of streams (standard input and output, for {@code target remote | ...}).
 */
public final class GdbServer implements AutoCloseable {
    /** How a served session ended. */
    public enum Outcome {
        /** The debugger detached or killed the target. */ DETACHED,
        /** The debugger went away without a word. */ DISCONNECTED,
        /** The stub reached the new kernel's entry and everything checked out. */ VERIFIED,
        /** The stub reached the entry but a check failed. */ FAILED,
        /** No debugger connected in time. */ NO_DEBUGGER
    }

    private final ServerSocket socket;
    private int checkpointInterval = Timeline.DEFAULT_INTERVAL;

    private GdbServer(ServerSocket socket) {
        this.socket = socket;
    }

    /**
     * Listens on {@code port} of the loopback interface (0 for any free port).
     *
     * @throws IOException if the port cannot be had
     */
    public static GdbServer listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return new GdbServer(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** The port listened on (the chosen one, when asked for 0). */
    public int port() {
        return socket.getLocalPort();
    }

    /** Instructions between reverse-execution checkpoints (for tests and measurements). */
    public GdbServer checkpointInterval(int instructions) {
        this.checkpointInterval = instructions;
        return this;
    }

    /**
     * Waits for one debugger ({@code wait} zero: for ever), then serves it until the session ends.
     * The kexec's CPU is left open: its owner closes it.
     *
     * @param execFile the stub's ELF file handed to GDB, or null
     */
    public Outcome serveOne(DebuggedKexec kexec, Path execFile, Duration wait, PrintWriter log) throws IOException {
        socket.setSoTimeout((int) Math.min(wait.toMillis(), Integer.MAX_VALUE));
        GdbSession session = new GdbSession(kexec, execFile, checkpointInterval, log);
        Socket client;
        try {
            client = socket.accept();
        } catch (SocketTimeoutException e) {
            session.close();
            return Outcome.NO_DEBUGGER;
        }
        client.setTcpNoDelay(true);
        try (RemoteChannel channel = new RemoteChannel(client.getInputStream(), client.getOutputStream(),
                () -> closeQuietly(client), "kexec-lab gdb reader")) {
            return outcome(session.serve(channel));
        } finally {
            closeQuietly(client);
        }
    }

    /** Serves one debugger on {@code in} and {@code out} (e.g. standard input and output). */
    public static Outcome serveStreams(DebuggedKexec kexec, Path execFile, InputStream in, OutputStream out,
                                       PrintWriter log) throws IOException {
        GdbSession session = new GdbSession(kexec, execFile, Timeline.DEFAULT_INTERVAL, log);
        try (RemoteChannel channel = new RemoteChannel(in, out, () -> closeQuietly(in), "kexec-lab gdb reader")) {
            return outcome(session.serve(channel));
        }
    }

    private static Outcome outcome(GdbSession.End end) {
        return switch (end) {
            case DETACHED, KILLED -> Outcome.DETACHED;
            case DISCONNECTED -> Outcome.DISCONNECTED;
            case VERIFIED -> Outcome.VERIFIED;
            case FAILED -> Outcome.FAILED;
        };
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a connection that is already gone
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
