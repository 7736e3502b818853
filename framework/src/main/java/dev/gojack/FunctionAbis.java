package dev.gojack;

import dev.gojack.internal.golang.FuncRecord;

/** Which of two pclntab entries of one name is the ABI0 one. */
final class FunctionAbis {
    private FunctionAbis() {
    }

    /**
     * An assembly body and its wrapper: the body is ABI0 (its wrapper, Go-compiled, is ABIInternal). A Go body and
     * a wrapper: the wrapper is ABI0 (it lets assembly call the Go function).
     */
    static FuncRecord abi0Of(FuncRecord a, FuncRecord b, int wrapperFuncId) {
        if (a.isAssembly() != b.isAssembly()) {
            return a.isAssembly() ? a : b;
        }
        if ((a.funcId() == wrapperFuncId) != (b.funcId() == wrapperFuncId)) {
            return a.funcId() == wrapperFuncId ? a : b;
        }
        return b;
    }
}
