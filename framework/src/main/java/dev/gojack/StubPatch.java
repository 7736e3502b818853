package dev.gojack;

/** A patch whose replacement is a GoJack stub that counts how often Go called it. */
public interface StubPatch extends Patch {
    /** How many times the stubbed function was called since the patch was applied. */
    long callCount();
}
