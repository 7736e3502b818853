package dev.gojack.cli;

import java.util.List;

/** A minimal JSON writer for the CLI's {@code --json} output: objects, arrays, strings, numbers, booleans. */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private boolean needComma;

    Json open() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    Json close() {
        out.append('}');
        needComma = true;
        return this;
    }

    Json openArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    Json closeArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    Json key(String key) {
        comma();
        string(key);
        out.append(':');
        needComma = false;
        return this;
    }

    Json field(String key, String value) {
        key(key);
        string(value);
        needComma = true;
        return this;
    }

    Json field(String key, long value) {
        key(key);
        out.append(value);
        needComma = true;
        return this;
    }

    Json field(String key, boolean value) {
        key(key);
        out.append(value);
        needComma = true;
        return this;
    }

    Json stringArray(String key, List<String> values) {
        key(key).openArray();
        for (String v : values) {
            comma();
            string(v);
            needComma = true;
        }
        return closeArray();
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void string(String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
