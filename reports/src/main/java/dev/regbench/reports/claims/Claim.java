package dev.regbench.reports.claims;

import java.util.List;

/**
 * One claim of {@code CLAIMS.md} and how it is decided, as written in {@code configs/claims.yaml}.
 * Immutable; thread-safe.
 *
 * @param id       {@code C1} … {@code C23}
 * @param seed     the seed document it comes from ({@code 000} … {@code 004})
 * @param claim    the claim as the seed states it
 * @param claimed  the claimed figure, short ({@code ~5x}, {@code ≥ 80% reuse})
 * @param measures ways to measure it, in order of preference: the first whose data is present
 *                 decides; empty when regbench has no measurement for it yet
 * @param note     optional remark shown when nothing measured it (e.g. "decided by a test")
 */
public record Claim(String id, String seed, String claim, String claimed, List<Measure> measures, String note) {
    public Claim {
        measures = measures == null ? List.of() : List.copyOf(measures);
    }
}
