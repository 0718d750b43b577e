package io.lvsj.log;

import org.slf4j.event.Level;

/** One line to write: when it was logged (epoch milliseconds), under which ident, how severe. */
record LogLine(long millis, String ident, Level level, String message) {
}
