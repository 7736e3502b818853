package dev.gojack;

import java.util.Optional;

/**
 * A snapshot of a package variable of interface type in a loaded library: its two words and what they mean.
 * Obtained from {@code GoLibrary.interfaceVariable(String)}. The words are read once; Go code may change the
 * variable afterwards.
 *
 * <p>An empty interface ({@code any}) is {@code {type *abi.Type; data}}; a non-empty one ({@code Store},
 * {@code error}) is {@code {tab *abi.ITab; data}}, whose itab names the interface and the dynamic type. GoJack
 * tells them apart by what the first word points to (see {@link #isEmptyInterface()}).
 */
public final class GoInterfaceValue {
    private final String variable;
    private final long address;
    private final long typeWord;
    private final long dataWord;
    private final boolean emptyInterface;
    private final GoType dynamicType;
    private final GoType interfaceType;

    GoInterfaceValue(String variable, long address, long typeWord, long dataWord, boolean emptyInterface,
                     GoType dynamicType, GoType interfaceType) {
        this.variable = variable;
        this.address = address;
        this.typeWord = typeWord;
        this.dataWord = dataWord;
        this.emptyInterface = emptyInterface;
        this.dynamicType = dynamicType;
        this.interfaceType = interfaceType;
    }

    /** The variable's Go name: {@code main.store}. */
    public String variable() {
        return variable;
    }

    /** The variable's address in this process. */
    public long address() {
        return address;
    }

    /** True when the value is nil (the first word is 0). */
    public boolean isNil() {
        return typeWord == 0;
    }

    /** The dynamic type as Go's {@code %T} prints it ({@code *main.memStore}), or {@code "nil"}. */
    public String typeName() {
        return dynamicType == null ? "nil" : dynamicType.name();
    }

    /** The dynamic type; empty when the value is nil. */
    public Optional<GoType> type() {
        return Optional.ofNullable(dynamicType);
    }

    /**
     * True for an empty interface ({@code any}): the first word points straight at a type descriptor. False for
     * a non-empty interface, whose first word points to an itab — an itab is recognised as one the file lists
     * ({@code moduledata.itablinks}, {@code go:itab.*} symbols) or, for an itab the runtime made, as two words
     * pointing to an interface type descriptor and a type descriptor of the library. A nil value has no first
     * word to look at: this then answers false and {@link #interfaceType()} is empty.
     */
    public boolean isEmptyInterface() {
        return emptyInterface;
    }

    /** For a non-empty interface, the interface type of its itab ({@code main.Store}, {@code error}). */
    public Optional<GoType> interfaceType() {
        return Optional.ofNullable(interfaceType);
    }

    /** The raw first word: a type descriptor address ({@code any}) or an itab address (non-empty interface). */
    public long typeWord() {
        return typeWord;
    }

    /** The raw second word: the value itself for direct-interface types (pointers), else a pointer to a copy. */
    public long dataWord() {
        return dataWord;
    }

    @Override
    public String toString() {
        return variable + " = " + (isNil() ? "nil" : typeName() + (emptyInterface ? " in any" : interfaceType()
                .map(t -> " in " + t.name()).orElse("")) + " (type word 0x" + Long.toHexString(typeWord)
                + ", data 0x" + Long.toHexString(dataWord) + ")");
    }
}
