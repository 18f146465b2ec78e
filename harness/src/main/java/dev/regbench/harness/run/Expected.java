package dev.regbench.harness.run;

import dev.regbench.engine.shard.Shard;
import dev.regbench.engine.shard.ShardUnit;
import dev.regbench.fakeregistry.dataset.SeedResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a run must deliver: for each repository, each selected tag and the digest its manifest
 * has at the source. The destination must hold exactly these digests after every run.
 *
 * @param manifests repository → tag → manifest digest
 * @param blobBytes unique blob bytes of the selected images (their tags, their shard): the logical
 *                  bytes a run makes present, on which throughput is measured
 *                  ({@link DatasetBlobs}); 0 when unknown
 */
record Expected(Map<String, Map<String, String>> manifests, long blobBytes) {

    /** From the source's seeded dataset, keeping the tags that match {@code tagRegex}. */
    static Expected of(Endpoint source, String tagRegex) {
        return of(source, tagRegex, Shard.ALL);
    }

    /** As {@link #of(Endpoint, String)}, keeping only the images of {@code shard} (split by image). */
    static Expected of(Endpoint source, String tagRegex, Shard shard) {
        var fake = source.fake()
                .orElseThrow(() -> new IllegalStateException("an external source is not supported yet: "
                        + "the runner needs to know the expected digests"));
        SeedResult seeded = fake.seeded();
        Pattern tags = Pattern.compile(tagRegex);
        Map<String, Map<String, String>> out = new TreeMap<>();
        seeded.manifests().forEach((repo, byTag) -> {
            Map<String, String> kept = new LinkedHashMap<>();
            byTag.forEach((tag, digest) -> {
                if (tags.matcher(tag).matches()) {
                    kept.put(tag, digest);
                }
            });
            if (!kept.isEmpty()) {
                out.put(repo, kept);
            }
        });
        if (!shard.isAll()) {
            List<String[]> images = new java.util.ArrayList<>();
            out.forEach((repo, byTag) -> byTag.keySet().forEach(tag -> images.add(new String[] {repo, tag})));
            java.util.Set<String> mine = new java.util.HashSet<>();
            shard.select(images, i -> ShardUnit.IMAGE.key(i[0], i[1]))
                    .forEach(i -> mine.add(ShardUnit.IMAGE.key(i[0], i[1])));
            out.replaceAll((repo, byTag) -> {
                Map<String, String> kept = new LinkedHashMap<>(byTag);
                kept.keySet().removeIf(tag -> !mine.contains(ShardUnit.IMAGE.key(repo, tag)));
                return kept;
            });
            out.values().removeIf(Map::isEmpty);
        }
        // only the tags (and shard) the scenario replicates count as the dataset made present
        return new Expected(out, DatasetBlobs.of(fake.storage(), out).bytes());
    }

    List<String> repositories() {
        return List.copyOf(manifests.keySet());
    }

    int tagCount() {
        return manifests.values().stream().mapToInt(Map::size).sum();
    }

    String describe() {
        return manifests.size() + " repositories, " + tagCount() + " tags, "
                + String.format(java.util.Locale.ROOT, "%.1f MiB", blobBytes / (1024.0 * 1024.0)) + " of blobs";
    }
}
