#!/usr/bin/env python3
"""regbench vs peers: skopeo sync, crane copy, regctl repo copy, regbench cold and warm, side by side.

Whole commands as a user runs them, on the same source and destination registries (regbench fake
registries, or CNCF distribution registries), interleaved with the tool order reversed every other
repetition (ABBA), a fresh destination for every fresh run. For each run it records the tool's
wall time, its CPU seconds and peak RSS (wait4 rusage of the process; for the warm engine the
/proc CPU delta of the long-lived JVM and its current RSS), the CPU each registry spent
(/proc/PID/stat delta), and, on fake registries, the requests and connections each registry
counted server-side (/_regbench/stats). Every destination is verified by hashing what it serves
(manifest digests and every blob), and dataset sizes are read from the source. Results go to a
JSON file (rendered by `regbench report` as "regbench vs peers"); a Markdown table is printed.

    bench/peers/run.sh [--modes fake,distribution] [--workloads standard,many-small,noop-20,noop-100,noop-1000]
                       [--tools skopeo,crane,regctl,regbench-cold,regbench-warm] [--runs 3] [--out FILE]
    bench/peers/run.sh --table FILE      # the tables of a results file (also of a stopped run's)
    bench/peers/run.sh --table FILE FILE ... [--tools crane,regbench-warm]   # several runs' results pooled

Tools: crane and regctl from $PEERS_BIN, a `shared/peers/bin` folder above the repository, or
PATH; skopeo and docker-registry from PATH; regbench from bin/regbench. Missing tools are skipped
and the run says so. Binds and connects only to 127.0.0.1; every process it starts is stopped.
"""
import argparse
import hashlib
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from math import comb

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLK = os.sysconf("SC_CLK_TCK")
ACCEPT = ", ".join([
    "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v2+json"])
INDEX_TYPES = ("application/vnd.oci.image.index.v1+json",
               "application/vnd.docker.distribution.manifest.list.v2+json")
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None   # GNU time, for peak RSS
ALL_TOOLS = ["skopeo", "crane", "regctl", "regbench-cold", "regbench-warm"]
# name -> (fake-registry dataset: built-in name or YAML text, kind)
WORKLOADS = {
    "standard": ("standard", "fresh"),
    "many-small": ("many-small", "fresh"),
    "noop-20": ("standard", "noop"),
    "noop-100": ("name: noop100\nseed: 11\nrepos: 1\ntagsPerRepo: 100\nlayersPerTag: 1\nlayerSize: 4KiB\n", "noop"),
    "noop-1000": ("name: noop1000\nseed: 12\nrepos: 1\ntagsPerRepo: 1000\nlayersPerTag: 1\nlayerSize: 4KiB\n", "noop"),
}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- tools

def find_peer(name):
    env = os.environ.get("PEERS_BIN")
    candidates = [os.path.join(env, name)] if env else []
    d = ROOT
    for _ in range(4):
        d = os.path.dirname(d)
        candidates.append(os.path.join(d, "shared", "peers", "bin", name))
    for c in candidates:
        if os.access(c, os.X_OK):
            return c
    return shutil.which(name)


def regbench_cmd():
    launcher = os.path.join(ROOT, "bin", "regbench")
    if os.access(launcher, os.X_OK):
        return [launcher]
    jar = os.path.join(ROOT, "harness", "target", "regbench.jar")
    if os.path.exists(jar):
        return ["java", "-jar", jar]
    return None


def version_of(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


# ---------------------------------------------------------------- processes

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def proc_cpu(pid):
    """utime + stime of a live process, seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def proc_status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024.0   # kB -> MiB
    return None


class Registry:
    """A fake or distribution registry on 127.0.0.1, as a child process."""

    def __init__(self, kind, work, regbench, dataset=None):
        self.kind = kind
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix=f"{kind}-", dir=work)
        logf = open(os.path.join(self.dir, "log"), "w")
        if kind == "fake":
            cmd = regbench + ["registry", "--port", str(self.port)]
            if dataset:
                if "\n" in dataset:
                    path = os.path.join(self.dir, "dataset.yaml")
                    with open(path, "w") as f:
                        f.write(dataset)
                    dataset = path
                cmd += ["--dataset", dataset]
        else:
            cfg = os.path.join(self.dir, "config.yml")
            with open(cfg, "w") as f:
                f.write(f"version: 0.1\nlog: {{level: error, accesslog: {{disabled: true}}}}\n"
                        f"storage: {{filesystem: {{rootdirectory: {self.dir}/data}}, delete: {{enabled: true}},"
                        f" cache: {{blobdescriptor: inmemory}}}}\nhttp: {{addr: 127.0.0.1:{self.port}}}\n")
            env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
            cmd = [shutil.which("docker-registry"), "serve", cfg]
        self.proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=None if kind == "fake" else env)
        self.wait_up()

    @property
    def host(self):
        return f"127.0.0.1:{self.port}"

    def wait_up(self):
        deadline = time.time() + 240
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.kind} registry exited; log: {self.dir}/log")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/v2/")
                if c.getresponse().status == 200:
                    c.close()
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"{self.kind} registry on {self.port} did not start")

    def cpu(self):
        return proc_cpu(self.proc.pid)

    def reset_stats(self):
        if self.kind == "fake":
            request(self.port, "DELETE", "/_regbench/stats")

    def stats(self):
        if self.kind != "fake":
            return None
        status, body, _ = request(self.port, "GET", "/_regbench/stats")
        return json.loads(body)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def request(port, method, path, headers=None, conn=None):
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request(method, path, headers=headers or {})
    r = c.getresponse()
    body = r.read()
    if conn is None:
        c.close()
    return r.status, body, r


# ---------------------------------------------------------------- source facts and verification

def catalog(port):
    status, body, _ = request(port, "GET", "/v2/_catalog?n=10000")
    return sorted(json.loads(body)["repositories"])


def tags(port, repo, conn=None):
    status, body, _ = request(port, "GET", f"/v2/{repo}/tags/list?n=100000", conn=conn)
    if status == 404:
        return []
    return sorted(json.loads(body).get("tags") or [])


def walk(port, repo, ref, conn, seen_blobs, manifests):
    """Manifest digest of repo:ref and every blob below it (digest -> size); records manifests."""
    status, body, r = request(port, "GET", f"/v2/{repo}/manifests/{ref}", {"Accept": ACCEPT}, conn)
    if status != 200:
        raise RuntimeError(f"{repo}:{ref}: manifest GET answered {status}")
    digest = "sha256:" + hashlib.sha256(body).hexdigest()
    manifests[digest] = len(body)
    doc = json.loads(body)
    media = doc.get("mediaType") or r.getheader("Content-Type", "")
    if media in INDEX_TYPES or "manifests" in doc:
        for child in doc["manifests"]:
            walk(port, repo, child["digest"], conn, seen_blobs, manifests)
    else:
        for d in [doc["config"]] + doc.get("layers", []):
            seen_blobs[d["digest"]] = d["size"]
    return digest


def source_facts(port, repo):
    """Tags with their manifest digests, unique blob bytes and manifest count, read from the source."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    blobs, manifests, digests = {}, {}, {}
    for t in tags(port, repo, conn):
        digests[t] = walk(port, repo, t, conn, blobs, manifests)
    conn.close()
    return {"repo": repo, "tags": digests, "blobs": blobs,
            "blob_bytes": sum(blobs.values()), "manifest_bytes": sum(manifests.values())}


def verify(port, repo, facts):
    """Every tag's manifest digest equals the source's and every blob hashes to its digest."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    blobs, manifests = {}, {}
    for t, want in facts["tags"].items():
        got = walk(port, repo, t, conn, blobs, manifests)
        if got != want:
            return f"{repo}:{t} manifest {got}, source {want}"
    for digest, size in blobs.items():
        conn.request("GET", f"/v2/{repo}/blobs/{digest}")
        r = conn.getresponse()
        if r.status in (301, 302, 307, 308):
            r.read()
            return f"blob {digest}: redirect not followed by the verifier"
        h, n = hashlib.sha256(), 0
        while True:
            chunk = r.read(1 << 20)
            if not chunk:
                break
            h.update(chunk)
            n += len(chunk)
        if r.status != 200 or "sha256:" + h.hexdigest() != digest or n != size:
            return f"blob {digest}: status {r.status}, {n} bytes, sha256:{h.hexdigest()}"
    conn.close()
    return None


# ---------------------------------------------------------------- one run of one tool

class Warm:
    """regbench replicate-loop: the engine in one long-lived JVM."""

    def __init__(self, regbench, work):
        self.log = open(os.path.join(work, "warm.log"), "w")
        # PEERS_WARM_JAVA_OPTS: JVM options for the warm JVM alone (e.g. a profiler agent), not the registries
        env = dict(os.environ)
        extra = os.environ.get("PEERS_WARM_JAVA_OPTS")
        if extra:
            env["REGBENCH_JAVA_OPTS"] = (env.get("REGBENCH_JAVA_OPTS", "") + " " + extra).strip()
        self.proc = subprocess.Popen(regbench + ["replicate-loop"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log, text=True, bufsize=1, env=env)

    def run(self, args):
        self.proc.stdin.write(" ".join(args[1:]) + "\n")      # args[0] is "replicate"
        self.proc.stdin.flush()
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("regbench replicate-loop exited")
            if line.startswith("@@done "):
                return int(line.split()[1])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def tool_command(tool, paths, src, dst, repo, home):
    s, d = f"{src.host}/{repo}", f"{dst.host}/{repo}"
    if tool == "skopeo":
        return [paths["skopeo"], "sync", "--src", "docker", "--dest", "docker", "--src-tls-verify=false",
                "--dest-tls-verify=false", s, f"{dst.host}/{os.path.dirname(repo)}".rstrip("/")]
    if tool == "crane":
        return [paths["crane"], "copy", "--all-tags", "--insecure", s, d]
    if tool == "regctl":
        return [paths["regctl"], "--host", f"reg={src.host},tls=disabled", "--host", f"reg={dst.host},tls=disabled",
                "repo", "copy", s, d]
    if tool in ("regbench-cold", "regbench-warm"):
        return ["replicate", s, d, "--no-progress"]
    raise ValueError(tool)


def run_tool(tool, paths, warm, src, dst, repo, home, logf):
    args = tool_command(tool, paths, src, dst, repo, home)
    cpu0 = {r: r.cpu() for r in (src, dst)}
    for r in (src, dst):
        r.reset_stats()
    if tool == "regbench-warm":
        w0 = proc_cpu(warm.proc.pid)
        t0 = time.perf_counter()
        code = warm.run(args)
        wall = time.perf_counter() - t0
        cpu = proc_cpu(warm.proc.pid) - w0
        rss = proc_status(warm.proc.pid, "VmRSS")
    else:
        cmd = paths["regbench"] + args if tool == "regbench-cold" else args
        env = dict(os.environ, HOME=home)     # regctl and skopeo keep their config under HOME
        # Peak RSS through GNU time: a process forked from this (large) Python would inherit its
        # high-water mark across exec; time's child starts from time's small one.
        rss_file = os.path.join(home, "rss")
        if TIME:
            cmd = [TIME, "-q", "-f", "%M", "-o", rss_file] + cmd
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=logf, stderr=logf, stdin=subprocess.DEVNULL, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        code = p.returncode
        cpu = ru.ru_utime + ru.ru_stime
        rss = None
        if TIME:
            with open(rss_file) as f:
                rss = int(f.read().split()[-1]) / 1024.0
    out = {"wall_s": wall, "cpu_s": cpu, "rss_mib": rss, "exit": code,
           "src_cpu_s": src.cpu() - cpu0[src], "dst_cpu_s": dst.cpu() - cpu0[dst]}
    ss, ds = src.stats(), dst.stats()
    if ss is not None and ds is not None:
        out["requests_src"] = ss["requestsTotal"]
        out["requests_dst"] = ds["requestsTotal"]
        out["requests"] = ss["requestsTotal"] + ds["requestsTotal"]
        out["connections"] = ss["connectionsAccepted"] + ds["connectionsAccepted"]
        out["routes_src"] = ss["requestsByRoute"]
        out["routes_dst"] = ds["requestsByRoute"]
    return out


# ---------------------------------------------------------------- statistics

def median_interval(xs):
    """Median and its distribution-free 95% interval from order statistics (n >= 6), else min..max."""
    xs = sorted(xs)
    n = len(xs)
    m = statistics.median(xs)
    if n >= 6:
        # largest k with P(Binomial(n, 1/2) < k) <= 0.025: [x_(k), x_(n+1-k)] covers the median >= 95%
        k, cum = 0, 0.0
        while True:
            cum_next = cum + comb(n, k) / 2 ** n
            if cum_next > 0.025:
                break
            cum, k = cum_next, k + 1
        k = max(k, 1)
        return m, xs[k - 1], xs[n - k], "95% order-statistic interval"
    return m, xs[0], xs[-1], "range"


def fmt(x, unit="s"):
    if x is None:
        return "—"
    if unit == "s":
        return f"{x:.3f}" if x < 1 else f"{x:.2f}"
    return f"{x:.0f}"


def summarise(runs, tools):
    rows = []
    keys = []
    for r in runs:
        k = (r["mode"], r["workload"])
        if k not in keys:
            keys.append(k)
    for mode, wl in keys:
        row = {"mode": mode, "workload": wl, "tools": {}}
        for tool in tools:
            rs = [r for r in runs if r["mode"] == mode and r["workload"] == wl and r["tool"] == tool and r["exit"] == 0]
            if not rs:
                continue
            cell = {"n": len(rs)}
            for metric in ("wall_s", "cpu_s", "rss_mib", "dst_cpu_s", "src_cpu_s", "requests", "connections"):
                xs = [r[metric] for r in rs if r.get(metric) is not None]
                if xs:
                    m, lo, hi, method = median_interval(xs)
                    cell[metric] = {"median": m, "low": lo, "high": hi, "method": method}
            row["tools"][tool] = cell
        rows.append(row)
    return rows


def print_table(summary, tools):
    def cell(c, metric, unit="s"):
        if c is None or metric not in c:
            return "—"
        v = c[metric]
        return f"{fmt(v['median'], unit)} ({fmt(v['low'], unit)}..{fmt(v['high'], unit)})"
    for metric, title, unit in (("wall_s", "wall time, s", "s"), ("cpu_s", "CPU of the tool, s", "s"),
                                ("dst_cpu_s", "CPU of the destination registry, s", "s"),
                                ("rss_mib", "peak RSS of the tool, MiB (warm: RSS of the long-lived JVM)", "n"),
                                ("requests", "requests (source + destination, counted by the fake registries)", "n"),
                                ("connections", "connections accepted (source + destination)", "n")):
        print(f"\n{title}: median (interval), n per cell as stated\n")
        print("| registries | workload | " + " | ".join(tools) + " |")
        print("| --- | --- |" + " ---: |" * len(tools))
        for row in summary:
            cells = []
            for t in tools:
                c = row["tools"].get(t)
                if c is None or metric not in c:
                    cells.append("—")
                    continue
                method = c[metric]["method"]
                tag = f", n={c['n']}" + ("" if method != "range" else " range")
                cells.append(cell(c, metric, unit) + tag)
            print(f"| {row['mode']} → {row['mode']} | {row['workload']} | " + " | ".join(cells) + " |")


# ---------------------------------------------------------------- main

def main():
    # Stopped by SIGTERM, or SIGINT (ignored by default in a background job): leave through the
    # finally blocks, so every registry and the warm JVM this run started are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modes", default="fake,distribution")
    ap.add_argument("--workloads", default="standard,many-small,noop-20,noop-100,noop-1000")
    ap.add_argument("--tools", default=",".join(ALL_TOOLS))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "regbench", "peers", "results.json"))
    ap.add_argument("--warmup", type=int, default=8,
                    help="untimed runs of each workload in the warm JVM before the timed ones (default 8)")
    ap.add_argument("--no-verify", action="store_true", help="skip hashing destinations (debugging only)")
    ap.add_argument("--table", metavar="RESULTS", nargs="+",
                    help="print the tables of an existing results file and exit; with several files, of their "
                         "runs pooled (only meaningful for tools whose code was the same in every run), "
                         "limited to --tools when it is given")
    a = ap.parse_args()
    if a.table:
        docs = []
        for name in a.table:
            with open(name) as f:
                docs.append(json.load(f))
        if len(docs) == 1:
            doc = docs[0]
            env = doc["environment"]
            print(f"regbench vs peers ({doc['runs_per_cell']} interleaved runs per cell; {env['cores']} cores; load "
                  f"{env['loadavg_start'][0]:.1f} → {env['loadavg_end'][0]:.1f}); results: {a.table[0]}")
            print_table(doc["summary"], doc["tools"])
            return
        asked = a.tools.split(",")
        tools = [t for t in ALL_TOOLS if t in asked and all(t in d["tools"] for d in docs)]
        runs = [r for d in docs for r in d["runs"] if r["tool"] in tools]
        print(f"regbench vs peers, the runs of {len(docs)} results files pooled "
              f"({' + '.join(str(d['runs_per_cell']) for d in docs)} interleaved runs per cell): {' '.join(a.table)}")
        print_table(summarise(runs, tools), tools)
        return

    regbench = regbench_cmd()
    paths = {"skopeo": shutil.which("skopeo"), "crane": find_peer("crane"), "regctl": find_peer("regctl"),
             "regbench": regbench}
    if regbench is None:
        sys.exit("regbench is not built: run ./mvnw -q -B package -DskipTests -DskipITs first")
    tools = []
    for t in a.tools.split(","):
        need = "regbench" if t.startswith("regbench") else t
        if t not in ALL_TOOLS:
            sys.exit(f"--tools: unknown tool '{t}' (known: {', '.join(ALL_TOOLS)})")
        if paths.get(need) is None:
            log(f"skipping {t}: not found (PATH, $PEERS_BIN, shared/peers/bin)")
            continue
        tools.append(t)
    modes = a.modes.split(",")
    if "distribution" in modes and shutil.which("docker-registry") is None:
        log("skipping distribution → distribution: docker-registry is not installed")
        modes.remove("distribution")
    filler = "crane" if paths["crane"] else "regbench-cold"
    versions = {"skopeo": version_of([paths["skopeo"], "--version"]) if paths["skopeo"] else None,
                "crane": version_of([paths["crane"], "version"]) if paths["crane"] else None,
                "regctl": version_of([paths["regctl"], "version", "--format", "{{.VCSTag}}"]) if paths["regctl"] else None,
                "regbench": " ".join(regbench), "java": version_of(["java", "-version"])}
    env = {"cores": os.cpu_count(), "loadavg_start": os.getloadavg(), "platform": platform.platform(),
           "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "commit": subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                                    text=True).stdout.strip(), "versions": versions}
    log(f"tools: {', '.join(tools)}; modes: {', '.join(modes)}; {a.runs} runs, ABBA; {env['cores']} cores, "
        f"load {env['loadavg_start'][0]:.1f}")
    work = tempfile.mkdtemp(prefix="regbench-peers-")
    home = os.path.join(work, "home")
    os.makedirs(home)
    logf = open(os.path.join(work, "tools.log"), "w")
    warm = Warm(regbench, work) if "regbench-warm" in tools else None
    runs, datasets, started = [], {}, []

    def registry(kind, dataset=None):
        r = Registry(kind, work, regbench, dataset)
        started.append(r)
        return r

    def stop(r):
        r.stop()
        started.remove(r)

    def fill(src, dst, repo):
        args = tool_command(filler, paths, src, dst, repo, home)
        cmd = paths["regbench"] + args if filler.startswith("regbench") else args
        subprocess.run(cmd, stdout=logf, stderr=logf, check=True, env=dict(os.environ, HOME=home))

    def source(mode, dataset):
        fake = registry("fake", dataset)
        repo = catalog(fake.port)[0]
        if mode == "fake":
            return fake, repo
        dist = registry("distribution")
        fill(fake, dist, repo)
        stop(fake)
        return dist, repo

    try:
        for mode in modes:
            for wl in a.workloads.split(","):
                if wl not in WORKLOADS:
                    sys.exit(f"--workloads: unknown workload '{wl}' (known: {', '.join(WORKLOADS)})")
                dataset, kind = WORKLOADS[wl]
                src, repo = source(mode, dataset)
                facts = source_facts(src.port, repo)
                datasets[wl] = {"repo": repo, "tags": len(facts["tags"]), "blobs": len(facts["blobs"]),
                                "blob_bytes": facts["blob_bytes"], "manifest_bytes": facts["manifest_bytes"]}
                log(f"{mode} {wl}: {repo}, {len(facts['tags'])} tags, {len(facts['blobs'])} blobs, "
                    f"{facts['blob_bytes'] / 1048576:.1f} MiB (read from the source)")
                noop_dst = None
                if kind == "noop":
                    noop_dst = registry(mode)
                    fill(src, noop_dst, repo)
                    bad = None if a.no_verify else verify(noop_dst.port, repo, facts)
                    if bad:
                        sys.exit(f"{mode} {wl}: the filled destination does not verify: {bad}")
                if warm is not None and a.warmup > 0:
                    # untimed runs of this workload, so the warm JVM's JIT has settled as in a service
                    # that has been running: fresh workloads copy into new repositories of one
                    # warm-up destination, no-op ones re-sync the filled destination
                    d = noop_dst or registry(mode)
                    for i in range(a.warmup):
                        args = tool_command("regbench-warm", paths, src, d, repo, home)
                        if noop_dst is None:
                            args[2] = f"{d.host}/warmup{i}/{repo}"
                        warm.run(args)
                    if noop_dst is None:
                        stop(d)
                for rep in range(a.runs):
                    order = tools if rep % 2 == 0 else list(reversed(tools))
                    for tool in order:
                        dst = noop_dst or registry(mode)
                        r = run_tool(tool, paths, warm, src, dst, repo, home, logf)
                        r.update({"mode": mode, "workload": wl, "kind": kind, "tool": tool, "rep": rep})
                        if r["exit"] != 0:
                            r["verified"] = False
                            log(f"  {tool} exited {r['exit']} (see {work}/tools.log)")
                        elif not a.no_verify:
                            bad = verify(dst.port, repo, facts)
                            r["verified"] = bad is None
                            if bad:
                                r["exit"] = -1
                                r["verify_error"] = bad
                                log(f"  {tool}: destination does not verify: {bad}")
                        runs.append(r)
                        log(f"  {mode} {wl} #{rep} {tool:14s} wall {r['wall_s']:.3f} s, cpu {r['cpu_s']:.2f} s, "
                            f"rss {r['rss_mib'] or 0:.0f} MiB, dst cpu {r['dst_cpu_s']:.2f} s"
                            + (f", {r['requests']} requests, {r['connections']} connections" if "requests" in r else ""))
                        if noop_dst is None:
                            stop(dst)
                if noop_dst is not None:
                    stop(noop_dst)
                stop(src)
                write_results(a, env, tools, modes, datasets, runs)
    finally:
        if warm is not None:
            warm.stop()
        for r in list(started):
            r.stop()
        logf.close()
    doc = write_results(a, env, tools, modes, datasets, runs)
    summary = doc["summary"]
    print(f"regbench vs peers ({a.runs} interleaved runs per cell; {env['cores']} cores; load "
          f"{env['loadavg_start'][0]:.1f} → {env['loadavg_end'][0]:.1f}); results: {a.out}")
    print_table(summary, tools)
    shutil.rmtree(work, ignore_errors=True)
    failed = [r for r in runs if r["exit"] != 0]
    if failed:
        log(f"{len(failed)} runs failed or did not verify")
        sys.exit(1)


def write_results(a, env, tools, modes, datasets, runs):
    """Writes the results file atomically (also after each workload, so a stopped run keeps what it measured)."""
    env["loadavg_end"] = os.getloadavg()
    summary = summarise(runs, tools)
    doc = {"schema": "regbench-peers/1", "environment": env, "runs_per_cell": a.runs, "tools": tools,
           "modes": modes, "datasets": datasets,
           "method": "interleaved, tool order reversed every other repetition (ABBA); fresh destination per fresh run; "
                     "median with a 95% order-statistic interval when n >= 6, else min..max (range)",
           "warm": "regbench replicate-loop: one long-lived JVM runs each `replicate` command line in turn "
                   "(a new Replicator and connection pool per run), after --warmup untimed runs per workload",
           "warmup_runs": a.warmup,
           "summary": summary, "runs": runs}
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1)
    os.replace(tmp, a.out)
    return doc


if __name__ == "__main__":
    main()
