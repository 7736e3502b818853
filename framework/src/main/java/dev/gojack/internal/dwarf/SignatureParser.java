package dev.gojack.internal.dwarf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parses a Go function signature written in Go syntax — {@code func(qty int, name string) (int, error)}, the
 * {@code func} keyword optional — into parameters and results with their types. Types: Go's basic types
 * ({@code byte}, {@code rune}, {@code any}, {@code error} included), {@code *T}, {@code []T}, {@code [N]T},
 * {@code map[K]V}, {@code chan T}, {@code func(…)…}, {@code struct { A int; B string }}, {@code unsafe.Pointer},
 * and named types, which the given resolver supplies (from the library's type descriptors). Parameter names may be
 * grouped as in Go ({@code a, b int}).
 */
public final class SignatureParser {
    /** A syntax error, or a type the resolver does not know; the message says which and where. */
    public static final class SyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    private final String text;
    private final Function<String, Optional<TypeInfo>> named;
    private int at;

    private SignatureParser(String text, Function<String, Optional<TypeInfo>> named) {
        this.text = text;
        this.named = named;
    }

    /** Parses {@code signature} for the function {@code name}. */
    public static FunctionInfo parse(String name, String signature, Function<String, Optional<TypeInfo>> named) {
        SignatureParser p = new SignatureParser(signature, named);
        p.space();
        if (p.text.startsWith("func", p.at) && (p.at + 4 == p.text.length() || !isIdent(p.text.charAt(p.at + 4)))) {
            p.at += 4;
        }
        List<Parameter> params = p.parameterList(false);
        List<Parameter> results;
        p.space();
        if (p.at == p.text.length()) {
            results = List.of();
        } else if (p.peek() == '(') {
            results = p.parameterList(true);
        } else {
            results = List.of(new Parameter("", p.type(), true));
        }
        p.space();
        if (p.at != p.text.length()) {
            throw p.error("unexpected text");
        }
        return new FunctionInfo(name, params, results);
    }

    /** Parses a single type. */
    public static TypeInfo parseType(String type, Function<String, Optional<TypeInfo>> named) {
        SignatureParser p = new SignatureParser(type, named);
        TypeInfo t = p.type();
        p.space();
        if (p.at != p.text.length()) {
            throw p.error("unexpected text after the type");
        }
        return t;
    }

    private SyntaxException error(String what) {
        return new SyntaxException(what + " at position " + at + " of \"" + text + "\"");
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private void expect(char c) {
        space();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private boolean accept(String s) {
        space();
        if (text.startsWith(s, at)) {
            at += s.length();
            return true;
        }
        return false;
    }

    private static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** An identifier, or a qualified name with an import path ({@code net/http.Request}, {@code main.Pair[int]}). */
    private String qualified() {
        space();
        int start = at;
        int depth = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (isIdent(c) || c == '.' || c == '/' || c == '-' || c == '%' || (depth > 0 && c != ']')) {
                at++;
            } else if (c == '[' && at > start && text.substring(start, at).contains(".")) {
                // type arguments of a qualified generic name (main.Pair[string,int]); never map[…] or [N]T
                depth++;
                at++;
            } else if (c == ']' && depth > 0) {
                depth--;
                at++;
            } else {
                break;
            }
        }
        if (at == start) {
            throw error("expected a name or a type");
        }
        return text.substring(start, at);
    }

    /** {@code (a, b int, c string)}, {@code (int, string)}, {@code ()}. */
    private List<Parameter> parameterList(boolean results) {
        expect('(');
        List<String> names = new ArrayList<>();
        List<TypeInfo> types = new ArrayList<>();
        space();
        if (peek() == ')') {
            at++;
            return List.of();
        }
        while (true) {
            space();
            int start = at;
            String first = null;
            if (peek() != '*' && peek() != '[' && peek() != '(') {
                int save = at;
                String word = qualified();
                space();
                boolean keyword = word.equals("func") || word.equals("map") || word.equals("chan")
                        || word.equals("struct") || word.equals("interface");
                if (!keyword && !word.contains(".") && peek() != ',' && peek() != ')') {
                    first = word; // "name Type"
                } else {
                    at = save;
                }
            }
            if (first != null) {
                names.add(first);
                types.add(type());
            } else {
                at = start;
                // A lone identifier may be a name waiting for the next entry's type ("a, b int").
                int save = at;
                if (Character.isLetter(peek()) || peek() == '_') {
                    String word = qualified();
                    space();
                    if (!word.contains(".") && !isTypeWord(word) && (peek() == ',')) {
                        names.add(word);
                        types.add(null);
                    } else {
                        at = save;
                        names.add(null);
                        types.add(type());
                    }
                } else {
                    names.add(null);
                    types.add(type());
                }
            }
            space();
            if (peek() == ',') {
                at++;
                continue;
            }
            expect(')');
            break;
        }
        boolean anyNamed = false;
        for (int i = 0; i < names.size(); i++) {
            anyNamed |= names.get(i) != null && types.get(i) != null;
        }
        List<Parameter> out = new ArrayList<>();
        if (anyNamed) {
            // Go: either every entry has a name or none; "a, b int" gives a and b the type int.
            TypeInfo pending = null;
            for (int i = names.size() - 1; i >= 0; i--) {
                if (types.get(i) != null) {
                    if (names.get(i) == null) {
                        throw error("mixed named and unnamed parameters");
                    }
                    pending = types.get(i);
                } else if (pending == null) {
                    throw error("parameter " + names.get(i) + " has no type");
                }
                out.add(0, new Parameter(names.get(i).equals("_") ? "" : names.get(i),
                        types.get(i) != null ? types.get(i) : pending, results));
            }
        } else {
            for (int i = 0; i < names.size(); i++) {
                TypeInfo t = types.get(i) != null ? types.get(i) : resolveNamed(names.get(i));
                out.add(new Parameter("", t, results));
            }
        }
        return out;
    }

    private static boolean isTypeWord(String word) {
        return BasicTypes.of(word).isPresent();
    }

    private TypeInfo type() {
        space();
        char c = peek();
        if (c == '*') {
            at++;
            TypeInfo elem = type();
            return TypeInfo.pointerLike(TypeKind.POINTER, "*" + elem.name(), () -> elem, null);
        }
        if (c == '(') {
            at++;
            TypeInfo t = type();
            expect(')');
            return t;
        }
        if (c == '[') {
            at++;
            space();
            if (peek() == ']') {
                at++;
                TypeInfo elem = type();
                return TypeInfo.pointerLike(TypeKind.SLICE, "[]" + elem.name(), () -> elem, null);
            }
            int start = at;
            while (Character.isDigit(peek())) {
                at++;
            }
            if (start == at) {
                throw error("expected an array length");
            }
            long length;
            try {
                length = Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw error("array length too large");
            }
            expect(']');
            TypeInfo elem = type();
            try {
                return TypeInfo.array("[" + length + "]" + elem.name(), elem, length);
            } catch (ArithmeticException e) {
                throw error("array too large");
            }
        }
        if (accept("<-")) {
            if (!accept("chan")) {
                throw error("expected chan after <-");
            }
            TypeInfo elem = type();
            return TypeInfo.pointerLike(TypeKind.CHAN, "<-chan " + elem.name(), () -> elem, null);
        }
        String word = qualified();
        switch (word) {
            case "map" -> {
                expect('[');
                TypeInfo key = type();
                expect(']');
                TypeInfo value = type();
                return TypeInfo.pointerLike(TypeKind.MAP, "map[" + key.name() + "]" + value.name(), () -> value, key);
            }
            case "chan" -> {
                String prefix = accept("<-") ? "chan<- " : "chan ";
                TypeInfo elem = type();
                return TypeInfo.pointerLike(TypeKind.CHAN, prefix + elem.name(), () -> elem, null);
            }
            case "func" -> {
                int start = at - 4;
                parameterList(false);
                space();
                if (peek() == '(') {
                    parameterList(true);
                } else if (at < text.length() && peek() != ',' && peek() != ')' && peek() != ';' && peek() != '}'
                        && peek() != ']') {
                    type();
                }
                return TypeInfo.basic(TypeKind.FUNC, text.substring(start, at).trim(), 8);
            }
            case "interface" -> {
                expect('{');
                int depth = 1;
                while (at < text.length() && depth > 0) {
                    char ch = text.charAt(at++);
                    depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
                }
                if (depth != 0) {
                    throw error("unterminated interface");
                }
                return TypeInfo.basic(TypeKind.INTERFACE, "interface {}", 16);
            }
            case "struct" -> {
                return struct();
            }
            default -> {
                return resolveNamed(word);
            }
        }
    }

    private TypeInfo struct() {
        expect('{');
        List<TypeInfo.Field> fields = new ArrayList<>();
        StringBuilder name = new StringBuilder("struct {");
        long offset = 0;
        int align = 1;
        space();
        while (peek() != '}') {
            List<String> fieldNames = new ArrayList<>();
            fieldNames.add(qualified());
            space();
            while (peek() == ',') {
                at++;
                fieldNames.add(qualified());
                space();
            }
            TypeInfo t = type();
            for (String f : fieldNames) {
                offset = (offset + t.alignment() - 1) / t.alignment() * t.alignment();
                fields.add(new TypeInfo.Field(f, offset, t));
                offset += t.size();
                align = Math.max(align, t.alignment());
                name.append(fields.size() == 1 ? " " : "; ").append(f).append(' ').append(t.name());
            }
            space();
            if (peek() == ';') {
                at++;
                space();
            } else if (peek() != '}') {
                throw error("expected ';' or '}' in struct");
            }
        }
        at++;
        // Go pads a struct that ends in a zero-sized field so that a pointer to it cannot point past the end.
        if (!fields.isEmpty() && fields.get(fields.size() - 1).type().size() == 0 && offset > 0) {
            offset++;
        }
        offset = (offset + align - 1) / align * align;
        name.append(fields.isEmpty() ? "}" : " }");
        return TypeInfo.struct(name.toString(), offset, fields);
    }

    private TypeInfo resolveNamed(String word) {
        Optional<TypeInfo> basic = BasicTypes.of(word);
        if (basic.isPresent()) {
            return basic.get();
        }
        return named.apply(word).orElseThrow(() -> error("unknown type " + word + " (the library has no type "
                + "descriptor of that name, which Go makes only for types used at run time: write its underlying "
                + "type instead, e.g. int64 or struct { A int; B string })"));
    }
}
