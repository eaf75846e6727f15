package org.kexeclab.vmlinux;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and decodes the kallsyms table embedded in a kernel's bytes (a raw image or an ELF
 * vmlinux read as a file), with no System.map: the token table first
 * ({@link KallsymsTokenTable}), then the tables before it ({@link KallsymsLayout}), then the
 * names and the base-relative addresses. The word size and byte order are the kernel's.
 * The offsets are read where either order of scripts/kallsyms.c puts them
 * ({@link KallsymsLayout.Order}: before {@code kallsyms_num_syms} up to 6.3, after the token
 * index since 6.4), and the place whose words decode to ascending addresses (the kernel
 * binary-searches them) is the table. Older kernels with absolute {@code kallsyms_addresses}
 * are refused: neither place decodes to ascending addresses.
 */
public final class KallsymsReader {
    private KallsymsReader() {
    }

    /**
     * The kallsyms table in {@code bytes}.
     *
     * @throws VmlinuxException naming the table that was not found or does not decode
     */
    public static Kallsyms read(byte[] bytes, int wordSize, ByteOrder order) throws VmlinuxException {
        if (wordSize != 4 && wordSize != 8) {
            throw new IllegalArgumentException("word size " + wordSize + " is neither 4 nor 8");
        }
        ByteView v = new ByteView(bytes, order);
        KallsymsTokenTable tokens = KallsymsTokenTable.find(v, wordSize).orElseThrow(() -> new VmlinuxException(
                String.format("no kallsyms_token_table (the digits \"0\\0\"..\"9\\0\" followed by a matching %d-byte-"
                        + "aligned kallsyms_token_index) is in the 0x%x bytes: the kernel has no kallsyms or uses "
                        + "another word size or byte order", wordSize, bytes.length)));
        KallsymsLayout layout = KallsymsLayout.find(v, wordSize, tokens).orElseThrow(() -> new VmlinuxException(
                String.format("the kallsyms_token_table at 0x%x has no kallsyms_num_syms, kallsyms_names and "
                        + "kallsyms_markers before it that agree with each other", tokens.tableOffset())));
        List<String> names = new ArrayList<>(layout.count());
        char[] types = new char[layout.count()];
        decodeNames(v, layout, names, types);
        List<KallsymsLayout> places = new ArrayList<>();
        List<String> why = new ArrayList<>();
        if (layout.offsetsFit()) {
            places.add(layout);
        } else {
            why.add(String.format("%d words before kallsyms_num_syms (%s) would start before the file",
                    layout.count(), layout.order()));
        }
        Optional<KallsymsLayout> after = layout.offsetsAfterTokens(v, wordSize);
        if (after.isPresent()) {
            places.add(after.get());
        } else {
            why.add(String.format("%d words after kallsyms_token_index (%s) would run past the end of the file",
                    layout.count(), KallsymsLayout.Order.OFFSETS_AFTER_TOKENS));
        }
        for (KallsymsLayout place : places) {
            Kallsyms k = at(v, wordSize, place, names, types);
            String descending = firstDescending(k);
            if (descending == null) {
                return k;
            }
            why.add(String.format("the %d words at 0x%x (%s) %s", k.count(), place.offsetsAt(), place.order(),
                    descending));
        }
        throw new VmlinuxException(String.format("the kallsyms_offsets of the %d names at 0x%x are not found: %s; "
                + "this is not a base-relative kallsyms table (older absolute kallsyms_addresses tables are not read)",
                layout.count(), layout.namesAt(), String.join("; ", why)));
    }

    private static Kallsyms at(ByteView v, int wordSize, KallsymsLayout place, List<String> names, char[] types) {
        int[] offsets = new int[place.count()];
        boolean percpu = false;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = v.s32(place.offsetsAt() + 4L * i);
            percpu |= offsets[i] < 0;
        }
        long base = v.read(place.relativeBaseAt(), wordSize);
        return new Kallsyms(place, names, types, offsets, percpu, base);
    }

    private static void decodeNames(ByteView v, KallsymsLayout layout, List<String> names, char[] types)
            throws VmlinuxException {
        byte[] d = v.data();
        int o = layout.namesAt();
        for (int s = 0; s < layout.count(); s++) {
            int len = v.u8(o++);
            if ((len & 0x80) != 0) {
                len = (len & 0x7f) | (v.u8(o++) << 7);
            }
            String full = layout.tokens().expand(d, o, len);
            o += len;
            if (full.length() < 2) {
                throw new VmlinuxException(String.format("kallsyms name %d at 0x%x expands to \"%s\", which has no "
                        + "type letter and name", s, o - len, full));
            }
            types[s] = full.charAt(0);
            names.add(full.substring(1));
        }
    }

    /**
     * The kernel looks symbols up by binary search on address, so the table is in ascending
     * order, and a table of more than one symbol spans more than one address: null if it does,
     * else where it does not, in words.
     */
    private static String firstDescending(Kallsyms k) {
        for (int i = 1; i < k.count(); i++) {
            if (Long.compareUnsigned(k.address(i - 1), k.address(i)) > 0) {
                return String.format("do not decode to ascending addresses (symbol %d, %s, comes after a higher one)",
                        i, k.names().get(i));
            }
        }
        if (k.count() > 1 && k.address(0) == k.address(k.count() - 1)) {
            return "do not decode to ascending addresses (they are all one address, as zero-filled bytes would be)";
        }
        return null;
    }
}
