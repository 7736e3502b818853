package dev.gojack.internal.morph;

import dev.gojack.Patch;
import dev.gojack.internal.Problems;
import dev.gojack.internal.patch.AbstractPatch;
import dev.gojack.internal.patch.MemoryWriter;
import dev.gojack.internal.patch.Patcher;

import java.nio.file.Path;

/** One 8-byte store of an interface variable's type word; closing puts the original word back. */
final class MorphPatch extends AbstractPatch {
    private final Path library;
    private final long address;
    private final long original;
    private final long written;
    private final String what;

    MorphPatch(Patcher registry, String variable, Path library, long address, long original, long written,
               String what) {
        super(registry, variable);
        this.library = library;
        this.address = address;
        this.original = original;
        this.written = written;
        this.what = what;
    }

    @Override
    public String describe() {
        return target() + ": " + what;
    }

    @Override
    public boolean isRunningSafe() {
        return true;
    }

    @Override
    protected void restore() {
        long now = MemoryWriter.readWord(address);
        if (now != written) {
            for (Patch p : registry.openPatches()) {
                if (p instanceof MorphPatch m && m != this && m.address == address && m.written == now) {
                    throw Problems.notInnermost(describe(), m.describe(), m.location());
                }
            }
            throw Problems.changedUnderMorph(target(), library, written, now);
        }
        MemoryWriter.storeWord(address, original);
    }
}
