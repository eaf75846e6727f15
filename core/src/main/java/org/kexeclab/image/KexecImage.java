package org.kexeclab.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kexeclab.Arch;

/**
 * A kexec image as user space hands it to {@code kexec_load}: type, segments, entry point
 * ({@code start}), for a target {@link Arch} on a {@link MemoryLayout}. Immutable.
 *
 * <p>Building an image checks nothing about its segments: {@link LoadChecks#check} and
 * {@link LoadedImage#load} refuse what the kernel refuses, with the kernel's errno. (So an
 * image with 17 segments can be built, and fails to load with {@code EINVAL}.)
 *
 * <p>Preserve-context ({@code KEXEC_PRESERVE_CONTEXT}) is a flag of the execution, not of
 * the image, and is not held here.
 */
public final class KexecImage {
    /** The kernel's {@code KEXEC_SEGMENT_MAX}. */
    public static final int SEGMENT_MAX = 16;

    private final ImageType type;
    private final Arch arch;
    private final long entry;
    private final MemoryLayout layout;
    private final List<Segment> segments;

    private KexecImage(Builder b) {
        this.type = b.type;
        this.arch = b.arch;
        this.entry = b.entry;
        this.layout = b.layout;
        this.segments = List.copyOf(b.segments);
    }

    /** A builder for a DEFAULT image for {@code arch}. */
    public static Builder builder(Arch arch) {
        return new Builder(arch);
    }

    /** DEFAULT or CRASH. */
    public ImageType type() {
        return type;
    }

    /** The target architecture (word size and byte order of the list). */
    public Arch arch() {
        return arch;
    }

    /** The entry point: the physical address the new kernel is started at. */
    public long entry() {
        return entry;
    }

    /** The machine's memory. */
    public MemoryLayout layout() {
        return layout;
    }

    /** The segments, in the order given. */
    public List<Segment> segments() {
        return segments;
    }

    /** The page size of the layout. */
    public int pageSize() {
        return layout.pageSize();
    }

    @Override
    public String toString() {
        return String.format("KexecImage{%s %s, entry 0x%x, %d segments}", type, arch, entry, segments.size());
    }

    /** Builds a {@link KexecImage}. */
    public static final class Builder {
        private final Arch arch;
        private ImageType type = ImageType.DEFAULT;
        private long entry;
        private MemoryLayout layout;
        private final List<Segment> segments = new ArrayList<>();

        private Builder(Arch arch) {
            this.arch = Objects.requireNonNull(arch, "arch");
        }

        /** Sets the image type (DEFAULT by default). */
        public Builder type(ImageType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Sets the entry point. */
        public Builder entry(long entry) {
            this.entry = entry;
            return this;
        }

        /** Sets the memory layout (required). */
        public Builder layout(MemoryLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** Appends a segment. */
        public Builder segment(Segment segment) {
            segments.add(Objects.requireNonNull(segment, "segment"));
            return this;
        }

        /** Appends a segment of {@code data} at {@code mem} occupying {@code memsz} bytes. */
        public Builder segment(SegmentData data, long mem, long memsz) {
            return segment(new Segment(data, mem, memsz));
        }

        /** Appends all {@code segments}. */
        public Builder segments(List<Segment> segments) {
            segments.forEach(this::segment);
            return this;
        }

        /** The image; throws {@link IllegalStateException} if no layout was set. */
        public KexecImage build() {
            if (layout == null) {
                throw new IllegalStateException("a kexec image needs a memory layout: call layout(...) before build()");
            }
            return new KexecImage(this);
        }
    }
}
