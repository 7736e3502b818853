package dev.gojack;

/**
 * The exports of the sigs fixture's results.go: each calls one target the way Go code would and returns, as text
 * (leaked C strings, a few bytes a call), what Go saw of its results.
 */
public interface SigsResultsLibrary {
    String SeeNewRandom();

    String SeeBig();

    String SeeArrays();

    String SeeMixed();

    String SeeNested();

    String SeeFloaty();

    String SeeShifted(int b);

    String SeePayload();

    String SeeFailure();

    String SeeAny();

    int SeeShape();

    String SeeWindow();
}
