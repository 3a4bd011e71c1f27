package org.mlem.cli;

/** What the shared option mixins have in common. */
final class Shared {
    /**
     * The help position of the options every command of a kind shares (input, output, EM flags):
     * after the command's own options, which keep their declaration order.
     */
    static final int ORDER = 100;

    private Shared() {}
}
