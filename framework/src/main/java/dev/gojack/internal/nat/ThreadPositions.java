package dev.gojack.internal.nat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the threads of this process are, as far as Linux tells another thread of the same process:
 * {@code /proc/self/task} lists them, and {@code /proc/self/task/<tid>/syscall} gives the user-mode program
 * counter of a thread that is off the CPU because it blocked (in a system call, a page fault, a stop) — and
 * only "running" for one that is on a CPU or waiting for one. A thread may read its own threads' files: same
 * thread group, so no ptrace permission is involved.
 */
public final class ThreadPositions {
    /** A blocked thread's program counter; {@link #RUNNING} and {@link #GONE} are not addresses. */
    public static final long RUNNING = -1;
    public static final long GONE = -2;
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadPositions() {
    }

    /** The kernel ids of every thread of this process now. */
    public static List<Integer> threads() {
        List<Integer> ids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(TASKS)) {
            for (Path p : dir) {
                ids.add(Integer.parseInt(p.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot list " + TASKS + ": " + e, e);
        }
        return ids;
    }

    /**
     * The user-mode program counter of thread {@code tid} if it is blocked, {@link #RUNNING} if it is running
     * or runnable (or the kernel would not say), {@link #GONE} if it has exited.
     */
    public static long position(int tid) {
        String text;
        try {
            text = Files.readString(TASKS.resolve(Integer.toString(tid)).resolve("syscall")).trim();
        } catch (NoSuchFileException e) {
            return GONE;
        } catch (IOException e) {
            return Files.exists(TASKS.resolve(Integer.toString(tid))) ? RUNNING : GONE;
        }
        // "running", or "<nr> <6 arguments> <sp> <pc>", or "-1 <sp> <pc>" when blocked outside a system call.
        int last = text.lastIndexOf(' ');
        if (text.startsWith("running") || last < 0 || !text.startsWith("0x", last + 1)) {
            return RUNNING;
        }
        try {
            return Long.parseUnsignedLong(text, last + 3, text.length(), 16);
        } catch (NumberFormatException e) {
            return RUNNING;
        }
    }
}
