package io.lvsj.ipvs;

import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;

/**
 * The kernel has no IPVS: no {@code ip_vs} module loaded and none it could load. Carries
 * ENOPROTOOPT, the errno ipvsadm reports in the same situation ("Protocol not available").
 */
public final class IpvsUnavailableException extends NetlinkException {
    public IpvsUnavailableException(Throwable cause) {
        super("open IPVS", Errno.ENOPROTOOPT.number(),
                "this kernel has no IP Virtual Server (generic netlink family \"IPVS\" not found);"
                        + " load the ip_vs module or use a kernel built with CONFIG_IP_VS", cause);
    }
}
