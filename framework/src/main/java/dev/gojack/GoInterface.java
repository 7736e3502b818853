package dev.gojack;

/**
 * A non-nil Go interface value (an {@code error}, an {@code io.Reader}...) as {@code GoCall.callOriginal()}
 * returns it: its two words, the type or itab word and the data word. Returned from the answer (as it is, or in
 * {@link GoResults}), it becomes the same interface value again, so a sentinel error stays {@code ==} to itself.
 * The data word points into Go's heap: it is kept alive while the answer runs, until the body's next
 * {@code callOriginal()} of the same call.
 */
public final class GoInterface {
    private final long typeWord;
    private final long dataWord;

    private GoInterface(long typeWord, long dataWord) {
        this.typeWord = typeWord;
        this.dataWord = dataWord;
    }

    /** The interface value with these words. */
    public static GoInterface of(long typeWord, long dataWord) {
        return new GoInterface(typeWord, dataWord);
    }

    /** The itab (non-empty interfaces) or type descriptor (empty interface) address. */
    public long typeWord() {
        return typeWord;
    }

    /** The data word: a pointer to the value. */
    public long dataWord() {
        return dataWord;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoInterface i && i.typeWord == typeWord && i.dataWord == dataWord;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(typeWord) * 31 + Long.hashCode(dataWord);
    }

    @Override
    public String toString() {
        return "GoInterface[0x" + Long.toHexString(typeWord) + ", 0x" + Long.toHexString(dataWord) + "]";
    }
}
