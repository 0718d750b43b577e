package io.lvsj.proc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The process connector's messages, without I/O: the subscription request and the events in
 * a datagram. A datagram is netlink messages (16-byte header) each carrying a {@code cn_msg}
 * (20-byte header) with a {@code proc_event}: what (u32), cpu (u32), timestamp (u64), then
 * the event's fields.
 */
public final class ProcessEventCodec {
    static final int CN_IDX_PROC = 1;
    static final int CN_VAL_PROC = 1;
    private static final int NLMSG_DONE = 3;
    private static final int NLMSG_HEADER = 16;
    private static final int CN_MSG_HEADER = 20;
    private static final int EVENT_DATA = 16;
    private static final int PROC_EVENT_NONE = 0;
    private static final int PROC_EVENT_FORK = 1;
    private static final int PROC_EVENT_EXEC = 2;
    private static final int PROC_EVENT_COMM = 0x200;
    private static final int PROC_EVENT_EXIT = 0x80000000;

    private ProcessEventCodec() {
    }

    /** PROC_CN_MCAST_LISTEN (1) or PROC_CN_MCAST_IGNORE (2), as a netlink message from port {@code portId}. */
    public static ByteBuffer subscription(boolean listen, int portId) {
        int length = NLMSG_HEADER + CN_MSG_HEADER + 4;
        ByteBuffer b = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder()); // sent by a system call
        b.putInt(length).putShort((short) NLMSG_DONE).putShort((short) 0).putInt(0).putInt(portId);
        b.putInt(CN_IDX_PROC).putInt(CN_VAL_PROC).putInt(0).putInt(0).putShort((short) 4).putShort((short) 0);
        b.putInt(listen ? 1 : 2);
        return b.flip();
    }

    /** The events of one datagram; messages that are not process events are skipped. */
    public static List<ProcessEvent> decode(ByteBuffer datagram) {
        ByteBuffer d = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<ProcessEvent> events = new ArrayList<>();
        int at = d.position();
        while (d.limit() - at >= NLMSG_HEADER) {
            int length = d.getInt(at);
            if (length < NLMSG_HEADER || at + length > d.limit()) {
                break;
            }
            ProcessEvent e = event(d, at + NLMSG_HEADER, length - NLMSG_HEADER);
            if (e != null) {
                events.add(e);
            }
            at += (length + 3) & ~3;
        }
        return events;
    }

    private static ProcessEvent event(ByteBuffer d, int at, int length) {
        if (length < CN_MSG_HEADER + EVENT_DATA || d.getInt(at) != CN_IDX_PROC || d.getInt(at + 4) != CN_VAL_PROC) {
            return null;
        }
        int e = at + CN_MSG_HEADER;
        int data = e + EVENT_DATA;
        int available = at + length - data;
        int what = d.getInt(e);
        return switch (what) {
            case PROC_EVENT_NONE -> new ProcessEvent.Subscribed();
            case PROC_EVENT_FORK -> available < 16 ? null
                    : new ProcessEvent.Fork(d.getInt(data), d.getInt(data + 4), d.getInt(data + 8), d.getInt(data + 12));
            case PROC_EVENT_EXEC -> available < 8 ? null : new ProcessEvent.Exec(d.getInt(data), d.getInt(data + 4));
            case PROC_EVENT_EXIT -> available < 8 ? null : new ProcessEvent.Exit(d.getInt(data), d.getInt(data + 4));
            case PROC_EVENT_COMM -> available < 24 ? null
                    : new ProcessEvent.Comm(d.getInt(data), d.getInt(data + 4), comm(d, data + 8));
            default -> null;
        };
    }

    private static String comm(ByteBuffer d, int at) {
        byte[] name = new byte[16];
        d.get(at, name);
        int end = 0;
        while (end < 16 && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.UTF_8);
    }
}
