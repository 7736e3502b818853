package dev.gojack.internal.runtime;

import dev.gojack.GoBinary;
import dev.gojack.GoFunction;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.amd64.Amd64RuntimeClockCode;
import dev.gojack.internal.nat.RawAtomics;
import dev.gojack.internal.patch.MemoryWriter;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Wakes the Go scheduler after the clock moved, so that timers now due fire at once instead of at their
 * original real deadline (with every P idle one M sleeps in {@code epoll_wait} until the next timer, and on
 * Linux nothing else wakes it; go-internals §10). It writes to the runtime's own wake-up descriptor:
 * {@code runtime.netpollBreakWr} (a pipe, one byte) or {@code runtime.netpollEventFd} (an eventfd, an 8-byte
 * 1), whichever the library has; in a stripped library both the variable and the length are decoded from
 * {@code runtime.netpollBreak}.
 *
 * <p>Unlike the runtime's own {@code netpollBreak} it does not set {@code runtime.netpollWakeSig} first: a Java
 * thread stopped by a safepoint between setting that flag and writing would make the runtime skip its own
 * wake-ups until the thread resumes. A bare write has no such window; a wake-up that finds the flag clear is
 * only a spurious one for the runtime (a blocking poll reads the descriptor and clears the flag; a
 * non-blocking poll leaves it readable for the next blocking one).
 */
final class NetpollWaker {
    private static final long SYS_WRITE = 1;
    private static final Runtime RUNTIME = Runtime.getRuntime(RuntimeLibC.LIBC);

    private final Path library;
    private final long descriptorVariable;
    private final int length;
    private final long initedVariable;
    private final Pointer one;
    private long checkedDescriptor = -1;

    private NetpollWaker(Path library, long descriptorVariable, int length, long initedVariable) {
        this.library = library;
        this.descriptorVariable = descriptorVariable;
        this.length = length;
        this.initedVariable = initedVariable;
        this.one = Memory.allocateDirect(RUNTIME, 8, true);
        one.putLong(0, 1);
    }

    /**
     * Finds the descriptor variable and checks the named symbols agree with the code of netpollBreak.
     *
     * @throws dev.gojack.PatchRefusedException when neither is found, or they disagree
     */
    static NetpollWaker locate(GoBinary binary, long loadBase) {
        Path library = binary.path();
        Optional<GoFunction> netpollBreak = binary.findFunction("runtime.netpollBreak");
        Optional<GoFunction> write = binary.findFunction("runtime.write");
        Amd64RuntimeClockCode.WakeWrite decoded = netpollBreak.isEmpty() || write.isEmpty() ? null
                : Amd64RuntimeClockCode.netpollBreakWrite(MemoryWriter.read(loadBase + netpollBreak.get().fileAddress(),
                        (int) netpollBreak.get().size()), loadBase + netpollBreak.get().fileAddress(),
                        loadBase + write.get().fileAddress());
        Optional<Long> eventFd = binary.findVariable("runtime.netpollEventFd").map(v -> loadBase + v.fileAddress());
        Optional<Long> pipe = binary.findVariable("runtime.netpollBreakWr").map(v -> loadBase + v.fileAddress());
        long variable;
        int length;
        if (eventFd.isPresent() || pipe.isPresent()) {
            variable = eventFd.orElseGet(pipe::get);
            length = eventFd.isPresent() ? 8 : 1;
            if (decoded != null && (decoded.descriptorVariable() != variable || decoded.length() != length)) {
                throw refused(library, "runtime.netpollBreak writes " + decoded.length() + " byte(s) to the descriptor"
                        + " at 0x" + Long.toHexString(decoded.descriptorVariable()) + ", but the symbol table names "
                        + (eventFd.isPresent() ? "runtime.netpollEventFd" : "runtime.netpollBreakWr") + " at 0x"
                        + Long.toHexString(variable));
            }
        } else if (decoded != null) {
            variable = decoded.descriptorVariable();
            length = decoded.length();
        } else {
            throw refused(library, "neither runtime.netpollEventFd nor runtime.netpollBreakWr is named, and the code "
                    + "of runtime.netpollBreak does not show its wake-up write, so GoJack cannot wake the scheduler "
                    + "after an advance");
        }
        long inited = binary.findVariable("runtime.netpollInited").map(v -> loadBase + v.fileAddress()).orElse(0L);
        return new NetpollWaker(library, variable, length, inited);
    }

    private static dev.gojack.PatchRefusedException refused(Path library, String why) {
        return Problems.refused("time.Now (FakeClockOption.FIRES_TIMERS)", library, why + ". Nothing was changed.");
    }

    /**
     * Checks the descriptor is the runtime's pipe or eventfd (when it exists yet).
     *
     * @throws dev.gojack.PatchRefusedException when it is something else
     */
    synchronized void check() {
        long fd = descriptor();
        if (fd > 0) {
            verify(fd);
        }
    }

    /** Wakes the scheduler; does nothing while the runtime has no netpoller yet (then no timer exists). */
    synchronized void wake() {
        if (initedVariable != 0 && (int) RawAtomics.load(initedVariable) == 0) {
            return;
        }
        long fd = descriptor();
        if (fd <= 0) {
            return; // 0 means not created yet (it would be stdin)
        }
        verify(fd);
        // EAGAIN (a full pipe, already readable) is as good as success: the poller is awake either way.
        RuntimeLibC.LIBC.syscall(SYS_WRITE, fd, one.address(), length);
    }

    private long descriptor() {
        long value = RawAtomics.load(descriptorVariable);
        return value > Integer.MAX_VALUE ? -1 : value;
    }

    private void verify(long fd) {
        if (fd == checkedDescriptor) {
            return;
        }
        String expected = length == 8 ? "anon_inode:[eventfd]" : "pipe:";
        String target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            target = "unreadable (" + e.getMessage() + ")";
        }
        if (!target.startsWith(expected)) {
            throw refused(library, "the runtime's wake-up descriptor " + fd + " is " + target + ", not "
                    + (length == 8 ? "an eventfd" : "a pipe") + " as runtime.netpollBreak expects");
        }
        checkedDescriptor = fd;
    }
}
