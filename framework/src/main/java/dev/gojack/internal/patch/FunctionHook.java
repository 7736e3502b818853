package dev.gojack.internal.patch;

import dev.gojack.internal.arch.EntryJumpPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * GoJack's permanent hold on one function entry: a dispatch stub ({@code jmp [slot]}) near the library,
 * the 8-byte slot it jumps through, and the stack of patches currently applied to the function. The entry
 * jump leads to the dispatch stub; re-targeting (nesting) is one store into the slot. Kept after the last
 * patch is closed so a re-patch reuses the same stub and padding.
 */
final class FunctionHook {
    final String name;
    final long entry;
    final long slot;
    final long dispatch;
    final List<FunctionPatch> stack = new ArrayList<>();
    EntryJumpPlan plan;
    boolean parked;

    FunctionHook(String name, long entry, long slot, long dispatch) {
        this.name = name;
        this.entry = entry;
        this.slot = slot;
        this.dispatch = dispatch;
    }
}
