package io.lvsj.keepalived.vrrp.firewall;

import io.lvsj.nft.NftClient;

import java.util.List;

/**
 * What {@link VrrpFirewall} needs from nftables: {@code nft -f} for the tables, chains, sets
 * and rules it makes once, netlink for the elements it changes on every transition.
 */
public interface NftPort extends AutoCloseable {
    /** Runs an {@code nft -f} script; a failure says what nft said. */
    void script(String script);

    boolean hasTable(NftClient.Family family, String table);

    void deleteTable(NftClient.Family family, String table);

    void addElements(NftClient.Family family, String table, String set, List<NftClient.Element> elements,
                     boolean exclusive);

    void deleteElements(NftClient.Family family, String table, String set, List<NftClient.Element> elements);

    @Override
    void close();
}
