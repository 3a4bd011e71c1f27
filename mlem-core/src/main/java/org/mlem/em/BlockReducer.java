package org.mlem.em;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;

/**
 * Runs a per-block accumulation over a {@link BlockSource} on a fixed pool of threads and merges
 * the results in a fixed order, so the totals are the same bits for any thread count.
 *
 * <p>Blocks are grouped {@link #GROUP} at a time, in order; a task folds its group's blocks
 * into one statistics object in block order; the groups are then folded in group order. Neither
 * grouping depends on the thread count.
 */
public final class BlockReducer implements AutoCloseable {

    /** Consecutive blocks folded by one task (public so that other runners can fold alike). */
    public static final int GROUP = 4;

    /** Work on one block: add its statistics into {@code into}, return its log-likelihood. */
    @FunctionalInterface
    public interface Accumulation<S> {
        double accumulate(Block block, S into);
    }

    /** Merged statistics and the summed log-likelihood. */
    public record Result<S>(S stats, double logLikelihood) {}

    private final int threads;
    private final ExecutorService pool;

    /** A reducer on {@code threads} threads; 1 runs on the caller's thread. */
    public BlockReducer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mlem-estep");
            t.setDaemon(true);
            return t;
        });
    }

    /** Number of threads. */
    public int threads() {
        return threads;
    }

    /** Accumulates every block of {@code source} and merges in block order. */
    public <S extends Stats<S>> Result<S> reduce(BlockSource source, Supplier<S> empty, Accumulation<S> work) {
        int blocks = source.blockCount();
        int groups = Math.max(1, (blocks + GROUP - 1) / GROUP);
        List<S> stats = new ArrayList<>(groups);
        double[] logLik = new double[groups];
        if (pool == null || groups == 1) {
            for (int g = 0; g < groups; g++) {
                S s = empty.get();
                logLik[g] = runGroup(source, g, blocks, s, work);
                stats.add(s);
            }
        } else {
            List<Future<S>> futures = new ArrayList<>(groups);
            for (int g = 0; g < groups; g++) {
                final int group = g;
                futures.add(pool.submit(() -> {
                    S s = empty.get();
                    logLik[group] = runGroup(source, group, blocks, s, work);
                    return s;
                }));
            }
            for (Future<S> f : futures) {
                stats.add(await(f));
            }
        }
        S total = stats.get(0);
        double ll = logLik[0];
        for (int g = 1; g < groups; g++) {
            total.merge(stats.get(g));
            ll += logLik[g];
        }
        return new Result<>(total, ll);
    }

    /** Work on the indices {@code [from, to)}, independent of every other range; returns whether it changed anything. */
    public interface RangeTask {
        boolean run(int from, int to);
    }

    /**
     * Runs {@code task} over {@code [0, n)} cut into ranges of {@code chunk} indices, on the pool;
     * returns whether any range reported a change. The ranges must be independent (each writes
     * only its own indices), so the result is the same on any number of threads.
     */
    public boolean forEachRange(int n, int chunk, RangeTask task) {
        int ranges = Math.max(1, (n + chunk - 1) / chunk);
        if (pool == null || ranges == 1) {
            return task.run(0, n);
        }
        List<Future<Boolean>> futures = new ArrayList<>(ranges);
        for (int r = 0; r < ranges; r++) {
            int from = r * chunk;
            int to = Math.min(n, from + chunk);
            futures.add(pool.submit(() -> task.run(from, to)));
        }
        boolean any = false;
        for (Future<Boolean> f : futures) {
            any |= await(f);
        }
        return any;
    }

    private static <S> double runGroup(BlockSource source, int g, int blocks, S into, Accumulation<S> work) {
        double ll = 0;
        int end = Math.min(blocks, (g + 1) * GROUP);
        for (int b = g * GROUP; b < end; b++) {
            ll += work.accumulate(source.block(b), into);
        }
        return ll;
    }

    private static <S> S await(Future<S> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an E-step", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
