package dev.regbench.engine.registry;

/**
 * An OCI content descriptor: what a manifest says about a blob or a child manifest. Immutable.
 *
 * @param mediaType the referenced content's media type
 * @param digest    {@code sha256:<hex>}
 * @param size      bytes
 */
public record Descriptor(String mediaType, String digest, long size) {
}
