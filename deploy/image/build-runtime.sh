#!/usr/bin/env bash
# Builds the base of regbench's container image offline, from the local JDK (no registry needed):
#   <out>/opt/java   a jlink'd Java runtime with the modules regbench uses
#   <out>/lib, /lib64, /usr/lib  the shared libraries that runtime links against (from this machine)
#   <out>/tmp        an empty, world-writable /tmp (the JVM's temporary files)
# Jib then builds FROM scratch and adds <out> as an extra directory (harness/pom.xml, profile
# "image"). Output is deterministic for one JDK and one set of libraries: jlink is reproducible,
# file times are fixed by Jib.
# Usage: build-runtime.sh OUT_DIR [JAVA_HOME]
set -euo pipefail
out=${1:?usage: build-runtime.sh OUT_DIR [JAVA_HOME]}
jdk=${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
# Modules: jdeps over regbench.jar and its dependencies, plus what is loaded by name at run time
# (jdk.crypto.ec for TLS, jdk.management for the per-thread allocation meter, jdk.unsupported for
# XNIO/Undertow, jdk.zipfs for jar file systems, java.desktop for the report's charts).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs
stamp="$jdk $modules $(sha256sum "$jdk/release" 2>/dev/null | cut -c1-64)"
if [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ] && [ -x "$out/opt/java/bin/java" ]; then
    echo "runtime: up to date in $out"
    exit 0
fi
rm -rf "$out" "$out.stamp"
mkdir -p "$out/opt" "$out/tmp"
out=$(cd "$out" && pwd)
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$out/opt/java"
# the libraries the runtime's executables and shared objects need, with the dynamic loader
libs=$( { ldd "$out/opt/java/bin/java"; find "$out/opt/java/lib" -name '*.so' -exec ldd {} \; ; } 2>/dev/null \
    | awk '/=> \//{print $3} /^[[:space:]]*\/.*ld-linux/{print $1}' | sort -u)
for lib in $libs; do
    case "$lib" in "$out"/*) continue ;; esac   # the runtime's own libraries (libjli.so, ...)
    real=$(readlink -f "$lib")
    mkdir -p "$out$(dirname "$lib")"
    cp "$real" "$out$lib"
done
chmod 777 "$out/tmp"   # Jib permissions are 3 octal digits: no sticky bit
echo "$stamp" > "$out.stamp"
echo "runtime: $(du -sh "$out" | cut -f1) in $out ($(echo "$libs" | wc -w) shared libraries)"
