package dev.regbench.reports.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Time windows of several shards: the length of their union (the time during which at least one
 * shard was working, so two shards run one after the other count twice as long as two at once)
 * and the skew of their start times. Stateless.
 */
final class Windows {

    /** A closed window, epoch ms. */
    record Window(long startMs, long endMs) {
    }

    private Windows() {
    }

    /** Total length of the union of {@code windows}, ms. */
    static long unionMs(List<Window> windows) {
        List<Window> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(Window::startMs));
        long total = 0;
        long curStart = Long.MIN_VALUE;
        long curEnd = Long.MIN_VALUE;
        for (Window w : sorted) {
            if (curEnd == Long.MIN_VALUE || w.startMs() > curEnd) {
                if (curEnd != Long.MIN_VALUE) {
                    total += curEnd - curStart;
                }
                curStart = w.startMs();
                curEnd = w.endMs();
            } else {
                curEnd = Math.max(curEnd, w.endMs());
            }
        }
        if (curEnd != Long.MIN_VALUE) {
            total += curEnd - curStart;
        }
        return total;
    }

    /** Latest start minus earliest start, ms (0 for one window). */
    static long startSkewMs(List<Window> windows) {
        long min = windows.stream().mapToLong(Window::startMs).min().orElse(0);
        long max = windows.stream().mapToLong(Window::startMs).max().orElse(0);
        return max - min;
    }
}
