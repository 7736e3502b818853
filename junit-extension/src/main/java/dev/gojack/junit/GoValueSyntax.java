package dev.gojack.junit;

import dev.gojack.GoValue;

import java.math.BigInteger;

/**
 * Parses the {@code type:value} strings of {@link PatchGoFunction#returns()} into {@link GoValue}s; the syntax is
 * documented there. Errors are {@link IllegalArgumentException}s whose message says what is wrong.
 */
final class GoValueSyntax {
    /** The single element of {@code returns} that means "no results". */
    static final String VOID = "void";

    private GoValueSyntax() {
    }

    /** All results of one {@code returns} attribute; {@code {"void"}} gives none. */
    static GoValue[] parseAll(String[] written) {
        if (written.length == 1 && VOID.equals(written[0].trim())) {
            return new GoValue[0];
        }
        GoValue[] values = new GoValue[written.length];
        for (int i = 0; i < written.length; i++) {
            try {
                if (VOID.equals(written[i].trim())) {
                    throw new IllegalArgumentException(Messages.voidNotAlone());
                }
                values[i] = parse(written[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Messages.badReturnValue(i, written[i], e.getMessage()), e);
            }
        }
        return values;
    }

    /** One value, e.g. {@code "int64:42"}. */
    static GoValue parse(String written) {
        String text = written.strip();
        if (text.equals("nil")) {
            return GoValue.nilPointer();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("it has no type; a Go value is written type:value.");
        }
        String type = text.substring(0, colon).strip();
        // A string keeps its value exactly as written, spaces included.
        String value = type.equals("string") ? written.substring(written.indexOf(':') + 1) : text.substring(colon + 1).strip();
        return switch (type) {
            case "int64", "int" -> GoValue.int64(signed(value, 64));
            case "int32", "rune" -> GoValue.int32((int) signed(value, 32));
            case "int16" -> GoValue.int16((short) signed(value, 16));
            case "int8" -> GoValue.int8((byte) signed(value, 8));
            case "uint64", "uint" -> GoValue.uint64(unsigned(value, 64));
            case "uintptr" -> GoValue.uintptr(unsigned(value, 64));
            case "uint32" -> GoValue.uint32(unsigned(value, 32));
            case "uint16" -> GoValue.uint16((int) unsigned(value, 16));
            case "uint8", "byte" -> GoValue.uint8((int) unsigned(value, 8));
            case "bool" -> GoValue.bool(bool(value));
            case "float64" -> GoValue.float64(floating(value));
            case "float32" -> GoValue.float32((float) floating(value));
            case "string" -> GoValue.string(value);
            case "pointer", "map", "chan", "func" -> nil(type, value, GoValue.nilPointer());
            case "slice" -> nil(type, value, GoValue.nilSlice());
            case "bytes" -> value.equals("nil") ? GoValue.nilSlice() : GoValue.bytes(hex(value));
            case "error" -> value.startsWith("\"") ? GoValue.error(quoted(value))
                    : value.equals("nil") ? GoValue.nilInterface() : interfaceFrom(value);
            case "interface" -> value.equals("nil") ? GoValue.nilInterface() : interfaceFrom(value);
            default -> throw new IllegalArgumentException("unknown type '" + type + "'.");
        };
    }

    private static long signed(String value, int bits) {
        BigInteger v = integer(value);
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException(value + " does not fit in int" + bits + " (" + min + " to " + max + ").");
        }
        return v.longValue();
    }

    private static long unsigned(String value, int bits) {
        BigInteger v = integer(value);
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (v.signum() < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException(value + " does not fit in uint" + bits + " (0 to " + max + ").");
        }
        return v.longValue();
    }

    private static BigInteger integer(String value) {
        String digits = value.replace("_", "");
        boolean negative = digits.startsWith("-");
        String magnitude = negative || digits.startsWith("+") ? digits.substring(1) : digits;
        int radix = 10;
        if (magnitude.startsWith("0x") || magnitude.startsWith("0X")) {
            radix = 16;
            magnitude = magnitude.substring(2);
        }
        try {
            if (magnitude.isEmpty() || magnitude.startsWith("-") || magnitude.startsWith("+")) {
                throw new NumberFormatException();
            }
            BigInteger v = new BigInteger(magnitude, radix);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not an integer.");
        }
    }

    private static boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not a bool; write true or false.");
        };
    }

    private static double floating(String value) {
        try {
            return switch (value) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> {
                    if (value.isEmpty() || value.endsWith("d") || value.endsWith("D")
                            || value.endsWith("f") || value.endsWith("F")) {
                        throw new NumberFormatException();
                    }
                    yield Double.parseDouble(value);
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a floating-point number.");
        }
    }

    private static GoValue nil(String type, String value, GoValue nil) {
        if (!value.equals("nil")) {
            throw new IllegalArgumentException("a " + type + " can only be written as " + type + ":nil.");
        }
        return nil;
    }

    /** {@code 0x} and an even number of hex digits ({@code 0x} alone: no bytes). */
    private static byte[] hex(String value) {
        if (!value.startsWith("0x") && !value.startsWith("0X")) {
            throw new IllegalArgumentException("'" + value + "' is not hex bytes; write bytes:0x0a0b (or bytes:nil).");
        }
        String digits = value.substring(2).replace("_", "");
        try {
            return java.util.HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not hex bytes: " + (digits.length() % 2 != 0
                    ? "it has an odd number of digits" : "it has a character that is no hex digit") + ".");
        }
    }

    /** A Go interpreted string literal: {@code "text"} with the escapes backslash, quote, n, t. */
    private static String quoted(String value) {
        if (value.length() < 2 || !value.endsWith("\"")) {
            throw new IllegalArgumentException(value + " has no closing quote; write error:\"message\".");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '"') {
                throw new IllegalArgumentException(value + " has a quote inside; write it as \\\".");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == value.length() - 1) {
                throw new IllegalArgumentException(value + " ends in a lone backslash.");
            }
            char e = value.charAt(i);
            out.append(switch (e) {
                case '\\', '"' -> e;
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> throw new IllegalArgumentException(value + " has the escape \\" + e
                        + ", which GoJack does not know; use \\\\, \\\", \\n or \\t.");
            });
        }
        return out.toString();
    }

    private static GoValue interfaceFrom(String variable) {
        if (variable.isEmpty() || variable.indexOf('.') < 0) {
            throw new IllegalArgumentException("'" + variable + "' is neither nil nor a package variable such as "
                    + "io.EOF.");
        }
        return GoValue.interfaceFrom(variable);
    }
}
