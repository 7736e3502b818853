package dev.gojack.internal.patch;

import dev.gojack.internal.Problems;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.golang.TypeDescriptor;
import dev.gojack.internal.golang.TypeIndex;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The type word of an error made in Java ({@link dev.gojack.GoValue#error}): the library's own itab for
 * {@code *errors.errorString} as {@code error}, found through its type index, so that Go's type switches and
 * assertions on the error see the itab its own {@code errors.New} errors carry; for a result of an empty
 * interface type, the {@code *errors.errorString} descriptor itself. Found once, on first use.
 */
final class ErrorItab implements ValuePlacer.ErrorTypes {
    static final String ERROR_STRING = "*errors.errorString";

    private final Path library;
    private final long loadBase;
    private final Supplier<TypeIndex> index;
    private long itab = -1;
    private long descriptor = -1;

    ErrorItab(Path library, long loadBase, Supplier<TypeIndex> index) {
        this.library = library;
        this.loadBase = loadBase;
        this.index = index;
    }

    @Override
    public synchronized long typeWord(String target, TypeInfo interfaceType) {
        boolean empty = interfaceType.name().equals("interface {}") || interfaceType.name().equals("any");
        if (empty) {
            if (descriptor < 0) {
                descriptor = index.get().lookup(ERROR_STRING).stream().mapToLong(TypeDescriptor::address)
                        .findFirst().orElse(0);
            }
            if (descriptor == 0) {
                throw Problems.noErrorStringType(target, library, interfaceType.name());
            }
            return loadBase + descriptor;
        }
        if (itab < 0) {
            itab = find();
        }
        if (itab == 0) {
            throw Problems.noErrorItab(target, library);
        }
        return loadBase + itab;
    }

    private long find() {
        TypeIndex types = index.get();
        for (TypeIndex.Itab i : types.itabs()) {
            if (i.complete()
                    && types.at(i.type()).map(TypeDescriptor::name).filter(ERROR_STRING::equals).isPresent()
                    && types.at(i.inter()).map(TypeDescriptor::name).filter("error"::equals).isPresent()) {
                return i.address();
            }
        }
        return 0;
    }
}
