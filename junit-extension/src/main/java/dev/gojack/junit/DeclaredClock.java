package dev.gojack.junit;

import dev.gojack.FakeClock;
import dev.gojack.FakeClockOption;
import dev.gojack.GoJackException;
import dev.gojack.GoLibrary;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One {@link FakeGoClock}, its instant parsed when created and the clock started later. */
final class DeclaredClock {
    private final Declared<FakeGoClock> declared;
    private final Instant start;

    private DeclaredClock(Declared<FakeGoClock> declared, Instant start) {
        this.declared = declared;
        this.start = start;
    }

    /**
     * Parses the instant.
     *
     * @throws ExtensionConfigurationException naming the annotation, where it is, and the value
     */
    static DeclaredClock check(Declared<FakeGoClock> declared) {
        String value = declared.annotation().value();
        try {
            return new DeclaredClock(declared, parse(value));
        } catch (DateTimeParseException e) {
            throw misconfigured(declared, Messages.badInstant(value, e.getMessage()), e);
        }
    }

    /** An instant written as {@code 2026-01-30T22:00:00Z} or {@code 2026-01-30T17:00:00-05:00[America/New_York]}. */
    static Instant parse(String value) {
        return ZonedDateTime.parse(value.strip()).toInstant();
    }

    /**
     * Starts the fake clock.
     *
     * @throws ExtensionConfigurationException if GoJack refuses it (no {@code time.Now} in the library, …)
     */
    FakeClock start(GoLibrary library) {
        List<FakeClockOption> options = new ArrayList<>();
        if (declared.annotation().zone() == FakeGoClock.Zone.LOCAL) {
            options.add(FakeClockOption.LOCAL_ZONE);
        }
        if (declared.annotation().sleepAdvances()) {
            options.add(FakeClockOption.SLEEP_ADVANCES);
        }
        if (declared.annotation().firesTimers()) {
            options.add(FakeClockOption.FIRES_TIMERS);
        }
        try {
            return library.fakeClock(start, options.toArray(new FakeClockOption[0]));
        } catch (GoJackException e) {
            throw misconfigured(e.getMessage(), e);
        }
    }

    private ExtensionConfigurationException misconfigured(String why, Throwable cause) {
        return misconfigured(declared, why, cause);
    }

    private static ExtensionConfigurationException misconfigured(Declared<FakeGoClock> declared, String why,
                                                                 Throwable cause) {
        return new ExtensionConfigurationException(
                Messages.clockFailed(declared.annotation(), declared.element(), why), cause);
    }
}
