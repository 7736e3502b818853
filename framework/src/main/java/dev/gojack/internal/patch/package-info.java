/**
 * The patch engine: {@link dev.gojack.internal.patch.Patcher} owns the loaded libraries, stub memory, hooks and
 * open patches; {@link dev.gojack.internal.patch.Checks} runs every check before a write, in order;
 * {@link dev.gojack.internal.patch.MemoryWriter} is the only class that changes code bytes;
 * {@link dev.gojack.internal.patch.RestorePolicy} is how several things are restored at once.
 */
package dev.gojack.internal.patch;
