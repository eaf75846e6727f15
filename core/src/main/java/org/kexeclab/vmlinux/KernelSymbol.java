package org.kexeclab.vmlinux;

/**
 * One kernel symbol as {@code nm} or {@code /proc/kallsyms} shows it.
 *
 * @param name    the symbol's name
 * @param type    its {@code nm} type letter ('T' global text, 't' local text, 'D' data, 'A'
 *                absolute, ...), or '?' when the source does not say
 * @param address its virtual address (compare unsigned: kernel addresses have the top bit set)
 */
public record KernelSymbol(String name, char type, long address) {
    /** True for a text (code) symbol: type 'T', 't', 'W' or 'w' as kallsyms and nm mark functions. */
    public boolean isText() {
        return type == 'T' || type == 't' || type == 'W' || type == 'w';
    }

    @Override
    public String toString() {
        return String.format("%016x %c %s", address, type, name);
    }
}
