package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.dwarf.FunctionInfo;
import dev.gojack.internal.dwarf.SignatureParser;
import dev.gojack.internal.dwarf.TypeInfo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link GoLibrary#declareSignature}: parse, resolve named types, check against the pclntab and DWARF, remember. */
final class SignatureDeclarations {
    private SignatureDeclarations() {
    }

    static GoSignature declare(GoBinary binary, String function, String goSignature) {
        GoFunction f = binary.function(function);
        Map<String, Optional<TypeInfo>> resolved = new HashMap<>();
        DescriptorTypes[] descriptors = new DescriptorTypes[1];
        FunctionInfo info;
        try {
            info = SignatureParser.parse(f.name(), goSignature, name -> resolved.computeIfAbsent(name, n -> {
                if (descriptors[0] == null) {
                    descriptors[0] = new DescriptorTypes(binary);
                }
                return descriptors[0].named(n);
            }));
        } catch (SignatureParser.SyntaxException e) {
            throw Problems.badSignature(function, binary.path(), goSignature, e.getMessage(), e);
        } catch (IllegalArgumentException | dev.gojack.internal.elf.MalformedInputException e) {
            throw Problems.badSignature(function, binary.path(), goSignature,
                    "its types cannot be read from the library (" + e.getMessage() + ")", e);
        }
        GoSignature declared = new GoSignature(info, true, binary.architecture());
        if (declared.frameSize().isPresent() && declared.frameSize().get() != f.argsSize()) {
            throw Problems.declaredSignatureMismatch(function, binary.path(), declared.toString(),
                    declared.frameSize().get(), f.argsSize());
        }
        Optional<GoSignature> existing = binary.signatureOf(f);
        if (existing.isPresent() && !existing.get().isDeclared() && !existing.get().toString().equals(declared.toString())
                && !sameLayout(existing.get(), declared)) {
            throw Problems.declaredSignatureContradictsDwarf(function, binary.path(), declared.toString(),
                    existing.get().toString());
        }
        binary.signatures().declare(f, declared);
        return declared;
    }

    /** Same parameter and result sizes in the same places: a declaration may name types differently. */
    private static boolean sameLayout(GoSignature a, GoSignature b) {
        if (a.parameters().size() != b.parameters().size() || a.results().size() != b.results().size()) {
            return false;
        }
        for (int i = 0; i < a.parameters().size(); i++) {
            if (!a.parameters().get(i).location().equals(b.parameters().get(i).location())
                    || a.parameters().get(i).size() != b.parameters().get(i).size()) {
                return false;
            }
        }
        for (int i = 0; i < a.results().size(); i++) {
            if (!a.results().get(i).location().equals(b.results().get(i).location())
                    || a.results().get(i).size() != b.results().get(i).size()) {
                return false;
            }
        }
        return true;
    }
}
