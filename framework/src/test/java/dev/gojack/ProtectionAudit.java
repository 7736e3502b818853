package dev.gojack;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs after every test class of this module (registered through the ServiceLoader and
 * {@code junit.jupiter.extensions.autodetection.enabled}): fails the class if any patch is still open or any
 * page of a loaded Go library or of GoJack's stub memory is writable and executable.
 */
public final class ProtectionAudit implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
            return; // @Nested classes are audited with their top-level class
        }
        List<String> problems = new ArrayList<>();
        for (GoLibrary library : GoLibrary.loadedLibraries()) {
            List<Patch> open = library.openPatches();
            if (!open.isEmpty()) {
                problems.add(open.size() + " patch(es) left open on " + library.path() + ": " + open);
                library.restoreAll();
            }
            List<String> wx = library.writableExecutablePages();
            if (!wx.isEmpty()) {
                problems.add("writable+executable pages: " + wx);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Protection audit after " + context.getDisplayName() + " failed: "
                    + String.join("; ", problems));
        }
    }
}
