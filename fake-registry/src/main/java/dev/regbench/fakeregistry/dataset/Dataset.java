package dev.regbench.fakeregistry.dataset;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.regbench.fakeregistry.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A synthetic dataset of valid OCI images, generated deterministically from its
 * {@link DatasetSpec} (same spec, same digests, on every run and machine).
 *
 * <p>Built-in names (see DESIGN.md): {@code tiny} (1 repo x 3 tags, two small layers, one of
 * them shared), {@code standard} (2 repos x 20 tags; an 8 MiB base layer shared within the
 * repo + two unique 4 MiB layers per tag), {@code many-small} (1 repo x 200 tags, one unique
 * 64 KiB layer each), {@code multiarch} (1 repo x 3 tags, image indexes over linux/amd64,
 * linux/arm64/v8 and linux/s390x).
 *
 * <p>Immutable and thread-safe.
 */
public final class Dataset {
    private static final Map<String, DatasetSpec> BUILT_IN = builtIns();

    private final DatasetSpec spec;

    private Dataset(DatasetSpec spec) {
        this.spec = spec;
    }

    /** The names accepted by {@link #named}. */
    public static List<String> builtInNames() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /** A built-in dataset; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static Dataset named(String name) {
        DatasetSpec spec = BUILT_IN.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; built-in datasets are "
                    + String.join(", ", BUILT_IN.keySet()) + " (or give a YAML file)");
        }
        return new Dataset(spec);
    }

    /** A built-in name, or a path to a YAML file when the text ends in {@code .yaml}/{@code .yml} or names a file. */
    public static Dataset resolve(String nameOrFile) {
        if (BUILT_IN.containsKey(nameOrFile)) {
            return named(nameOrFile);
        }
        Path path = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || Files.isRegularFile(path)) {
            return fromYaml(path);
        }
        return named(nameOrFile);
    }

    public static Dataset of(DatasetSpec spec) {
        return new Dataset(spec);
    }

    /** Reads a dataset YAML file; unknown keys and bad values are errors naming the key and the file. */
    public static Dataset fromYaml(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read dataset file " + file + ": " + e.getMessage(), e);
        }
        return parseYaml(text, file.toString());
    }

    /** Parses dataset YAML; {@code sourceName} is used in error messages. */
    public static Dataset parseYaml(String yaml, String sourceName) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            DatasetSpec spec = mapper.readValue(yaml, DatasetSpec.class);
            if (spec == null) {
                throw new IllegalArgumentException(sourceName + ": empty dataset file");
            }
            return new Dataset(spec);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new IllegalArgumentException(sourceName + ": unknown key '" + e.getPropertyName()
                    + "' (known keys: " + known + ")", e);
        } catch (JsonMappingException e) {
            String key = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            Throwable cause = e.getCause();
            String problem = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException(sourceName + ": " + (key.isEmpty() ? "" : "bad value for '" + key + "': ")
                    + problem, e);
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field ")) {
                throw new IllegalArgumentException(sourceName + ": duplicate key "
                        + message.substring("Duplicate field ".length()) + " (line " + e.getLocation().getLineNr() + ")", e);
            }
            throw new IllegalArgumentException(sourceName + ": not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(sourceName + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    public String name() {
        return spec.name();
    }

    public DatasetSpec spec() {
        return spec;
    }

    /** Generates the dataset into {@code storage} and says what was stored. */
    public SeedResult seedInto(Storage storage) {
        return seedInto(SeedTarget.of(storage));
    }

    SeedResult seedInto(SeedTarget target) {
        return new ImageGenerator(spec, target).seed();
    }

    @Override
    public String toString() {
        return "Dataset[" + spec + "]";
    }

    private static Map<String, DatasetSpec> builtIns() {
        Map<String, DatasetSpec> m = new LinkedHashMap<>();
        List<String> amd64 = List.of("linux/amd64");
        m.put("tiny", new DatasetSpec("tiny", 1, 1, 3, 2, SizeRange.parse("4KiB..32KiB"), null, 0.5, 0.5, amd64));
        m.put("standard", new DatasetSpec("standard", 1, 2, 20, 3, SizeRange.parse("4MiB"),
                SizeRange.parse("8MiB"), 1.0 / 3, 0, amd64));
        m.put("many-small", new DatasetSpec("many-small", 1, 1, 200, 1, SizeRange.parse("64KiB"), null, 0, 0, amd64));
        m.put("multiarch", new DatasetSpec("multiarch", 1, 1, 3, 2, SizeRange.parse("256KiB"), null, 0.5, 0.3,
                List.of("linux/amd64", "linux/arm64/v8", "linux/s390x")));
        return m;
    }
}
