package org.kexeclab.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The framing of GDB's remote serial protocol on one connection: {@code $payload#checksum}
 * packets, {@code +}/{@code -} acknowledgements until {@code QStartNoAckMode}, and the Ctrl-C
 * byte (0x03) that interrupts a running target. A reader thread moves the client's bytes into a
 * queue, so a run in progress can poll for an interrupt or a disconnect without blocking; it ends
 * when the input ends or {@link #close()} closes the streams.
 *
 * <p>A packet whose checksum is wrong, whose checksum is not hex, or that is longer than
 * {@link #MAX_PACKET} is answered with {@code -} (in acknowledgement mode) and dropped; a
 * {@code $} inside a packet starts a new one, as after a lost {@code #}.
 */
final class RemoteChannel implements AutoCloseable {
    /** The longest payload accepted, and the {@code PacketSize} offered to the client. */
    static final int MAX_PACKET = 0x4000;
    /** What {@link #read()} returns for a Ctrl-C outside any packet. */
    static final String INTERRUPT = "\u0003";
    private static final byte[] END = new byte[0];

    private final InputStream in;
    private final OutputStream out;
    private final Runnable closer;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(256);
    private final Thread reader;
    private volatile boolean running;
    private volatile boolean interrupted;
    private volatile boolean ended;
    private byte[] chunk = new byte[0];
    private int at;
    private boolean noAck;
    private int rejected;

    /**
     * @param closer closes the underlying connection (both streams), so a blocked reader returns
     */
    RemoteChannel(InputStream in, OutputStream out, Runnable closer, String name) {
        this.in = in;
        this.out = out;
        this.closer = closer;
        this.reader = new Thread(this::pump, name);
        reader.setDaemon(true);
        reader.start();
    }

    private void pump() {
        byte[] buf = new byte[8192];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                byte[] c = java.util.Arrays.copyOf(buf, n);
                if (running && indexOf(c, (byte) 3) >= 0) {
                    interrupted = true;
                }
                chunks.put(c);
            }
        } catch (IOException | InterruptedException closedOrStopped) {
            // the connection is gone: the same as the end of its input
        } finally {
            ended = true;
            chunks.offer(END);
        }
    }

    private static int indexOf(byte[] c, byte b) {
        for (int i = 0; i < c.length; i++) {
            if (c[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The next byte from the client, or -1 when its input ended. */
    private int next() throws IOException {
        while (at >= chunk.length) {
            if (chunk == END) {
                return -1;
            }
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the debugger", e);
            }
            at = 0;
        }
        return chunk[at++] & 0xff;
    }

    /**
     * The next packet's payload (bytes as ISO-8859-1 characters), {@link #INTERRUPT} for a Ctrl-C,
     * or null when the client has gone. Acknowledges it unless in no-ack mode.
     */
    String read() throws IOException {
        StringBuilder payload = new StringBuilder();
        while (true) {
            int c = next();
            if (c < 0) {
                return null;
            }
            if (c == 3) {
                interrupted = false;
                return INTERRUPT;
            }
            if (c != '$') {
                continue; // acknowledgements and noise between packets
            }
            String p = body(payload);
            if (p == null) {
                return null;
            }
            if (p != REJECTED) {
                if (!noAck) {
                    send("+");
                }
                return p;
            }
            rejected++;
            if (!noAck) {
                send("-");
            }
        }
    }

    private static final String REJECTED = new String("rejected");

    /** The rest of a packet after its {@code $}: the payload, {@link #REJECTED}, or null at the end of input. */
    private String body(StringBuilder payload) throws IOException {
        payload.setLength(0);
        int sum = 0;
        boolean tooLong = false;
        while (true) {
            int c = next();
            if (c < 0) {
                return null;
            }
            if (c == '#') {
                break;
            }
            if (c == '$') {
                payload.setLength(0);
                sum = 0;
                tooLong = false;
                continue;
            }
            sum += c;
            if (payload.length() < MAX_PACKET) {
                payload.append((char) c);
            } else {
                tooLong = true;
            }
        }
        int hi = Character.digit(Math.max(next(), 0), 16);
        int lo = Character.digit(Math.max(next(), 0), 16);
        if (hi < 0 || lo < 0 || tooLong || (hi << 4 | lo) != (sum & 0xff)) {
            return REJECTED;
        }
        return payload.toString();
    }

    /** Sends one packet with {@code payload} (ISO-8859-1 characters, already escaped where binary). */
    void sendPacket(String payload) throws IOException {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            sum += payload.charAt(i);
        }
        send("$" + payload + "#" + Character.forDigit((sum >> 4) & 0xf, 16) + Character.forDigit(sum & 0xf, 16));
    }

    private void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Stops acknowledging packets (after {@code QStartNoAckMode} was answered). */
    void noAck() {
        noAck = true;
    }

    /** Packets dropped for a bad checksum or length so far. */
    int rejected() {
        return rejected;
    }

    /**
     * Marks whether the target is running: only then does a Ctrl-C byte count as an interrupt.
     * A Ctrl-C the client sent after the packet that started the run, but which reached the
     * queue before the run began, still interrupts it: it is already waiting, unread.
     */
    void running(boolean on) {
        running = on;
        interrupted = on && interruptPending();
    }

    /** True if a Ctrl-C byte sits in the client's input not yet read (called by the reading thread). */
    private boolean interruptPending() {
        for (int i = at; i < chunk.length; i++) {
            if (chunk[i] == 3) {
                return true;
            }
        }
        for (byte[] c : chunks) {
            if (indexOf(c, (byte) 3) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** True if the client sent Ctrl-C during the run, or went away. */
    boolean interruptedOrGone() {
        return interrupted || ended;
    }

    /** True once the client's input has ended. */
    boolean gone() {
        return ended;
    }

    /** Closes the connection and waits for the reader thread to end. */
    @Override
    public void close() {
        closer.run();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while the reader thread is alive (for tests: a closed session leaves none). */
    boolean readerAlive() {
        return reader.isAlive();
    }
}
