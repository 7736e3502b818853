package dev.gojack;

/**
 * The ABI probes of the {@code sigs} fixture (go-fixtures/sigs): each calls a Go function value typed as
 * {@code main.<Case>} whose code records the argument registers and stack words ({@code out}: 9 integer
 * registers, 15 float registers, 24 stack words, then the results it received) after storing the
 * {@code (offset, size, value)} triples of {@code writes} into its caller's argument area.
 */
public interface SigsLibrary {
    int SigsKeepAlive();

    int ProbeABIExample(long[] out, long[] writes, int n);

    int ProbeExhaust(long[] out, long[] writes, int n);

    int ProbeBackfill(long[] out, long[] writes, int n);

    int ProbeFloats(long[] out, long[] writes, int n);

    int ProbeStructs(long[] out, long[] writes, int n);

    int ProbeNesting(long[] out, long[] writes, int n);

    int ProbeStacked(long[] out, long[] writes, int n);

    int ProbeWords(long[] out, long[] writes, int n);

    int ProbeFloatStruct(long[] out, long[] writes, int n);

    int ProbeTotal(long[] out, long[] writes, int n);
}
