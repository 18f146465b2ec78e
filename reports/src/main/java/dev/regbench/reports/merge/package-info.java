/**
 * Exact merges of results from several shards or injectors (issue 16): counts summed, latency
 * from merged HdrHistograms (read from the runs' {@code .hlog} interval logs, never an average of
 * percentiles), throughput over the union of the time windows, the per-shard figures kept, and
 * the skew between the shards' start times. Depends on the result model ({@code ..model}) and
 * HdrHistogram only.
 */
package dev.regbench.reports.merge;
