package org.mlem.cli;

import java.io.InputStream;
import java.io.PrintWriter;

/**
 * Where a command reads and writes: standard input, standard output (results only), standard
 * error (messages and progress), and whether standard error is a terminal a person watches.
 */
public record Terminal(InputStream in, PrintWriter out, PrintWriter err, boolean interactive) {}
