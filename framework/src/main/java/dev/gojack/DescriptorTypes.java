package dev.gojack;

import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;
import dev.gojack.internal.elf.ElfFile;
import dev.gojack.internal.golang.GoNameDecoder;
import dev.gojack.internal.golang.TypeDescriptor;
import dev.gojack.internal.golang.TypeIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Named types of a declared signature, from the library's runtime type descriptors ({@code internal/abi.Type}):
 * kind, size, alignment, and the structure the register ABI needs — struct fields ({@code abi.StructType.Fields})
 * and array length and element ({@code abi.ArrayType}).
 */
final class DescriptorTypes {
    private static final int HEADER = 48;
    private static final int MAX_DEPTH = 32;
    private static final long MAX_FIELDS = 1 << 16;

    private final ElfFile elf;
    private final TypeIndex index;

    DescriptorTypes(GoBinary binary) {
        this.elf = binary.elf();
        this.index = binary.typeIndex();
    }

    Optional<TypeInfo> named(String name) {
        List<TypeDescriptor> found = index.lookup(name);
        if (found.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(of(found.get(0), 0));
    }

    private TypeInfo of(TypeDescriptor d, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("type " + d.name() + " nests too deep");
        }
        TypeKind kind = TypeKind.values()[Math.min(d.kind(), TypeKind.values().length - 1)];
        return switch (kind) {
            case STRUCT -> {
                long fields = elf.pointerAt(d.address() + HEADER + 8);
                long count = elf.u64At(d.address() + HEADER + 16);
                if (count < 0 || count > MAX_FIELDS) {
                    throw new IllegalArgumentException("struct " + d.name() + " has " + count + " fields");
                }
                List<TypeInfo.Field> list = new ArrayList<>();
                for (long i = 0; i < count; i++) {
                    long f = fields + i * 24;
                    String fieldName = GoNameDecoder.read(elf, elf.pointerAt(f)).name();
                    TypeDescriptor type = descriptor(elf.pointerAt(f + 8));
                    list.add(new TypeInfo.Field(fieldName, elf.u64At(f + 16), of(type, depth + 1)));
                }
                yield TypeInfo.struct(d.name(), d.size(), list);
            }
            case ARRAY -> {
                TypeInfo elem = of(descriptor(elf.pointerAt(d.address() + HEADER)), depth + 1);
                yield TypeInfo.array(d.name(), elem, elf.u64At(d.address() + HEADER + 16));
            }
            case POINTER, SLICE, MAP, CHAN -> {
                long elem = d.elem();
                yield TypeInfo.pointerLike(kind, d.name(), elem == 0 ? null : () -> of(descriptor(elem), 0), null);
            }
            default -> TypeInfo.basic(kind, d.name(), d.size());
        };
    }

    private TypeDescriptor descriptor(long address) {
        return index.at(address).orElseThrow(() ->
                new IllegalArgumentException("no type descriptor at 0x" + Long.toHexString(address)));
    }
}
