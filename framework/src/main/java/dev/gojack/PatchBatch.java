package dev.gojack;

import java.util.List;

/**
 * The patches one {@link GoLibrary#batch} call made, applied together and restored together: one protection
 * change per run of code pages and one cross-core serialising barrier for the whole set, where patching them one
 * by one pays that for each patch.
 *
 * <p>Closing the batch restores every patch of it still open, again as one batch. Each patch also stays
 * closable on its own ({@link #patches()}); closing one restores just that patch, as if it had been made alone.
 */
public interface PatchBatch extends Patch {
    /** The patches the batch made and left open, in the order they were made. */
    List<Patch> patches();
}
