package io.lvsj.keepalived.vrrp.firewall;

import io.lvsj.nft.NftClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link NftPort} over netlink ({@link NftClient}) and the {@code nft} command, both in the
 * network namespace of the thread that opens it (a process started from a thread inherits
 * that thread's namespace).
 */
public final class NftTools implements NftPort {
    private final NftClient client;

    private NftTools(NftClient client) {
        this.client = client;
    }

    /** Opens the netlink side in the calling thread's namespace. */
    public static NftTools open() {
        return new NftTools(NftClient.open(null));
    }

    @Override
    public void script(String script) {
        Process p;
        try {
            p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("nft is not installed or cannot run (" + e.getMessage()
                    + "); install the nftables package", e);
        }
        try {
            try (var in = p.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("nft did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("nft refused the rules: "
                        + output.strip().lines().findFirst().orElse("exit status " + p.exitValue()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot talk to nft: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running nft", e);
        }
    }

    @Override
    public boolean hasTable(NftClient.Family family, String table) {
        return client.hasTable(family, table);
    }

    @Override
    public void deleteTable(NftClient.Family family, String table) {
        client.deleteTable(family, table);
    }

    @Override
    public void addElements(NftClient.Family family, String table, String set, List<NftClient.Element> elements,
                            boolean exclusive) {
        client.addElements(family, table, set, elements, exclusive);
    }

    @Override
    public void deleteElements(NftClient.Family family, String table, String set, List<NftClient.Element> elements) {
        client.deleteElements(family, table, set, elements);
    }

    @Override
    public void close() {
        client.close();
    }
}
