/**
 * Where blobs and manifests live: {@link dev.regbench.fakeregistry.storage.Storage}, in memory (direct buffers) or on
 * disk (files, mapped for serving), blobs shared by digest with per-repository links, uploads staged and
 * digest-verified before they become visible. Depends on nothing else in the fake registry.
 */
package dev.regbench.fakeregistry.storage;
