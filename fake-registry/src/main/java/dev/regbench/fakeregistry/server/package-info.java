/**
 * Listening: Undertow assembled on an XNIO worker with our own accept listener (connection counting, TLS refusal on
 * the plain port), TLS with a certificate made at start, HTTP/2 by ALPN or h2c. Depends on nothing else in the fake
 * registry (connections are reported through a callback).
 */
package dev.regbench.fakeregistry.server;
