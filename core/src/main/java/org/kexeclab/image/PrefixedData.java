package org.kexeclab.image;


/** Segment data that starts with given bytes (an entry probe) and continues with other data. */
public final class PrefixedData implements SegmentData {
    private final byte[] prefix;
    private final SegmentData rest;

    /** Data that is {@code prefix}, then {@code rest}. */
    public PrefixedData(byte[] prefix, SegmentData rest) {
        this.prefix = prefix.clone();
        this.rest = rest;
    }

    @Override
    public long size() {
        return prefix.length + rest.size();
    }

    @Override
    public void read(long offset, byte[] dst, int off, int len) {
        SegmentData.checkRead(size(), offset, off, len, dst.length);
        int fromPrefix = (int) Math.max(0, Math.min(len, prefix.length - offset));
        if (fromPrefix > 0) {
            System.arraycopy(prefix, (int) offset, dst, off, fromPrefix);
        }
        if (len > fromPrefix) {
            rest.read(offset + fromPrefix - prefix.length, dst, off + fromPrefix, len - fromPrefix);
        }
    }

    @Override
    public String toString() {
        return "probe[" + prefix.length + "] + " + rest;
    }
}
