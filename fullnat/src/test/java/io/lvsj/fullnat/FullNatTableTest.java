package io.lvsj.fullnat;

import io.lvsj.ipvs.AddressFamily;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lvsj.fullnat.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FullNatTableTest {

    @Test
    void localAddressesKeepTheirOrderAndRefuseDuplicates() {
        FullNatTable t = FullNatTable.empty().withLocalAddress(WEB, LIP2).withLocalAddress(WEB, LIP1);
        assertEquals(List.of(LIP2, LIP1), t.service(WEB).orElseThrow().localAddresses());
        FullNatException e = assertThrows(FullNatException.class, () -> t.withLocalAddress(WEB, LIP1));
        assertEquals("local address 198.51.100.11 already exists on service TCP 203.0.113.10:80", e.getMessage());
    }

    @Test
    void removingWhatIsNotThereSaysSo() {
        FullNatException e = assertThrows(FullNatException.class,
                () -> FullNatTable.empty().withoutLocalAddress(WEB, LIP1));
        assertEquals("no local address 198.51.100.11 on service TCP 203.0.113.10:80", e.getMessage());
    }

    @Test
    void aServiceWithNothingLeftIsDropped() {
        FullNatTable t = FullNatTable.empty().withLocalAddress(WEB, LIP1).withRealServer(WEB, RS1);
        assertTrue(t.isFullNat(WEB, RS1));
        FullNatTable gone = t.withoutLocalAddress(WEB, LIP1).withoutRealServer(WEB, RS1);
        assertTrue(gone.isEmpty());
        assertFalse(gone.isFullNat(WEB, RS1));
    }

    @Test
    void familiesMustMatch() {
        FullNatException e = assertThrows(FullNatException.class, () -> FullNatTable.empty().withLocalAddress(WEB, LIP6));
        assertEquals("local address 2001:db8:1::11 is not of the address family of service TCP 203.0.113.10:80",
                e.getMessage());
        assertThrows(FullNatException.class, () -> FullNatTable.empty().withRealServer(WEB6, RS1));
    }

    @Test
    void splitsByFamily() {
        FullNatTable t = twoServices().withLocalAddress(WEB6, LIP6).withRealServer(WEB6, RS6);
        assertEquals(List.of(WEB, DNS), List.copyOf(t.only(AddressFamily.INET).services().keySet()));
        assertEquals(List.of(WEB6), List.copyOf(t.only(AddressFamily.INET6).services().keySet()));
    }
}
