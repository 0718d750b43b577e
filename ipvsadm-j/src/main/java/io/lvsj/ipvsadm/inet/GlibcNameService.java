package io.lvsj.ipvsadm.inet;

import io.lvsj.sys.GlibcResolver;

/**
 * {@link NameService} through the C library itself ({@link GlibcResolver}), so lookups follow
 * {@code nsswitch.conf} exactly as ipvsadm's do. Our strings hold one byte per char (see
 * {@code Main}); the C library gets those bytes back.
 */
public final class GlibcNameService implements NameService {
    @Override
    public byte[] hostAddress(String name) {
        return GlibcResolver.hostAddress(name);
    }

    @Override
    public String hostName(byte[] address) {
        return GlibcResolver.hostName(address);
    }

    @Override
    public int servicePort(String name, int protocol) {
        String proto = NameService.protocolName(protocol);
        return proto == null ? -1 : GlibcResolver.servicePort(name, proto);
    }

    @Override
    public String serviceName(int port, int protocol) {
        String proto = NameService.protocolName(protocol);
        return proto == null ? null : GlibcResolver.serviceName(port, proto);
    }
}
