package io.lvsj.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The C library's own name lookups ({@code gethostbyname}, {@code gethostbyaddr},
 * {@code getservbyname}, {@code getservbyport}), so that ipvsadm-j's answers follow
 * {@code nsswitch.conf}, {@code /etc/hosts} and {@code /etc/services} exactly as ipvsadm's do.
 * These are library functions, not system calls, so unlike the rest of this package they are
 * linked one handle each (see {@link LibC} for why that costs); each handle is made on first
 * use, and most commands never look a name up.
 *
 * <p>These functions return pointers to static storage: callers must be single-threaded (one
 * command line at a time); every result is copied out before the next call. Strings hold one
 * byte per char (ISO-8859-1), so the C library gets back exactly the bytes it was given.
 */
public final class GlibcResolver {
    // struct hostent and struct servent on 64-bit Linux
    private static final long HOSTENT_NAME = 0;
    private static final long HOSTENT_ADDRTYPE = 16;
    private static final long HOSTENT_LENGTH = 20;
    private static final long HOSTENT_ADDR_LIST = 24;
    private static final long SERVENT_NAME = 0;
    private static final long SERVENT_PORT = 16;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private static final class Functions {
        static final Linker LINKER = Linker.nativeLinker();

        static MethodHandle find(String name, FunctionDescriptor descriptor) {
            MemorySegment symbol = LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name + "()"));
            return LINKER.downcallHandle(symbol, descriptor);
        }
    }

    private static final class GetHostByName {
        static final MethodHandle HANDLE = Functions.find("gethostbyname", FunctionDescriptor.of(ADDRESS, ADDRESS));
    }

    private static final class GetHostByAddr {
        static final MethodHandle HANDLE = Functions.find("gethostbyaddr",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class GetServByName {
        static final MethodHandle HANDLE = Functions.find("getservbyname",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    }

    private static final class GetServByPort {
        static final MethodHandle HANDLE = Functions.find("getservbyport",
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    }

    private GlibcResolver() {
    }

    /** The first IPv4 address of {@code name}, or {@code null}. */
    public static byte[] hostAddress(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = (MemorySegment) GetHostByName.HANDLE.invokeExact(cString(arena, name));
            if (host.equals(MemorySegment.NULL)) {
                return null;
            }
            host = host.reinterpret(32);
            if (host.get(JAVA_INT, HOSTENT_ADDRTYPE) != AF_INET || host.get(JAVA_INT, HOSTENT_LENGTH) != 4) {
                return null;
            }
            MemorySegment list = host.get(ADDRESS, HOSTENT_ADDR_LIST).reinterpret(8);
            MemorySegment first = list.get(ADDRESS, 0);
            if (first.equals(MemorySegment.NULL)) {
                return null;
            }
            return first.reinterpret(4).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The host name of a 4- or 16-byte address, or {@code null}. */
    public static String hostName(byte[] address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(address.length);
            MemorySegment.copy(address, 0, bytes, JAVA_BYTE, 0, address.length);
            MemorySegment host = (MemorySegment) GetHostByAddr.HANDLE.invokeExact(bytes, address.length,
                    address.length == 4 ? AF_INET : AF_INET6);
            if (host.equals(MemorySegment.NULL)) {
                return null;
            }
            return string(host.reinterpret(32).get(ADDRESS, HOSTENT_NAME));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The port of service {@code name} for protocol {@code proto} ("tcp", "udp", "sctp"), or -1. */
    public static int servicePort(String name, String proto) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment service = (MemorySegment) GetServByName.HANDLE.invokeExact(cString(arena, name),
                    cString(arena, proto));
            if (service.equals(MemorySegment.NULL)) {
                return -1;
            }
            return Short.toUnsignedInt(Short.reverseBytes((short) service.reinterpret(32).get(JAVA_INT, SERVENT_PORT)));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The name of service port {@code port} for protocol {@code proto}, or {@code null}. */
    public static String serviceName(int port, String proto) {
        try (Arena arena = Arena.ofConfined()) {
            int networkOrder = Short.toUnsignedInt(Short.reverseBytes((short) port));
            MemorySegment service = (MemorySegment) GetServByPort.HANDLE.invokeExact(networkOrder, cString(arena, proto));
            if (service.equals(MemorySegment.NULL)) {
                return null;
            }
            return string(service.reinterpret(32).get(ADDRESS, SERVENT_NAME));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MemorySegment cString(Arena arena, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        MemorySegment segment = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
        return segment;
    }

    private static String string(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return null;
        }
        return pointer.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.ISO_8859_1);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
