package org.kexeclab.gdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * GDB's host I/O ({@code vFile:} packets) for the one file the server hands out: the stub's ELF
 * file, which GDB fetches after {@code qXfer:exec-file:read} names it. Only that path opens, and
 * only for reading; any other is "no such file". Replies are {@code F} results with the protocol's
 * errno numbers.
 */
final class HostFiles {
    private static final int ENOENT = 2;
    private static final int EBADF = 9;
    private static final int EACCES = 13;
    private static final int EINVAL = 22;
    private static final int MAX_OPEN = 16;

    private final Path file;
    private final Map<Integer, byte[]> open = new HashMap<>();
    private int nextFd = 3;

    /** @param file the file handed out, or null for none */
    HostFiles(Path file) {
        this.file = file;
    }

    /** The reply to one {@code vFile:} packet (without its prefix), or "" for an operation not offered. */
    String handle(String op) {
        int colon = op.indexOf(':');
        String name = colon < 0 ? op : op.substring(0, colon);
        String[] args = colon < 0 ? new String[0] : op.substring(colon + 1).split(",", -1);
        try {
            return switch (name) {
                case "setfs" -> "F0";
                case "open" -> open(args);
                case "pread" -> pread(args);
                case "close" -> close(args);
                case "fstat" -> fstat(args);
                default -> "";
            };
        } catch (IllegalArgumentException bad) {
            return error(EINVAL);
        }
    }

    private String open(String[] args) {
        if (args.length != 3) {
            return error(EINVAL);
        }
        String path = new String(Hex.parseBytes(args[0]), StandardCharsets.UTF_8);
        if (file == null || !path.equals(file.toString())) {
            return error(ENOENT);
        }
        if (Hex.parse(args[1]) != 0) {
            return error(EACCES);
        }
        if (open.size() >= MAX_OPEN) {
            return error(EINVAL);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int fd = nextFd++;
            open.put(fd, bytes);
            return "F" + Integer.toHexString(fd);
        } catch (IOException e) {
            return error(ENOENT);
        }
    }

    private String pread(String[] args) {
        if (args.length != 3) {
            return error(EINVAL);
        }
        byte[] b = open.get((int) Math.min(Hex.parse(args[0]), Integer.MAX_VALUE));
        if (b == null) {
            return error(EBADF);
        }
        long count = Math.min(Hex.parse(args[1]), RemoteChannel.MAX_PACKET / 2);
        long offset = Hex.parse(args[2]);
        if (offset < 0 || offset >= b.length) {
            return "F0;";
        }
        int n = (int) Math.min(count, b.length - offset);
        return "F" + Integer.toHexString(n) + ";" + Hex.escape(b, (int) offset, n);
    }

    private String close(String[] args) {
        if (args.length != 1) {
            return error(EINVAL);
        }
        return open.remove((int) Math.min(Hex.parse(args[0]), Integer.MAX_VALUE)) == null ? error(EBADF) : "F0";
    }

    /** GDB's {@code struct stat} for the file: big-endian, a regular read-only file of its size. */
    private String fstat(String[] args) {
        if (args.length != 1) {
            return error(EINVAL);
        }
        byte[] b = open.get((int) Math.min(Hex.parse(args[0]), Integer.MAX_VALUE));
        if (b == null) {
            return error(EBADF);
        }
        ByteBuffer st = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
        st.putInt(0).putInt(0).putInt(0100444).putInt(1).putInt(0).putInt(0).putInt(0);
        st.putLong(b.length).putLong(4096).putLong((b.length + 511) / 512);
        st.putInt(0).putInt(0).putInt(0);
        return "F40;" + Hex.escape(st.array(), 0, 64);
    }

    private static String error(int errno) {
        return "F-1," + Integer.toHexString(errno);
    }
}
