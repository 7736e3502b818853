package dev.gojack.internal.nat;

import dev.gojack.internal.Problems;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.byref.PointerByReference;

import java.nio.file.Path;

/**
 * The only place GoJack calls native code: dynamic loading, memory mapping and protection, the cross-core
 * serialisation barrier, and raw memory access. Linux only.
 */
public final class Native {
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    private static final int RTLD_NOW = 2;
    private static final int RTLD_NOLOAD = 4;
    private static final int RTLD_DI_LINKMAP = 2;
    private static final int MAP_SHARED = 0x01;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_FIXED = 0x10;
    private static final int MAP_FIXED_NOREPLACE = 0x100000;
    private static final long MAP_FAILED = -1;
    private static final int MFD_CLOEXEC = 1;
    private static final Syscalls SYS = Syscalls.forHost(dev.gojack.internal.arch.Architectures.hostGoArch());
    private static final long SYS_MMAP = SYS.mmap();
    private static final long SYS_MPROTECT = SYS.mprotect();
    private static final long SYS_MUNMAP = SYS.munmap();
    private static final long SYS_CLOSE = SYS.close();
    private static final long SYS_FTRUNCATE = SYS.ftruncate();
    private static final long SYS_MEMFD_CREATE = SYS.memfdCreate();
    private static final long SYS_MEMBARRIER = SYS.membarrier();
    private static final long SYS_GETPID = SYS.getpid();
    private static final long SYS_GETTID = SYS.gettid();
    private static final long SYS_PROCESS_VM_READV = SYS.processVmReadv();
    private static final int MEMBARRIER_CMD_QUERY = 0;
    private static final int MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE = 32;
    private static final int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE = 64;

    private static final LibC LIBC = LibraryLoader.create(LibC.class).failImmediately().load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    private static final int PAGE_SIZE = LIBC.getpagesize();
    private static final boolean SYNC_CORE = registerSyncCore();
    private static final long PID = syscall(SYS_GETPID, 0, 0, 0, 0, 0, 0);

    private Native() {
    }

    public static int pageSize() {
        return PAGE_SIZE;
    }

    /** True when the kernel gives every thread of the process a core-serialising event on request. */
    public static boolean hasSyncCoreBarrier() {
        return SYNC_CORE;
    }

    private static long syscall(long number, long a, long b, long c, long d, long e, long f) {
        if (d == 0 && e == 0 && f == 0) {
            return LIBC.syscall(number, a, b, c);
        }
        return LIBC.syscall(number, a, b, c, d, e, f);
    }

    private static boolean registerSyncCore() {
        long supported = syscall(SYS_MEMBARRIER, MEMBARRIER_CMD_QUERY, 0, 0, 0, 0, 0);
        if (supported < 0 || (supported & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE) == 0) {
            return false;
        }
        return syscall(SYS_MEMBARRIER, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0, 0, 0, 0) == 0;
    }

    /**
     * Makes every running thread of the process execute a core-serialising instruction before it runs more
     * code, as the Intel SDM requires after cross-modifying code. A no-op where the kernel lacks it.
     */
    public static void serialiseAllCores() {
        if (SYNC_CORE) {
            syscall(SYS_MEMBARRIER, MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0, 0, 0, 0);
        }
    }

    /** Load base of the already loaded library at {@code path} (the dynamic linker's {@code l_addr}). */
    public static long loadBase(Path path) {
        Pointer handle = LIBC.dlopen(path.toString(), RTLD_NOW | RTLD_NOLOAD);
        if (handle == null) {
            throw Problems.systemCallFailed("dlopen(RTLD_NOLOAD)", LIBC.dlerror());
        }
        try {
            PointerByReference linkMap = new PointerByReference();
            if (LIBC.dlinfo(handle, RTLD_DI_LINKMAP, linkMap) != 0) {
                throw Problems.systemCallFailed("dlinfo(RTLD_DI_LINKMAP)", LIBC.dlerror());
            }
            return linkMap.getValue().getLong(0);
        } finally {
            LIBC.dlclose(handle);
        }
    }

    /** Address of the dynamic symbol {@code name} in the loaded library at {@code path}, or 0. */
    public static long dynamicSymbol(Path path, String name) {
        Pointer handle = LIBC.dlopen(path.toString(), RTLD_NOW | RTLD_NOLOAD);
        if (handle == null) {
            return 0;
        }
        try {
            Pointer p = LIBC.dlsym(handle, name);
            return p == null ? 0 : p.address();
        } finally {
            LIBC.dlclose(handle);
        }
    }

    public static void protect(long address, long length, int protection) {
        if (syscall(SYS_MPROTECT, address, length, protection, 0, 0, 0) != 0) {
            throw Problems.systemCallFailed("mprotect(0x" + Long.toHexString(address) + ", " + length + ", "
                    + protection + ")", "errno " + RUNTIME.getLastError());
        }
    }

    /** Anonymous private read-write memory at exactly {@code hint}, or 0 if that range is taken. */
    public static long mapAnonymousAt(long hint, long length) {
        long a = syscall(SYS_MMAP, hint, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        return checkedFixed(a, hint, length);
    }

    /** A shared memory file of {@code length} bytes (its descriptor), for double mappings. */
    public static int memoryFile(String name, long length) {
        int fd = (int) memfdCreate(name);
        if (fd < 0) {
            throw Problems.systemCallFailed("memfd_create", "errno " + RUNTIME.getLastError());
        }
        if (syscall(SYS_FTRUNCATE, fd, length, 0, 0, 0, 0) != 0) {
            closeFile(fd);
            throw Problems.systemCallFailed("ftruncate", "errno " + RUNTIME.getLastError());
        }
        return fd;
    }

    /** Maps {@code fd} at exactly {@code hint} (0 = anywhere) with {@code protection}; 0 if the range is taken. */
    public static long mapFile(int fd, long hint, long length, int protection) {
        int flags = MAP_SHARED | (hint != 0 ? MAP_FIXED_NOREPLACE : 0);
        long a = syscall(SYS_MMAP, hint, length, protection, flags, fd, 0);
        return hint == 0 ? (a < 0 && a > -4096 ? 0 : a) : checkedFixed(a, hint, length);
    }

    /**
     * Maps {@code fd} shared with {@code protection} over {@code length} bytes at {@code address}, replacing what is
     * mapped there in one system call: the kernel holds the address space's lock for writing throughout, so a
     * thread that touches the range meanwhile waits in its page fault and then sees the new mapping, never a hole.
     *
     * @throws dev.gojack.ProcessMemoryException if the kernel refuses (then the old mapping is unchanged)
     */
    public static void mapFileOver(int fd, long address, long length, int protection) {
        long a = syscall(SYS_MMAP, address, length, protection, MAP_SHARED | MAP_FIXED, fd, 0);
        if (a != address) {
            throw Problems.systemCallFailed("mmap(0x" + Long.toHexString(address) + ", " + length + ", " + protection
                    + ", MAP_SHARED | MAP_FIXED)", "errno " + RUNTIME.getLastError());
        }
    }

    private static final com.kenai.jffi.CallContext VOID_NO_ARGUMENTS = com.kenai.jffi.CallContext.getCallContext(
            com.kenai.jffi.Type.VOID, new com.kenai.jffi.Type[0], com.kenai.jffi.CallingConvention.DEFAULT, false);

    /** Calls the C function at {@code function}, which takes no arguments and returns nothing (GoJack's own code). */
    public static void callVoid(long function) {
        com.kenai.jffi.Invoker.getInstance().invokeN0(VOID_NO_ARGUMENTS, function);
    }

    public static void closeFile(int fd) {
        syscall(SYS_CLOSE, fd, 0, 0, 0, 0, 0);
    }

    private static long memfdCreate(String name) {
        byte[] utf8 = (name + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Pointer buffer = RUNTIME.getMemoryManager().allocateDirect(utf8.length);
        buffer.put(0, utf8, 0, utf8.length);
        return syscall(SYS_MEMFD_CREATE, buffer.address(), MFD_CLOEXEC, 0, 0, 0, 0);
    }

    private static long checkedFixed(long a, long hint, long length) {
        if (a < 0 && a > -4096 || a == 0) {
            return 0;
        }
        if (a != hint) {
            // Kernels before 4.17 ignore MAP_FIXED_NOREPLACE and treat the address as a hint.
            unmap(a, length);
            return 0;
        }
        return a;
    }

    public static void unmap(long address, long length) {
        syscall(SYS_MUNMAP, address, length, 0, 0, 0, 0);
    }

    /** The process id. */
    public static int processId() {
        return (int) syscall(SYS_GETPID, 0, 0, 0, 0, 0, 0);
    }

    /** The kernel's id of the calling thread (what {@code /proc/self/task} lists). */
    public static int threadId() {
        return (int) syscall(SYS_GETTID, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Copies {@code length} bytes from {@code address} of this process to the native buffer {@code into} with
     * {@code process_vm_readv}, which the kernel checks page by page: an unmapped or unreadable source makes it
     * fail (EFAULT) instead of raising SIGSEGV. Returns the number of bytes copied (fewer when the source stops
     * being readable part-way), or -errno when nothing could be copied.
     */
    public static long readChecked(long address, long into, long length) {
        Pointer iov = RUNTIME.getMemoryManager().allocateDirect(32);
        iov.putLong(0, into);
        iov.putLong(8, length);
        iov.putLong(16, address);
        iov.putLong(24, length);
        long copied = LIBC.syscall(SYS_PROCESS_VM_READV, PID, iov.address(), 1, iov.address() + 16, 1, 0);
        return copied < 0 ? -RUNTIME.getLastError() : copied;
    }

    /** Native memory that the Java garbage collector frees once the returned pointer is unreachable. */
    public static Pointer allocate(long length) {
        return RUNTIME.getMemoryManager().allocateDirect(Math.toIntExact(length));
    }

    /** Shared read-write memory backed by a memory file named {@code name} (visible in /proc/self/maps), anywhere; 0 if mmap fails. */
    public static long mapSharedMemory(String name, long length) {
        int fd;
        try {
            fd = memoryFile(name, length);
        } catch (dev.gojack.ProcessMemoryException e) {
            return 0;
        }
        try {
            return mapFile(fd, 0, length, PROT_READ | PROT_WRITE);
        } finally {
            closeFile(fd);
        }
    }

    /** errno of the calling thread's last failed native call. */
    public static int lastError() {
        return RUNTIME.getLastError();
    }

    /** A view of raw process memory at {@code address}. */
    public static Pointer memory(long address) {
        return Pointer.wrap(RUNTIME, address);
    }
}
