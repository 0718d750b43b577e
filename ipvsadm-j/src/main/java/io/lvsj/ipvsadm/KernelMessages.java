package io.lvsj.ipvsadm;

import io.lvsj.ipvsadm.cli.KernelCall;
import io.lvsj.sys.Errno;

import static io.lvsj.ipvsadm.cli.KernelCall.*;

/**
 * What ipvsadm prints for a kernel error ({@code ipvs_strerror}): a text chosen by the call and
 * the errno, then a text for the errno alone, then the C library's {@code strerror}.
 */
public final class KernelMessages {
    private KernelMessages() {
    }

    public static String describe(KernelCall call, int errno) {
        String specific = specific(call, Errno.of(errno));
        if (specific != null) {
            return specific;
        }
        Errno e = Errno.of(errno);
        if (e != null) {
            switch (e) {
                case EPERM:
                    return "Permission denied (you must be root)";
                case EINVAL:
                    return "Invalid operation.  Possibly wrong module version, address not unicast, ...";
                case ENOPROTOOPT:
                    return "Protocol not available";
                case ENOMEM:
                    return "Memory allocation problem";
                case EOPNOTSUPP:
                    return "Operation not supported with IPv6";
                case EAFNOSUPPORT:
                    return "Operation not supported with specified address family";
                case EMSGSIZE:
                    return "Module is wrong version";
                default:
                    break;
            }
        }
        return Errno.describe(errno);
    }

    private static String specific(KernelCall call, Errno errno) {
        if (errno == null) {
            return null;
        }
        return switch (errno) {
            case EEXIST -> switch (call) {
                case ADD_SERVICE -> "Service already exists";
                case ADD_DEST -> "Destination already exists";
                case START_DAEMON -> "Daemon has already run";
                default -> null;
            };
            case ENOENT -> switch (call) {
                case ADD_SERVICE, UPDATE_SERVICE -> "Scheduler or persistence engine not found";
                case UPDATE_DEST, DEL_DEST -> "No such destination";
                default -> null;
            };
            case ESRCH -> switch (call) {
                case UPDATE_SERVICE, DEL_SERVICE, ZERO_SERVICE, GET_SERVICES, GET_DESTS, GET_SERVICE -> "No such service";
                case ADD_DEST, UPDATE_DEST, DEL_DEST -> "Service not defined";
                case STOP_DAEMON -> "No daemon is running";
                default -> null;
            };
            default -> null;
        };
    }
}
