package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Checker;
import io.lvsj.keepalived.config.Forwarding;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.SslContext;
import io.lvsj.keepalived.config.VirtualServer;
import io.lvsj.keepalived.config.VirtualServerGroup;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the checker side of the configuration gathers while it is read: keepalived's {@code check_data}. */
final class CheckData {
    SslContext ssl;
    final List<GroupDraft> groups = new ArrayList<>();
    final List<VsDraft> servers = new ArrayList<>();
    /** keepalived-j's FullNAT extension: {@code local_address_group} blocks, as read. */
    final List<io.lvsj.keepalived.config.LocalAddressGroup> localAddressGroups = new ArrayList<>();

    static final class GroupDraft {
        final Location location;
        final String name;
        final List<VirtualServerGroup.Entry> entries = new ArrayList<>();
        boolean haveIpv4;
        boolean haveIpv6;
        boolean fwmarkNoFamily;

        GroupDraft(Location location, String name) {
            this.location = location;
            this.name = name;
        }

        boolean hasAddresses() {
            return entries.stream().anyMatch(e -> e instanceof VirtualServerGroup.AddressRange);
        }

        boolean hasFwmarks() {
            return entries.stream().anyMatch(e -> e instanceof VirtualServerGroup.Fwmark);
        }
    }

    /** {@code virtual_server} being read; null fields are unset. Times in microseconds. */
    static final class VsDraft {
        final Location location;
        final VirtualServer.Key key;
        Integer family; // 4, 6 or null
        GroupDraft group;
        VirtualServer.Protocol protocol;
        String scheduler;
        final Set<VirtualServer.Flag> flags = EnumSet.noneOf(VirtualServer.Flag.class);
        Forwarding forwarding; // null = not set
        Long persistenceTimeout;
        String granularity;
        String engine;
        long delayLoop = 60 * Numbers.TIMER_HZ;
        long connectTimeout = 5 * Numbers.TIMER_HZ;
        Long retry;
        Long delayBeforeRetry;
        Long warmup;
        boolean inhibit;
        boolean alpha;
        boolean omega;
        long quorum = 1;
        long hysteresis;
        Script quorumUp;
        Script quorumDown;
        ServerDraft sorry;
        boolean haSuspend;
        String virtualhost;
        Boolean smtpAlert;
        String snmpName;
        long weight = 1;
        /** keepalived-j's drain_on_reload, in seconds. */
        Long drainOnReload;
        /** vip_bind_dev (Alibaba's and DPVS's keyword) and where it was written. */
        String vipBindDev;
        Location vipBindDevAt;
        /** keepalived-j's FullNAT extension: laddr_group_name, and where it was written. */
        String laddrGroup;
        Location laddrLocation;
        /** Room for one: most have few, and 100,000 lists of ten would be 4 MB of empty slots. */
        final List<ServerDraft> realServers = new ArrayList<>(1);

        VsDraft(Location location, VirtualServer.Key key) {
            this.location = location;
            this.key = key;
        }
    }

    /** A real server or the sorry server. */
    static final class ServerDraft {
        final Location location;
        final InetAddress address;
        int port;
        Long weight;
        Forwarding forwarding;
        long upperThreshold;
        long lowerThreshold;
        Boolean inhibit;
        Boolean alpha;
        Script notifyUp;
        Script notifyDown;
        Long retry;
        Long delayBeforeRetry;
        Long warmup;
        Long connectTimeout;
        Long delayLoop;
        Boolean smtpAlert;
        String virtualhost;
        String snmpName;
        final List<CheckerDraft> checkers = new ArrayList<>(1);

        ServerDraft(Location location, InetAddress address, int port) {
            this.location = location;
            this.address = address;
            this.port = port;
        }
    }

    /** A checker block being read; which fields matter depends on {@code kind}. */
    static final class CheckerDraft {
        enum Kind { TCP, HTTP, SSL, MISC, SMTP, DNS, UDP, PING, FILE, BFD }

        final Location location;
        final Kind kind;
        // connection
        InetAddress address;
        boolean addressSet;
        Integer port;
        InetAddress bindTo;
        Integer bindPort;
        String bindInterface;
        Long connectTimeout;
        Long fwmark;
        // timing
        Long retry;
        Long delayBeforeRetry;
        Long warmup;
        Long delayLoop;
        Boolean alpha;
        boolean logAllFailures;
        long defaultRetry = 1;
        long defaultDelayBeforeRetry = Numbers.TIMER_HZ;
        // HTTP/SSL
        Checker.HttpProtocol httpProtocol = Checker.HttpProtocol.HTTP_1_0;
        String virtualhost;
        boolean enableSni;
        boolean fastRecovery;
        final List<Checker.Url> urls = new ArrayList<>();
        UrlDraft url;
        // MISC
        List<String> command;
        String user;
        String group;
        boolean userSet;
        long miscTimeout;
        boolean dynamic;
        // SMTP
        String helo;
        // DNS
        String dnsType = "SOA";
        String dnsName;
        // UDP
        byte[] payload;
        boolean requireReply;
        byte[] reply;
        byte[] replyMask;
        long minReply;
        long maxReply = 255;
        // FILE
        String trackFile;
        Integer fileWeight;
        boolean fileReverse;
        // BFD
        String bfd;

        CheckerDraft(Location location, Kind kind) {
            this.location = location;
            this.kind = kind;
        }
    }

    /** A {@code url} block being read. */
    static final class UrlDraft {
        String path;
        String digest;
        final List<Checker.StatusRange> status = new ArrayList<>();
        String virtualhost;
        String regex;
        boolean regexNoMatch;
        final List<String> regexOptions = new ArrayList<>();
        long minOffset;
        long maxOffset;
        Checker.StackSize stack;
    }
}
