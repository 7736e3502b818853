/** Interface values and type swaps ("Morph"): reading a variable's type word, GC-safety checks, the swap. */
package dev.gojack.internal.morph;
