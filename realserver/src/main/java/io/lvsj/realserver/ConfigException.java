package io.lvsj.realserver;

/** A configuration mistake, in one line ("realserver.conf:3: 'x' is not an address"). Nothing was changed. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
