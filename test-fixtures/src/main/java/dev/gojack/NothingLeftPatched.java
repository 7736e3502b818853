package dev.gojack;

import java.util.List;

/**
 * The check every patching test class runs after each test: the library has no open patch and no page that is
 * writable and executable. Each class then checks, in its own terms, that its fixture functions behave as
 * built again.
 */
public final class NothingLeftPatched {
    private NothingLeftPatched() {
    }

    /**
     * Fails with the open patches (and where they were created) or the writable executable pages listed.
     *
     * @throws AssertionError when a patch is still open or a page of {@code library} is writable and executable
     */
    public static void assertNothingLeftPatched(GoLibrary library) {
        List<Patch> open = library.openPatches();
        if (!open.isEmpty()) {
            throw new AssertionError(open.size() + " patch(es) still open on " + library.path() + ": " + open);
        }
        List<String> pages = library.writableExecutablePages();
        if (!pages.isEmpty()) {
            throw new AssertionError("pages of " + library.path() + " left writable and executable: " + pages);
        }
    }
}
