package io.lvsj.keepalived.vrrp;

/**
 * The states of a VRRP instance or sync group, with keepalived's numbers (its JSON dump and
 * SNMP use them). STOP and DELETED only exist for notifications.
 */
public enum VrrpState {
    INIT(0),
    BACKUP(1),
    MASTER(2),
    FAULT(3),
    DELETED(97),
    STOP(98);

    private final int number;

    VrrpState(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
