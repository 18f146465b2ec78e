/**
 * The OCI Distribution v1.1 API over Undertow: one routing file ({@link dev.regbench.fakeregistry.http.RegistryRouter}),
 * one handler class per resource, errors as values ({@link dev.regbench.fakeregistry.http.OciError}) rendered in one
 * place ({@link dev.regbench.fakeregistry.http.ErrorResponder}). Depends on {@code storage} only.
 */
package dev.regbench.fakeregistry.http;
