package org.mlem.select;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * Runs independent tasks 0..count−1 on a bounded pool and returns their results in index order.
 * Each task must depend only on its index (its own seed, its own generator), so the results are
 * the same bits for any number of threads.
 */
public final class ParallelTasks {
    private ParallelTasks() {}

    /**
     * {@code task(0..count−1)} on at most {@code threads} threads (1 runs on the caller's thread),
     * in index order. The first failing task's
     * unchecked exception (in index order) is rethrown unchanged; the pool is then shut down.
     */
    public static <T> List<T> map(int count, int threads, IntFunction<T> task) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        List<T> out = new ArrayList<>(count);
        if (threads == 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                out.add(task.apply(i));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count), r -> {
            Thread t = new Thread(r, "mlem-task");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                final int index = i;
                futures.add(CompletableFuture.supplyAsync(() -> task.apply(index), pool));
            }
            for (CompletableFuture<T> f : futures) {
                out.add(joinUnwrapped(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code threads}, or every available core when it is 0. */
    public static int effective(int threads) {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** The task's result; its unchecked exception is rethrown as the task threw it. */
    private static <T> T joinUnwrapped(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
