package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.lib.NotifyFifoConfig;
import io.lvsj.keepalived.lib.NotifyFifos;
import io.lvsj.keepalived.lib.SmtpAlerts;
import io.lvsj.keepalived.vrrp.RouterEvent;
import io.lvsj.keepalived.vrrp.VrrpState;
import io.lvsj.keepalived.vrrp.config.NotifyCommands;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * keepalived's notifications ({@code vrrp_notify.c}): for a state change, the state's own
 * script ({@code notify_master} ...) with only its configured arguments, then the generic
 * {@code notify} with {@code INSTANCE|GROUP NAME STATE PRIORITY} appended, then the FIFO line.
 *
 * <p>Everything runs on the notify thread, in the order the VRRP thread asked: starting a
 * process costs a millisecond or more and must never hold up adverts. keepalived forks
 * scripts without waiting, so two quick transitions may run out of order there; here they
 * start in order (and still run concurrently). Before an instance's scripts, the
 * {@link TransitionListener} hears of the new state, on the same thread.
 */
final class Notifier implements AutoCloseable {
    private final ExecutorService thread;
    private final ScriptLauncher launcher;
    private final NotifyFifos fifos;
    private final Logger log;
    private final TransitionListener listener;
    /** The e-mail alerts ({@code smtp_server}...), or null; and the last state each instance and group mailed. */
    private SmtpAlerts mail;
    private boolean noEmailFaults;
    private final Map<String, VrrpState> mailedInstances = new HashMap<>();
    private final Map<String, VrrpState> mailedGroups = new HashMap<>();

    Notifier(ExecutorService thread, ScriptLauncher launcher, NotifyFifos fifos, Logger log,
             TransitionListener listener) {
        this.thread = thread;
        this.launcher = launcher;
        this.fifos = fifos;
        this.log = log;
        this.listener = listener;
    }

    /** Where e-mail alerts go from now on (null: nowhere), and whether FAULT is mailed ({@code no_email_faults}). */
    void mail(SmtpAlerts alerts, boolean noEmailFaults) {
        submit(() -> {
            this.mail = alerts;
            this.noEmailFaults = noEmailFaults;
        });
    }

    void instance(String name, NotifyCommands scripts, VrrpState state, int priority, boolean smtpAlert) {
        submit(() -> listener.entered(name, state));
        submit(() -> {
            NotifyCommands.NotifyCommand own = switch (state) {
                case MASTER -> scripts.master();
                case BACKUP -> scripts.backup();
                case FAULT -> scripts.fault();
                case DELETED -> scripts.deleted();
                case STOP -> scripts.stop();
                default -> null;
            };
            if (own != null) {
                launcher.launch(own.argv(), own.runAs(), state == VrrpState.STOP);
            }
            if (scripts.any() != null) {
                launcher.launch(withArguments(scripts.any().argv(), "INSTANCE", name, state, priority),
                        scripts.any().runAs(), state == VrrpState.STOP);
            }
            fifos.write("INSTANCE \"" + name + "\" " + state + " " + priority + "\n");
            if (mailable(smtpAlert, state, mailedInstances.get(name))) {
                mailedInstances.put(name, state);
                String[] words = InstanceMail.of(state);
                mail.vrrpInstance(name, words[0], words[1]);
            }
        });
    }

    /**
     * Opens the notify FIFOs {@code wanted} names and starts their readers (at a reload: keeps
     * the FIFOs still named and starts their readers again), in turn with the notifications.
     */
    void fifos(List<NotifyFifoConfig> wanted) {
        submit(() -> fifos.configure(wanted));
    }

    /** The instance's state to the FIFO alone (a reload with fifo_write_vrrp_states_on_reload). */
    void fifoInstance(String name, VrrpState state, int priority) {
        submit(() -> fifos.write("INSTANCE \"" + name + "\" " + state + " " + priority + "\n"));
    }

    /** The group's state to the FIFO alone. */
    void fifoGroup(String name, VrrpState state) {
        submit(() -> fifos.write("GROUP \"" + name + "\" " + state + " 0\n"));
    }

    void group(String name, NotifyCommands scripts, VrrpState state, boolean smtpAlert) {
        submit(() -> {
            NotifyCommands.NotifyCommand own = switch (state) {
                case MASTER -> scripts.master();
                case BACKUP -> scripts.backup();
                case FAULT -> scripts.fault();
                case STOP -> scripts.stop();
                default -> null;
            };
            if (own != null) {
                launcher.launch(own.argv(), own.runAs(), false);
            }
            if (scripts.any() != null) {
                launcher.launch(withArguments(scripts.any().argv(), "GROUP", name, state, 0), scripts.any().runAs(), false);
            }
            fifos.write("GROUP \"" + name + "\" " + state + " 0\n");
            if (state != VrrpState.DELETED && mailable(smtpAlert, state, mailedGroups.get(name))) {
                mailedGroups.put(name, state);
                String[] words = InstanceMail.ofGroup(state);
                mail.vrrpGroup(name, words[0], words[1]);
            }
        });
    }

    /** keepalived's vrrp_smtp_notifier: alerts on, FAULT unless no_email_faults, and a state not mailed last. */
    private boolean mailable(boolean smtpAlert, VrrpState state, VrrpState last) {
        return mail != null && smtpAlert && (!noEmailFaults || state != VrrpState.FAULT) && state != last
                && InstanceMail.of(state) != null;
    }

    /** The subjects and bodies of keepalived's VRRP alerts ({@code vrrp_notify.c}). */
    private static final class InstanceMail {
        static String[] of(VrrpState state) {
            return switch (state) {
                case MASTER -> new String[]{"Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="};
                case BACKUP -> new String[]{"Entering BACKUP state", "=> VRRP Instance is no longer owning VRRP VIPs <="};
                case FAULT -> new String[]{"Entering FAULT state", "=> VRRP Instance is no longer owning VRRP VIPs <="};
                case STOP -> new String[]{"Stopping", "=> VRRP Instance stopping <="};
                case DELETED -> new String[]{"Deleted", "=> VRRP Deleted at reload <="};
                default -> null;
            };
        }

        static String[] ofGroup(VrrpState state) {
            return switch (state) {
                case MASTER -> new String[]{"Entering MASTER state", "=> All VRRP group instances are now in MASTER state <="};
                case BACKUP -> new String[]{"Entering BACKUP state", "=> All VRRP group instances are now in BACKUP state <="};
                case FAULT -> new String[]{"Entering FAULT state", "=> All VRRP group instances are now in FAULT state <="};
                case STOP -> new String[]{"Stopping", "=> All VRRP group instances are now stopping <="};
                default -> null;
            };
        }
    }

    void event(String name, NotifyCommands scripts, RouterEvent event, boolean master, int priority) {
        submit(() -> {
            String word;
            if (event == RouterEvent.MASTER_RX_LOWER_PRI) {
                if (scripts.masterRxLowerPri() != null) {
                    launcher.launch(scripts.masterRxLowerPri().argv(), scripts.masterRxLowerPri().runAs(), false);
                }
                word = "MASTER_RX_LOWER_PRI";
            } else {
                word = master ? "MASTER_PRIORITY" : "BACKUP_PRIORITY";
            }
            fifos.write("INSTANCE \"" + name + "\" " + word + " " + priority + "\n");
        });
    }

    private static List<String> withArguments(List<String> command, String type, String name, VrrpState state,
                                              int priority) {
        List<String> argv = new ArrayList<>(command);
        argv.add(type);
        argv.add(name);
        argv.add(state == VrrpState.DELETED ? "DELETED" : state.name());
        argv.add(Integer.toString(priority));
        return argv;
    }

    private void submit(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.info("notify failed: " + e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: later notifies are dropped, as keepalived's are once it exits
        }
    }

    /** Runs what is queued (the STOP notifies) and waits up to {@code millis} for it. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fifos.close();
    }
}
