package dev.gojack.internal.golang;

import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.elf.ElfSection;
import dev.gojack.internal.elf.ElfSymbol;

import java.util.Optional;

/**
 * The runtime's {@code moduledata} record of the library: where type descriptors, funcdata, typelinks and
 * itablinks live. Found by {@code runtime.firstmoduledata} or, stripped, as the data word that points to the
 * pclntab header and is followed by a pointer to its function-name table (the relocation table tells which
 * words hold which pointer, on amd64 and arm64 alike). Field offsets depend on the Go version.
 */
public record ModuleData(long address, long types, long etypes, long gofunc, long typelinks, long typelinksLength,
                         long itablinks, long itablinksLength) {
    /** Offset of {@code moduledata.text}, the same in every supported version. */
    public static final int TEXT_OFFSET = 176;

    public static Optional<ModuleData> find(ElfFile elf, Pclntab pclntab, GoVersion version) {
        long address = locate(elf, pclntab.headerAddress(), pclntab.headerAddress() + pclntab.funcnameAddressOffset());
        if (address < 0) {
            return Optional.empty();
        }
        Layout l = Layout.of(version, pclntab);
        return Optional.of(new ModuleData(address, elf.pointerAt(address + l.types), elf.pointerAt(address + l.types + 8),
                elf.pointerAt(address + l.gofunc), elf.pointerAt(address + l.typelinks),
                elf.pointerAt(address + l.typelinks + 8), elf.pointerAt(address + l.itablinks),
                elf.pointerAt(address + l.itablinks + 8)));
    }

    /** Address of the moduledata whose first two words point to {@code header} and {@code names}, or -1. */
    public static long locate(ElfFile elf, long header, long names) {
        Optional<ElfSymbol> symbol = elf.symbolNamed("runtime.firstmoduledata");
        if (symbol.isPresent() && symbol.get().isDefined()) {
            return symbol.get().value();
        }
        for (long address : elf.relocatedAddressesPointingTo(header)) {
            if (elf.pointerAt(address + 8) == names) {
                return address;
            }
        }
        // No relocation table (a non-PIE file): the words themselves hold the addresses.
        // Fuzz finding (issue 9, ParserFuzzTest#pclntab): a writable section whose header claimed a size of
        // terabytes kept this loop running for hours. Scan only sections that lie inside the file, and in all no
        // more words than the file has.
        long budget = elf.bytes().size() / 8;
        for (ElfSection s : elf.sections()) {
            if ((s.flags() & ElfSection.SHF_WRITE) == 0 || s.type() == ElfSection.SHT_NOBITS
                    || !elf.bytes().contains(s.offset(), s.size())) {
                continue;
            }
            for (long a = s.address(); a + 16 <= s.address() + s.size() && budget-- > 0; a += 8) {
                if (elf.pointerAt(a) == header && elf.pointerAt(a + 8) == names) {
                    return a;
                }
            }
        }
        return -1;
    }

    /** Field offsets of moduledata per Go version (64-bit). */
    private record Layout(int types, int gofunc, int typelinks, int itablinks) {
        static Layout of(GoVersion version, Pclntab pclntab) {
            if (!pclntab.isGo120OrLater()) {
                return new Layout(280, 304, 336, 360);
            }
            if (version.atLeast(26)) {
                return new Layout(296, 320, 360, 384);
            }
            return new Layout(296, 320, 352, 376);
        }
    }
}
