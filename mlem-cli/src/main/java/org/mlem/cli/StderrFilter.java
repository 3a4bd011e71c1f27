package org.mlem.cli;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The launcher ({@code ./mlem}) execs java with standard error going through a filter process
 * that drops the JVM's incubator warning, and names that process in {@code MLEM_STDERR_FILTER}.
 * The filter may still be copying java's last line when java exits, and a caller that redirected
 * standard error to a file would then read it short; so as the JVM exits (normally or on SIGTERM
 * or SIGINT) standard error is closed and the filter, which ends at that end of file, is awaited.
 */
final class StderrFilter {
    private static final long WAIT_SECONDS = 2;

    private StderrFilter() {}

    /** Registers the wait, when the launcher named a filter that is this process's child. */
    static void awaitAtExit() {
        filter().ifPresent(filter -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.flush();
            System.err.close();
            try {
                filter.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The filter is late or gone; exiting is all that is left to do.
            }
        }, "mlem-stderr-filter")));
    }

    private static Optional<ProcessHandle> filter() {
        String pid = System.getenv("MLEM_STDERR_FILTER");
        if (pid == null || !pid.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        long self = ProcessHandle.current().pid();
        return ProcessHandle.of(Long.parseLong(pid)).filter(h -> h.parent().map(p -> p.pid() == self).orElse(false));
    }
}
