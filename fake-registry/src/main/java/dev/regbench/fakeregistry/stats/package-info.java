/**
 * Server-side counters: connections as accepted, requests by route and status, body bytes, faults and HdrHistogram
 * latencies per route; the outermost handler that records them and the {@code /_regbench/stats} endpoint. Depends on
 * {@code http.Route} only.
 */
package dev.regbench.fakeregistry.stats;
