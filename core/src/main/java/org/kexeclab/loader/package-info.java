/**
 * Loading real kernels, split by job: {@link org.kexeclab.loader.format} (the
 * {@link org.kexeclab.loader.format.KernelFormat} plug-in interface, gzip, ELF vmlinux reading
 * and its generic planning), {@link org.kexeclab.loader.dt} (flattened device trees and the
 * boot data placed with them), {@link org.kexeclab.loader.plan} (requests, kexec-tools' hole
 * rules, plans and purgatories) and {@link org.kexeclab.loader.log} ({@code kexec -d} listings
 * and their replay). This package ties them to the registered architectures:
 * {@link org.kexeclab.loader.KernelFormats} recognises a file among every architecture's
 * formats and {@link org.kexeclab.loader.KernelLoader#plan} has the format that parsed it plan
 * it. Bad files fail with {@link org.kexeclab.loader.format.ImageFormatException}, loads that do
 * not fit with {@link org.kexeclab.loader.plan.PlanningException}, bad logs with
 * {@link org.kexeclab.loader.log.KexecLogException}: each one sentence.
 */
package org.kexeclab.loader;
