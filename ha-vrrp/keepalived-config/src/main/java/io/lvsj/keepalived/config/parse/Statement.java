package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Location;

import java.util.List;

/** One configuration line as a handler sees it: its words, the raw text, and where it was. */
record Statement(Location location, List<String> words, String line) {

    int size() {
        return words.size();
    }

    /**
     * Word {@code i}; a missing word stops parsing the way keepalived's {@code strvec_slot}
     * does. Handlers that check the word count first (keepalived reports those as ordinary
     * errors) use {@link #size()} before this.
     */
    String word(int i) {
        if (i < words.size()) {
            return words.get(i);
        }
        String first = words.isEmpty() ? "***MISSING ***" : words.getFirst();
        if (i > 0 && i - 1 < words.size()) {
            throw new MissingParameter(location, "*** Configuration line starting `" + first
                    + "` is missing a parameter after keyword `" + words.get(i - 1) + "` at word position " + (i + 1));
        }
        throw new MissingParameter(location, "*** Configuration line starting `" + first
                + "` is missing a parameter at word position " + (i + 1));
    }

    /** Word {@code i}, or null when there is none (for keywords whose argument is optional). */
    String optional(int i) {
        return i < words.size() ? words.get(i) : null;
    }

    String keyword() {
        return words.getFirst();
    }

    /** The words from {@code from} on, joined by single spaces. */
    String join(int from) {
        return String.join(" ", words.subList(Math.min(from, words.size()), words.size()));
    }
}
