package org.kexeclab.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The debugger's side of the remote protocol, as the tests need it: sends framed packets (or raw
 * bytes), reads acknowledgements and replies, with a timeout on every read so a test cannot hang.
 */
final class RemoteClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean noAck;

    RemoteClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** {@code $payload#checksum} with the payload's bytes as ISO-8859-1 characters. */
    static String frame(String payload) {
        int sum = 0;
        for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        return "$" + payload + "#" + String.format("%02x", sum & 0xff);
    }

    void raw(String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next acknowledgement byte ({@code +} or {@code -}). */
    char ack() throws IOException {
        int c = in.read();
        if (c != '+' && c != '-') {
            throw new IOException("expected an acknowledgement, got " + c);
        }
        return (char) c;
    }

    /** Sends {@code payload}, expects it acknowledged (until no-ack mode), returns the reply's payload. */
    String ask(String payload) throws IOException {
        raw(frame(payload));
        if (!noAck) {
            char a = ack();
            if (a != '+') {
                throw new IOException("packet '" + payload + "' was rejected");
            }
        }
        return reply();
    }

    /** The next packet's payload, skipping console output ({@code O} packets). */
    String reply() throws IOException {
        while (true) {
            String p = packet();
            if (!(p.startsWith("O") && p.length() > 1 && p.length() % 2 == 1 && !p.equals("OK"))) {
                return p;
            }
        }
    }

    /** The next packet, acknowledged unless in no-ack mode; checks its checksum. */
    String packet() throws IOException {
        int c;
        while ((c = in.read()) != '$') {
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
        }
        StringBuilder b = new StringBuilder();
        int sum = 0;
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("the server closed the connection inside a packet");
            }
            b.append((char) c);
            sum += c;
        }
        int check = Integer.parseInt("" + (char) in.read() + (char) in.read(), 16);
        if (check != (sum & 0xff)) {
            throw new IOException("bad checksum on '" + b + "'");
        }
        if (!noAck) {
            raw("+");
        }
        return b.toString();
    }

    void noAck() throws IOException {
        String r = ask("QStartNoAckMode");
        if (!r.equals("OK")) {
            throw new IOException("QStartNoAckMode answered " + r);
        }
        noAck = true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
