package io.lvsj.ipvs;

/**
 * What {@code IPVS_CMD_GET_INFO} reports.
 *
 * @param version             {@code 0x010201} for IPVS 1.2.1
 * @param connectionTableSize buckets in the connection hash table
 */
public record IpvsInfo(int version, int connectionTableSize) {

    /** "1.2.1". */
    public String versionText() {
        return ((version >> 16) & 0xff) + "." + ((version >> 8) & 0xff) + "." + (version & 0xff);
    }
}
