package dev.regbench.engine.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One part of N of a piece of work, written {@code I/N}: {@code I} is <b>0-based</b>
 * ({@code 0 <= I < N}), so that a Kubernetes Indexed Job's {@code JOB_COMPLETION_INDEX} is the
 * index as is. {@link #ALL} ({@code 0/1}) is the whole work.
 *
 * <p>The split is round-robin over the <em>sorted distinct keys</em> of the work items (an image's
 * {@code repository:tag}, a repository name, a virtual user's number): key number {@code k} in
 * sorted order belongs to shard {@code k mod N}. Every process that sees the same list therefore
 * computes the same split whatever order it listed the items in, the N shards partition the work
 * exactly (each key in exactly one shard), and shard sizes differ by at most one key. Items that
 * share a key always go to the same shard (so sharding by repository keeps a repository whole).
 *
 * <p>Immutable; thread-safe.
 *
 * @param index 0-based index of this shard
 * @param count number of shards, at least 1
 */
public record Shard(int index, int count) {

    /** The whole work: one shard of one. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, was " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index " + index + " is out of range for " + count
                    + " shards (0-based: 0.." + (count - 1) + ")");
        }
    }

    /**
     * Parses {@code I/N} (0-based {@code I}). A malformed or out-of-range value is an
     * {@link IllegalArgumentException} whose message quotes the value.
     */
    public static Shard parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("shard '' is malformed: expected I/N with 0 <= I < N, e.g. 0/3");
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1 || t.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("shard '" + text + "' is malformed: expected I/N with 0 <= I < N, e.g. 0/3");
        }
        int index;
        int count;
        try {
            index = Integer.parseInt(t.substring(0, slash));
            count = Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard '" + text + "' is malformed: I and N must be whole numbers, e.g. 0/3");
        }
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard '" + text + "' is out of range: the index is 0-based, so 0 <= I < N"
                    + (count >= 1 ? " (here 0.." + (count - 1) + ")" : " and N >= 1"));
        }
        return new Shard(index, count);
    }

    /** True for {@link #ALL}-like shards (one of one). */
    public boolean isAll() {
        return count == 1;
    }

    /**
     * The items of {@code items} that belong to this shard, in their original order.
     *
     * @param key the item's shard key; items with equal keys stay together
     */
    public <T> List<T> select(List<T> items, Function<? super T, String> key) {
        if (isAll()) {
            return List.copyOf(items);
        }
        Map<String, Integer> order = new TreeMap<>();
        for (T item : items) {
            order.put(key.apply(item), 0);
        }
        int k = 0;
        for (Map.Entry<String, Integer> e : order.entrySet()) {
            e.setValue(k++);
        }
        List<T> out = new ArrayList<>();
        for (T item : items) {
            if (order.get(key.apply(item)) % count == index) {
                out.add(item);
            }
        }
        return out;
    }

    /** Whether the {@code n}-th of a numbered sequence (0-based: a virtual user, a request) is this shard's. */
    public boolean owns(long n) {
        return Math.floorMod(n, count) == index;
    }

    /** Of {@code total} numbered items (0..total-1), how many are this shard's. */
    public long share(long total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /** {@code I/N}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** A file-name-safe label: {@code shard-I-of-N}. */
    public String label() {
        return "shard-" + index + "-of-" + count;
    }
}
