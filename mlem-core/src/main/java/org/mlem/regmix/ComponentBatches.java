package org.mlem.regmix;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mlem.em.Stats;

/**
 * Runs the k components' M-step work side by side so that their passes over the blocks share
 * Spark jobs: each component's fit runs in a thread of its own and asks for passes through
 * {@link #pass}; once every live component has asked, the requests go to the blocks as one
 * reduction ({@link Batch}) and each component gets its own merged sums. A component's sums are
 * the same whatever it is batched with (each is its own statistics, merged in the blocks' fixed
 * order), so the answer is that of fitting the components one after another.
 */
final class ComponentBatches {

    /** One component's part of the M-step. */
    @FunctionalInterface
    interface Work<T> {
        T run(ComponentBatches batches, int component);
    }

    private final PartitionedRegmix.Blocks blocks;
    private final TreeMap<Integer, Request> pending = new TreeMap<>();
    private final TreeMap<Integer, Stats<?>> results = new TreeMap<>();
    private int live;
    private RuntimeException failed;

    private record Request(Stats<?> empty, PartitionedRegmix.Task<?> task) implements Serializable {
    }

    private ComponentBatches(PartitionedRegmix.Blocks blocks, int k) {
        this.blocks = blocks;
        this.live = k;
    }

    /**
     * Runs {@code work} for components 0..k−1 side by side; returns their results in component
     * order, or throws the exception of the lowest component that failed (the one a fit of the
     * components in turn would have met first).
     */
    static <T> List<T> run(PartitionedRegmix.Blocks blocks, int k, Work<T> work) {
        ComponentBatches b = new ComponentBatches(blocks, k);
        ExecutorService pool = Executors.newFixedThreadPool(k);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                int c = j;
                futures.add(pool.submit(() -> {
                    try {
                        return work.run(b, c);
                    } finally {
                        b.leave();
                    }
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Component {@code j}'s pass: {@code task} on every block, merged; waits for the batch it joins. */
    @SuppressWarnings("unchecked")
    synchronized <S extends Stats<S>> S pass(int j, S empty, PartitionedRegmix.Task<S> task) {
        pending.put(j, new Request(empty, task));
        if (pending.size() == live) {
            flush();
        }
        while (!results.containsKey(j)) {
            if (failed != null) {
                throw failed;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return (S) results.remove(j);
    }

    /** A component is done; the others' batch may now be complete. */
    private synchronized void leave() {
        live--;
        if (live > 0 && pending.size() == live) {
            flush();
        }
    }

    /** Runs the pending requests as one reduction over the blocks and hands out the results. */
    private void flush() {
        List<Integer> who = new ArrayList<>(pending.keySet());
        List<Request> requests = new ArrayList<>(pending.values());
        pending.clear();
        List<Stats<?>> empties = new ArrayList<>();
        requests.forEach(r -> empties.add(r.empty()));
        Batch merged;
        try {
            merged = blocks.reduce(new Batch(empties), block -> {
                List<Stats<?>> parts = new ArrayList<>();
                requests.forEach(r -> parts.add((Stats<?>) r.task().run(block)));
                return new Batch(parts);
            });
        } catch (RuntimeException e) {
            failed = e;
            notifyAll();
            throw e;
        }
        for (int i = 0; i < who.size(); i++) {
            results.put(who.get(i), merged.parts.get(i));
        }
        notifyAll();
    }

    /** The statistics of several requests, merged part by part. */
    static final class Batch implements Stats<Batch>, Serializable {
        private static final long serialVersionUID = 1L;
        private final ArrayList<Stats<?>> parts;

        Batch(List<Stats<?>> parts) {
            this.parts = new ArrayList<>(parts);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void merge(Batch other) {
            for (int i = 0; i < parts.size(); i++) {
                ((Stats) parts.get(i)).merge(other.parts.get(i));
            }
        }
    }
}
