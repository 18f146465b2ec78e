#!/usr/bin/env python3
"""Summarises an async-profiler collapsed-stack file (threads,collapsed): samples per thread, top
self frames, and top inclusive regbench/library frames of one thread.

    python3 bench/peers/profile_summary.py FILE.collapsed [THREAD_SUBSTRING]

Profiles are taken with the agent from Maven Central (tools.profiler:async-profiler, unpack the
jar; linux-x64/libasyncProfiler.so), e.g. for a cold replicate:
    REGBENCH_JAVA_OPTS="-agentpath:$AP=start,event=itimer,interval=1ms,threads,collapsed,file=out.collapsed" \\
        bin/regbench replicate SRC DST --no-progress
"""
import re
import sys
from collections import Counter

path = sys.argv[1]
focus = sys.argv[2] if len(sys.argv) > 2 else "main"
interesting = re.compile(r"dev/regbench|picocli|jackson|hc/core5|hc/client5|caffeine|ssl|SSLContext|MessageDigest"
                         r"|resilience4j|HdrHistogram|ClassLoader\.loadClass|Socket")
threads, self_frames, inclusive, total, focus_total = Counter(), Counter(), Counter(), 0, 0
for line in open(path):
    stack, n = line.rsplit(" ", 1)
    n = int(n)
    frames = stack.split(";")
    name = re.sub(r"[-#]?\d+$", "", frames[0].split(" tid=")[0].lstrip("["))
    total += n
    threads[name] += n
    if "Compiler" not in name:
        self_frames[frames[-1]] += n
    if focus in frames[0]:
        focus_total += n
        seen = set()
        for f in frames[1:]:
            if interesting.search(f) and f not in seen:
                seen.add(f)
                inclusive[f] += n
print(f"{path}: {total} samples")
print("\nsamples per thread (pool threads merged):")
for k, v in threads.most_common(10):
    print(f"  {v:6d} {100 * v / total:5.1f}%  {k}")
print("\ntop self frames (compiler threads left out):")
for k, v in self_frames.most_common(15):
    print(f"  {v:6d} {100 * v / total:5.1f}%  {k[:120]}")
print(f"\ntop inclusive frames of threads matching '{focus}' ({focus_total} samples):")
for k, v in inclusive.most_common(25):
    print(f"  {v:6d}  {k[:120]}")
