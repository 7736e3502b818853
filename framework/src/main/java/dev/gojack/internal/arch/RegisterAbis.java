package dev.gojack.internal.arch;

import dev.gojack.internal.arch.amd64.Amd64RegisterAbi;
import dev.gojack.internal.dwarf.FunctionInfo;
import dev.gojack.internal.dwarf.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The register ABI of an architecture, chosen by its Go name ({@code amd64}); arm64's is not computed yet. */
public final class RegisterAbis {
    private RegisterAbis() {
    }

    /** The assignment of {@code f}'s parameters and results, or empty for an architecture GoJack cannot lay out. */
    public static Optional<AbiAssignment> assign(String architecture, FunctionInfo f) {
        if (!architecture.equals("amd64")) {
            return Optional.empty();
        }
        return Optional.of(Amd64RegisterAbi.assign(named(f.parameters()), named(f.results())));
    }

    /**
     * Bytes of the parameters (receiver included) laid out on the stack one after the other, pointer-aligned:
     * what the pclntab's {@code args} records for a Go (ABIInternal) function, whose results it does not count.
     */
    public static long parameterBytes(FunctionInfo f) {
        long offset = 0;
        for (Parameter p : f.parameters()) {
            offset = align(offset, p.type().alignment()) + p.type().size();
        }
        return align(offset, 8);
    }

    private static long align(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    private static List<Amd64RegisterAbi.Named> named(List<Parameter> ps) {
        // A loop, not a stream: this runs on a signature's first request, often in a fresh JVM.
        List<Amd64RegisterAbi.Named> named = new ArrayList<>(ps.size());
        for (Parameter p : ps) {
            named.add(new Amd64RegisterAbi.Named(p.name(), p.type()));
        }
        return named;
    }
}
