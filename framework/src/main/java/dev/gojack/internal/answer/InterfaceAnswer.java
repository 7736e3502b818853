package dev.gojack.internal.answer;

import dev.gojack.GoAnswer;
import dev.gojack.GoPointer;
import dev.gojack.GoResults;
import dev.gojack.GoValue;
import dev.gojack.internal.Problems;
import dev.gojack.internal.dwarf.Parameter;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;
import dev.gojack.internal.patch.TypedSignature;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java interface's single abstract method as the answer to a Go function, parameter by parameter: checked
 * against the Go signature before anything is patched, then each call invokes the implementation (a lambda, a
 * class, or a Mockito mock) with the decoded arguments.
 */
final class InterfaceAnswer {
    private InterfaceAnswer() {
    }

    static <T> GoAnswer of(String target, Path library, TypedSignature signature, Class<T> type, T implementation) {
        Method method = singleAbstractMethod(target, library, signature, type);
        List<Parameter> ps = signature.info().parameters();
        List<Parameter> rs = signature.info().results();
        String javaMethod = type.getName() + "." + method.getName() + describe(method);
        Class<?>[] javaTypes = method.getParameterTypes();
        if (javaTypes.length != ps.size()) {
            throw Problems.interfaceMismatch(target, library, signature.goSyntax(), javaMethod, "it takes "
                    + javaTypes.length + " parameters, the Go function " + ps.size());
        }
        for (int i = 0; i < javaTypes.length; i++) {
            if (!fits(javaTypes[i], ps.get(i).type(), false)) {
                throw Problems.interfaceMismatch(target, library, signature.goSyntax(), javaMethod, "parameter " + i
                        + " is " + javaTypes[i].getSimpleName() + ", the Go parameter " + ps.get(i).type().name());
            }
        }
        Class<?> returns = method.getReturnType();
        boolean ok = returns == GoResults.class || returns == Object.class
                || (rs.isEmpty() ? returns == void.class : rs.size() == 1 && fits(returns, rs.get(0).type(), true));
        if (!ok) {
            throw Problems.interfaceMismatch(target, library, signature.goSyntax(), javaMethod, "it returns "
                    + returns.getSimpleName() + " for " + (rs.isEmpty() ? "no results" : rs.size() == 1
                    ? "the result " + rs.get(0).type().name() : rs.size() + " results (return GoResults)"));
        }
        method.setAccessible(true);
        return call -> {
            Object[] arguments = new Object[javaTypes.length];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = Call.convert(call.argument(i), javaTypes[i]);
            }
            try {
                return method.invoke(implementation, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    private static Method singleAbstractMethod(String target, Path library, TypedSignature signature, Class<?> type) {
        if (!type.isInterface()) {
            throw Problems.interfaceMismatch(target, library, signature.goSyntax(), type.getName(),
                    "it is not an interface");
        }
        List<Method> abstracts = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && !isObjectMethod(m)) {
                abstracts.add(m);
            }
        }
        if (abstracts.size() != 1) {
            throw Problems.interfaceMismatch(target, library, signature.goSyntax(), type.getName(), "it has "
                    + abstracts.size() + " abstract methods, not one");
        }
        return abstracts.get(0);
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Whether the Java type {@code j} stands for the Go type {@code t} (a result also takes GoValue and, for error, String). */
    static boolean fits(Class<?> j, TypeInfo t, boolean result) {
        if (j == Object.class || result && j == GoValue.class) {
            return true;
        }
        TypeKind k = t.kind();
        return switch (k) {
            case INT, INT64, UINT, UINT64, UINTPTR -> j == long.class || j == Long.class;
            case INT32, UINT32 -> j == int.class || j == Integer.class;
            case INT16, UINT16 -> j == short.class || j == Short.class;
            case INT8, UINT8 -> j == byte.class || j == Byte.class;
            case BOOL -> j == boolean.class || j == Boolean.class;
            case FLOAT64 -> j == double.class || j == Double.class;
            case FLOAT32 -> j == float.class || j == Float.class;
            case STRING -> j == String.class;
            case SLICE -> Codec.isByteSlice(t) && j == byte[].class;
            case INTERFACE -> result && Codec.isError(t) && j == String.class;
            default -> k.isPointerShaped() && j == GoPointer.class;
        };
    }

    private static String describe(Method m) {
        StringBuilder s = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            s.append(s.length() > 1 ? ", " : "").append(p.getSimpleName());
        }
        return s.append(") ").append(m.getReturnType().getSimpleName()).toString();
    }
}
