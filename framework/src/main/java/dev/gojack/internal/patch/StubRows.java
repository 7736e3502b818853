package dev.gojack.internal.patch;

import dev.gojack.GoFunction;
import dev.gojack.GoValue;
import dev.gojack.PatchOption;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.RegisterAbis;
import dev.gojack.internal.arch.ResultPlacement;
import dev.gojack.internal.dwarf.FunctionInfo;
import dev.gojack.internal.dwarf.Parameter;
import dev.gojack.internal.dwarf.TypeInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The result rows of one return stub and where its results go. With the function's typed signature the values
 * are laid out as its result types (already checked by {@link SignatureCheck}) and placed where its ABI
 * assignment puts them, registers or the caller's stack slots. Without one (or with
 * {@link PatchOption#ALLOW_SIGNATURE_MISMATCH}) the values' own Go types stand for the results: every row must
 * have row 0's types, and results that would go on the stack are refused: only a signature the values fit says
 * where the function's result slots are.
 */
record StubRows(ResultPlacement placement, List<byte[]> rows) {

    /** Equal for two targets whose stubs would be the same. */
    String key() {
        StringBuilder k = new StringBuilder(placement.toString());
        for (byte[] r : rows) {
            k.append('/').append(HexFormat.of().formatHex(r));
        }
        return k.toString();
    }

    static StubRows of(GoFunction function, String target, List<GoValue[]> results, String architecture,
                       Optional<TypedSignature> signature, ValuePlacer.Session session, Path library,
                       PatchOption... options) {
        Optional<TypedSignature> typed = signature.filter(s -> s.assignment() != null);
        // Values that do not fit the signature (let through by ALLOW_SIGNATURE_MISMATCH) stand for themselves.
        boolean fit = typed.isPresent() && results.stream()
                .allMatch(row -> SignatureCheck.valuesMismatch(typed.get().info().results(), row) == null);
        List<TypeInfo> types = new ArrayList<>();
        AbiAssignment assignment;
        if (fit) {
            for (Parameter p : typed.get().info().results()) {
                types.add(p.type());
            }
            assignment = typed.get().assignment();
        } else {
            GoValue[] first = results.get(0);
            List<Parameter> implied = new ArrayList<>();
            for (GoValue v : first) {
                TypeInfo t = ResultLayout.typeOf(v);
                types.add(t);
                implied.add(new Parameter("", t, true));
            }
            for (int r = 1; r < results.size(); r++) {
                if (SignatureCheck.valuesMismatch(implied, results.get(r)) != null) {
                    throw Problems.resultRowsDiffer(target, library, r);
                }
            }
            assignment = RegisterAbis.assign(architecture, new FunctionInfo(function.name(), List.of(), implied))
                    .orElseThrow(() -> new IllegalStateException("no register ABI for " + architecture));
            // Result slots the function does not have would be the caller's own frame: never written.
            if (ResultLayout.anyOnStack(assignment)) {
                int floats = 0;
                int words = 0;
                for (SignatureCheck.Slot slot : SignatureCheck.slots(assignment.results())) {
                    words++;
                    floats += slot.kind().equals(SignatureCheck.FLOAT) ? 1 : 0;
                }
                throw Problems.resultsOnStack(target, library, SignatureCheck.values(first), words - floats, floats,
                        typed.isPresent());
            }
        }
        ResultPlacement placement = ResultLayout.placement(assignment);
        List<byte[]> rows = new ArrayList<>();
        for (GoValue[] row : results) {
            List<byte[]> images = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
                images.add(session.image(row[i], types.get(i)));
            }
            rows.add(ResultLayout.row(assignment, placement, images));
        }
        return new StubRows(placement, rows);
    }
}
