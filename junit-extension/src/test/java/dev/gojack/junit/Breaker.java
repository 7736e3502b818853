package dev.gojack.junit;

/** The circuit breaker of libvars.so: package state that every caller shares. */
public interface Breaker {
    int BreakerCharge(int fail);

    int BreakerIsOpen();

    long BreakerFailures();
}
