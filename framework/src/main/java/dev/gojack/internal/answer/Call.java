package dev.gojack.internal.answer;

import dev.gojack.GoCall;
import dev.gojack.GoFunction;
import dev.gojack.GoResults;
import dev.gojack.GoSignature;
import dev.gojack.internal.Problems;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A {@link GoCall} whose arguments were decoded when the call arrived. */
final class Call implements GoCall {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(long.class, Long.class, int.class, Integer.class,
            short.class, Short.class, byte.class, Byte.class, boolean.class, Boolean.class, double.class,
            Double.class, float.class, Float.class);

    private final GoFunction function;
    private final GoSignature signature;
    private final Object[] arguments;
    private final Runner original;
    private Original.Outcome last;

    /** Runs the original body for this call; throws when it cannot. */
    interface Runner {
        Original.Outcome run();
    }

    Call(GoFunction function, GoSignature signature, Object[] arguments, Runner original) {
        this.function = function;
        this.signature = signature;
        this.arguments = arguments;
        this.original = original;
    }

    @Override
    public GoFunction function() {
        return function;
    }

    @Override
    public GoSignature signature() {
        return signature;
    }

    @Override
    public int argumentCount() {
        return arguments.length;
    }

    @Override
    public Object argument(int index) {
        if (index < 0 || index >= arguments.length) {
            throw Problems.noSuchArgument(function.name(), index, arguments.length);
        }
        return arguments[index];
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T argument(int index, Class<T> type) {
        Object v = argument(index);
        Object converted = convert(v, type);
        if (converted == null && v != null) {
            throw Problems.argumentType(function.name(), index, v, type);
        }
        return (T) converted;
    }

    /** {@code v} as {@code type} (boxed for a primitive type), or null when it is not one and does not fit. */
    static Object convert(Object v, Class<?> type) {
        Class<?> box = type.isPrimitive() ? BOXES.get(type) : type;
        if (v == null || box.isInstance(v)) {
            return v;
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            long value = n.longValue();
            if (box == Long.class) {
                return value;
            }
            if (box == Integer.class && value == (int) value) {
                return (int) value;
            }
            if (box == Short.class && value == (short) value) {
                return (short) value;
            }
            if (box == Byte.class && value == (byte) value) {
                return (byte) value;
            }
        }
        if (v instanceof Float f && box == Double.class) {
            return f.doubleValue();
        }
        return null;
    }

    @Override
    public List<Object> arguments() {
        return Collections.unmodifiableList(Arrays.asList(arguments.clone()));
    }

    @Override
    public GoResults callOriginal() {
        last = original.run();
        return last.results();
    }

    /** What the latest {@link #callOriginal()} of this call gave, or null. */
    Original.Outcome lastOriginal() {
        return last;
    }

    @Override
    public String toString() {
        return function.name() + Arrays.toString(arguments);
    }
}
