package io.lvsj.proc;

/**
 * What the kernel's process connector ({@code linux/cn_proc.h}) reports about a process or
 * thread. {@code pid} is the thread, {@code tgid} the process it belongs to (equal for a
 * process's main thread).
 */
public sealed interface ProcessEvent {
    /** The kernel's answer to a subscription (PROC_EVENT_NONE). */
    record Subscribed() implements ProcessEvent {
    }

    /** A new process ({@code childPid == childTgid}) or thread. */
    record Fork(int parentPid, int parentTgid, int childPid, int childTgid) implements ProcessEvent {
    }

    /** A process ran a new program. */
    record Exec(int pid, int tgid) implements ProcessEvent {
    }

    /** A process or thread changed its name ({@code prctl(PR_SET_NAME)}). */
    record Comm(int pid, int tgid, String comm) implements ProcessEvent {
    }

    /** A process or thread ended. */
    record Exit(int pid, int tgid) implements ProcessEvent {
    }

    /** Events were lost (the socket's buffer overflowed): what is running must be read again. */
    record Lost() implements ProcessEvent {
    }
}
