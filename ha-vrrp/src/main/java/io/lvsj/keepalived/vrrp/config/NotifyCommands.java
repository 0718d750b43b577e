package io.lvsj.keepalived.vrrp.config;

import io.lvsj.keepalived.script.RunAs;

import java.util.List;

/**
 * The notify scripts of an instance or sync group, each a command line already split into
 * words the way keepalived splits them, with the account it runs as. {@code null} when not
 * configured.
 */
public record NotifyCommands(NotifyCommand master, NotifyCommand backup, NotifyCommand fault, NotifyCommand stop,
                             NotifyCommand any, NotifyCommand masterRxLowerPri, NotifyCommand deleted) {
    public static final NotifyCommands NONE = new NotifyCommands(null, null, null, null, null, null, null);

    /**
     * One notify script: {@code notify_master SCRIPT [USER [GROUP]]}; with no user of its own it
     * runs as {@code script_user}.
     */
    public record NotifyCommand(List<String> argv, RunAs runAs) {
        public NotifyCommand {
            argv = List.copyOf(argv);
            runAs = runAs == null ? RunAs.DEFAULT : runAs;
        }

        static NotifyCommand of(List<String> argv) {
            return argv == null ? null : new NotifyCommand(argv, RunAs.DEFAULT);
        }
    }

    /** Scripts that run as script_user (tests); without a {@code notify_deleted} script. */
    public NotifyCommands(List<String> master, List<String> backup, List<String> fault, List<String> stop,
                          List<String> any, List<String> masterRxLowerPri) {
        this(NotifyCommand.of(master), NotifyCommand.of(backup), NotifyCommand.of(fault), NotifyCommand.of(stop),
                NotifyCommand.of(any), NotifyCommand.of(masterRxLowerPri), null);
    }
}
