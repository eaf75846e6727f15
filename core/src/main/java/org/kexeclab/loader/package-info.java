/**
 * Loading real kernels: parsers for x86 bzImage, arm64 Image (plain or gzip), arm zImage and
 * ELF vmlinux ({@link org.kexeclab.loader.KernelFormats}); segment planning after
 * kexec-tools' loaders ({@link org.kexeclab.loader.KernelLoader#plan}) producing a
 * {@link org.kexeclab.image.KexecImage} with the x86 zero page or a flattened device tree
 * ({@link org.kexeclab.loader.FdtWriter}, {@link org.kexeclab.loader.FdtParser},
 * {@link org.kexeclab.loader.DeviceTrees}); {@code kexec -d} listings
 * ({@link org.kexeclab.loader.SegmentListing}) and their replay
 * ({@link org.kexeclab.loader.KexecLogParser}). Bad files fail with
 * {@link org.kexeclab.loader.ImageFormatException}, loads that do not fit with
 * {@link org.kexeclab.loader.PlanningException}, bad logs with
 * {@link org.kexeclab.loader.KexecLogException}: each one sentence.
 */
package org.kexeclab.loader;
