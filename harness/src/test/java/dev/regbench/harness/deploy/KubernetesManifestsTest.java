package dev.regbench.harness.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.regbench.engine.shard.Shard;
import dev.regbench.harness.cli.RegbenchCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Validates {@code deploy/kubernetes/} without a cluster: every YAML document parses and has the
 * fields its kind requires, every container runs the one regbench image at the project's
 * version, selectors and claims point at things that exist, the injectors' shard arithmetic
 * agrees (completions = parallelism = N = the N of {@code --shard} = the merge's folders), and
 * every container's {@code args} parse with the real {@code regbench} command line, except the
 * flags that {@code deploy/kubernetes/README.md} lists as not there yet.
 */
class KubernetesManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> KINDS = Set.of("Namespace", "PersistentVolumeClaim", "Deployment", "Service", "Job");
    private static final String INDEX = "$(JOB_COMPLETION_INDEX)";

    private static Path dir;
    private static final List<JsonNode> DOCS = new ArrayList<>();
    private static JsonNode kustomization;

    @BeforeAll
    static void load() throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("deploy/kubernetes"))) {
            p = p.getParent();
        }
        assertThat(p).as("a deploy/kubernetes folder above the working directory").isNotNull();
        dir = p.resolve("deploy/kubernetes");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
                    for (JsonNode doc : it.readAll()) {
                        if (doc == null || doc.isEmpty()) {
                            continue;
                        }
                        if (doc.path("kind").asText().equals("Kustomization")) {
                            kustomization = doc;
                        } else {
                            DOCS.add(((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("_file", f.getFileName().toString()));
                        }
                    }
                }
            }
        }
        assertThat(kustomization).as("kustomization.yaml").isNotNull();
    }

    @Test
    void everyDocument_hasItsKindsRequiredFields() {
        assertThat(DOCS).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode d : DOCS) {
            String where = d.path("_file").asText() + " " + d.path("kind").asText() + " " + d.at("/metadata/name").asText();
            assertThat(d.path("apiVersion").asText()).as(where + " apiVersion").isNotEmpty();
            assertThat(KINDS).as(where + " kind").contains(d.path("kind").asText());
            assertThat(d.at("/metadata/name").asText()).as(where + " metadata.name").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            switch (d.path("kind").asText()) {
                case "Deployment" -> {
                    assertThat(d.at("/apiVersion").asText()).isEqualTo("apps/v1");
                    JsonNode match = d.at("/spec/selector/matchLabels");
                    assertThat(match.size()).as(where + " selector").isPositive();
                    match.fields().forEachRemaining(e -> assertThat(labels(d).path(e.getKey())
                            .asText()).as(where + " template label " + e.getKey()).isEqualTo(e.getValue().asText()));
                    assertThat(d.at("/spec/template/spec/containers").size()).as(where + " containers").isPositive();
                }
                case "Job" -> {
                    assertThat(d.at("/apiVersion").asText()).isEqualTo("batch/v1");
                    assertThat(d.at("/spec/template/spec/restartPolicy").asText()).as(where).isIn("Never", "OnFailure");
                }
                case "Service" -> {
                    if (!d.at("/spec/type").asText().equals("ExternalName")) {
                        assertThat(d.at("/spec/ports").size()).as(where + " ports").isPositive();
                        assertThat(deploymentMatching(d.at("/spec/selector"))).as(where + " selects a Deployment").isNotNull();
                        for (JsonNode port : d.at("/spec/ports")) {
                            String target = port.path("targetPort").asText();
                            assertThat(containerPorts(deploymentMatching(d.at("/spec/selector")))).as(where + " targetPort")
                                    .contains(target);
                        }
                    } else {
                        assertThat(d.at("/spec/externalName").asText()).as(where + " externalName").isNotEmpty();
                    }
                }
                case "PersistentVolumeClaim" -> assertThat(d.at("/spec/resources/requests/storage").asText()).isNotEmpty();
                default -> {
                }
            }
        }
    }

    @Test
    void kustomization_listsEveryFile_andTheImageIsTheProjectVersion() throws IOException {
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files = new TreeSet<>();
        DOCS.forEach(d -> files.add(d.path("_file").asText()));
        assertThat(listed).isEqualTo(files);
        String version = projectVersion();
        JsonNode image = kustomization.at("/images/0");
        assertThat(image.path("name").asText()).isEqualTo("regbench");
        assertThat(image.path("newTag").asText()).isEqualTo(version);
        for (JsonNode c : containers()) {
            assertThat(c.path("image").asText()).as("image of container " + c.path("name").asText())
                    .isEqualTo("regbench:" + version);
        }
    }

    @Test
    void volumes_referenceClaimsAndSecretsThatAreDeclared() {
        Set<String> claims = new HashSet<>();
        DOCS.stream().filter(d -> d.path("kind").asText().equals("PersistentVolumeClaim"))
                .forEach(d -> claims.add(d.at("/metadata/name").asText()));
        for (JsonNode d : workloads()) {
            Set<String> volumes = new HashSet<>();
            for (JsonNode v : d.at("/spec/template/spec/volumes")) {
                volumes.add(v.path("name").asText());
                if (v.has("persistentVolumeClaim")) {
                    assertThat(claims).contains(v.at("/persistentVolumeClaim/claimName").asText());
                }
            }
            for (JsonNode c : podContainers(d)) {
                for (JsonNode m : c.path("volumeMounts")) {
                    assertThat(volumes).as(d.at("/metadata/name").asText() + " mount " + m.path("name").asText())
                            .contains(m.path("name").asText());
                }
            }
        }
    }

    @Test
    void injectors_shardArithmeticAgrees() {
        JsonNode job = DOCS.stream().filter(d -> d.at("/spec/completionMode").asText().equals("Indexed")).findFirst()
                .orElseThrow(() -> new AssertionError("no Indexed Job"));
        int n = job.at("/spec/completions").asInt();
        assertThat(n).isGreaterThan(1);
        assertThat(job.at("/spec/parallelism").asInt()).as("parallelism").isEqualTo(n);
        List<String> args = strings(job.at("/spec/template/spec/containers/0/args"));
        assertThat(args.get(args.indexOf("--shard") + 1)).isEqualTo(INDEX + "/" + n);
        assertThat(args.get(args.indexOf("--out") + 1)).isEqualTo("/results/shard-" + INDEX);
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Shard s = Shard.parse(args.get(args.indexOf("--shard") + 1).replace(INDEX, String.valueOf(i)));
            assertThat(s).isEqualTo(new Shard(i, n));
            folders.add("/results/shard-" + i);
        }
        JsonNode merge = DOCS.stream().filter(d -> d.at("/metadata/name").asText().equals("regbench-merge")).findFirst()
                .orElseThrow();
        List<String> mergeArgs = strings(merge.at("/spec/template/spec/initContainers/0/args"));
        assertThat(mergeArgs.get(0)).isEqualTo("merge");
        assertThat(mergeArgs.subList(1, mergeArgs.indexOf("--out"))).as("the merge reads every shard once").isEqualTo(folders);
        assertThat(strings(merge.at("/spec/template/spec/containers/0/args")))
                .containsSubsequence("report", mergeArgs.get(mergeArgs.indexOf("--out") + 1));
    }

    @Test
    void everyContainersArgs_parseWithTheRegbenchCli_exceptTheFlagsReadmeListsAsPending() throws IOException {
        Map<String, Set<String>> pending = pendingFlags();
        int parsed = 0;
        for (JsonNode c : containers()) {
            List<String> args = new ArrayList<>();
            strings(c.path("args")).forEach(a -> args.add(a.replace(INDEX, "0")));
            String command = args.get(0);
            CommandLine cli = RegbenchCli.commandLine();
            assertThat(cli.getSubcommands()).as("regbench subcommand").containsKey(command);
            CommandLine.Model.CommandSpec spec = cli.getSubcommands().get(command).getCommandSpec();
            List<String> known = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--") && spec.findOption(a) == null) {
                    assertThat(pending.getOrDefault(command, Set.of())).as(command + " " + a
                            + ": not a regbench flag and not listed as pending in deploy/kubernetes/README.md").contains(a);
                    i++; // its value
                    continue;
                }
                known.add(a);
            }
            cli.parseArgs(known.toArray(String[]::new));
            parsed++;
        }
        assertThat(parsed).isEqualTo(containers().size());
    }

    /** README table rows {@code | command | `--flag` | why |}. */
    private static Map<String, Set<String>> pendingFlags() throws IOException {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| (\\w+) \\| `(--[a-z-]+)` \\|").matcher(Files.readString(dir.resolve("README.md")));
        while (m.find()) {
            out.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
        }
        return out;
    }

    private static String projectVersion() throws IOException {
        String pom = Files.readString(dir.getParent().getParent().resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>regbench-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).as("the parent pom's version").isTrue();
        return m.group(1);
    }

    private static List<JsonNode> workloads() {
        return DOCS.stream().filter(d -> Set.of("Deployment", "Job").contains(d.path("kind").asText())).toList();
    }

    private static List<JsonNode> podContainers(JsonNode workload) {
        List<JsonNode> out = new ArrayList<>();
        workload.at("/spec/template/spec/initContainers").forEach(out::add);
        workload.at("/spec/template/spec/containers").forEach(out::add);
        return out;
    }

    private static List<JsonNode> containers() {
        return workloads().stream().flatMap(w -> podContainers(w).stream()).toList();
    }

    private static JsonNode deploymentMatching(JsonNode selector) {
        for (JsonNode d : DOCS) {
            if (!d.path("kind").asText().equals("Deployment")) {
                continue;
            }
            boolean all = true;
            for (var it = selector.fields(); it.hasNext(); ) {
                var e = it.next();
                all &= labels(d).path(e.getKey()).asText().equals(e.getValue().asText());
            }
            if (all && selector.size() > 0) {
                return d;
            }
        }
        return null;
    }

    /** The pod template's labels (keys hold '/', so no JSON pointer). */
    private static JsonNode labels(JsonNode workload) {
        return workload.path("spec").path("template").path("metadata").path("labels");
    }

    private static Set<String> containerPorts(JsonNode deployment) {
        Set<String> out = new HashSet<>();
        for (JsonNode c : deployment.at("/spec/template/spec/containers")) {
            for (JsonNode p : c.path("ports")) {
                out.add(p.path("name").asText());
                out.add(p.path("containerPort").asText());
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.asText()));
        return out;
    }
}
