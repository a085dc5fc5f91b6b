#!/usr/bin/env python3
"""Turns bench/run.sh's raw data (key=value lines) and JMH's JSON into the markdown results table."""
import json
import os
import re
import statistics
import sys

import bench_raw

raw_path, jmh_path = sys.argv[1], sys.argv[2]
raw = bench_raw.read(raw_path)
bench_fields, ms, yes = bench_raw.bench_fields, bench_raw.ms, bench_raw.yes


def wrk(name):
    return bench_raw.wrk(raw, name)


out = []
w = out.append
w("Measured %s on %s × %s, %s RAM, %s, %s. Tomcat %s with `%s`, load generator %s on the same machine"
  " (loopback). Load average (1/5/15 min) at start: %s; at the end: %s."
  % (raw["date"], raw["cpus"], raw["cpu_model"], raw["memory"], raw["java"], raw["kernel"],
     raw.get("tomcat_version", "11.0.24"), raw["catalina_opts"], raw["wrk"], raw["load_start"], raw["load_end"]))
w("")

# --- Load -----------------------------------------------------------------------------------------------------------
connections = sorted({int(m.group(1)) for k in raw for m in [re.match(r"wrk\.c(\d+)-r\d+-", k)] if m})
rounds = sorted({int(m.group(1)) for k in raw for m in [re.match(r"wrk\.c\d+-r(\d+)-", k)] if m})
scenarios = [("static", "static file (ceiling)"), ("welcome", "`/ivr/welcome`"),
             ("language-handler", "`/ivr/language-handler`")]
targets = []
w("**Webhooks vs the static-file ceiling** (signed POSTs, signature verification ON; wrk -t2, %s s per run, mean of"
  " %d interleaved rounds; ratio = requests/s of the endpoint / of the static file in the same round)"
  % (raw.get("duration", "10"), len(rounds)))
w("")
w("| Connections | Endpoint | Requests/s | p50 ms | p99 ms | vs static | Errors |")
w("|---:|---|---:|---:|---:|---:|---:|")
for c in connections:
    per = {s: [wrk("wrk.c%d-r%d-%s" % (c, r, s)) for r in rounds] for s, _ in scenarios}
    for s, label in scenarios:
        runs = per[s]
        rps = statistics.mean(x["rps"] for x in runs)
        p50 = statistics.mean(x["p50_us"] for x in runs)
        p99 = statistics.mean(x["p99_us"] for x in runs)
        errors = int(sum(x["errors"] for x in runs))
        if s == "static":
            ratio_text = "1.00"
        else:
            ratio = statistics.mean(a["rps"] / b["rps"] for a, b in zip(runs, per["static"]))
            ratio_text = "%.2f" % ratio
            targets.append(("%s at %d connections: ≥ 0.8 of static requests/s" % (label, c), ratio_text,
                            ratio >= 0.8))
            if c == 128:
                targets.append(("%s at 128 connections: p99 < 5 ms" % label, ms(p99) + " ms", p99 < 5000))
        w("| %d | %s | %.0f | %s | %s | %s | %d |" % (c, label, rps, ms(p50), ms(p99), ratio_text, errors))
w("")
w("Document: %s bytes (the same bytes from the servlet and from the static file)." % raw["document_bytes"])
w("")

# --- JMH ------------------------------------------------------------------------------------------------------------
if os.path.exists(jmh_path):
    with open(jmh_path, encoding="utf-8") as f:
        jmh = json.load(f)
    score = {}
    alloc = {}
    for r in jmh:
        method = r["benchmark"].rsplit(".", 1)[1]
        doc = r["params"]["document"]
        score[(doc, method)] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])
        sec = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        if sec:
            alloc[(doc, method)] = sec["score"]

    def fmt(doc, method):
        s, e = score[(doc, method)]
        text = ("%.3f" % s) if s < 1 else ("%.1f" % s) if s < 100 else ("%.0f" % s)
        a = alloc.get((doc, method))
        return "%s µs, %s B" % (text, "%.0f" % a if a is not None else "?")

    w("**Rendering one document** (JMH avgt, µs per document and bytes allocated per document; %s)"
      % "welcome = level-1 menu, menu-handler = key 2 at the English main menu (Speak + Dial)")
    w("")
    w("| Document | plivo-java `toXmlString()` | our `PlivoXml` on the same tree | build tree + `PlivoXml` |"
      " pre-rendered (what requests do) | `toXmlString()` / `PlivoXml` |")
    w("|---|---:|---:|---:|---:|---:|")
    for doc in ("welcome", "menu-handler"):
        speedup = score[(doc, "sdkToXmlString")][0] / score[(doc, "renderTree")][0]
        dynamic = score[(doc, "sdkToXmlString")][0] / score[(doc, "buildAndRender")][0]
        w("| %s | %s | %s | %s | %s | %.0f× |" % (doc, fmt(doc, "sdkToXmlString"), fmt(doc, "renderTree"),
                                                   fmt(doc, "buildAndRender"), fmt(doc, "preRendered"), speedup))
        targets.append(("%s: dynamic answer renders ≥ 20× faster than `toXmlString()`" % doc,
                        "%.0f× (tree built too: %.0f×)" % (speedup, dynamic), speedup >= 20))
        pre_alloc = alloc.get((doc, "preRendered"), 1e9)
        targets.append(("%s: constant document costs no XML marshalling per request" % doc,
                        "pre-rendered: %.3f µs, %.0f B allocated" % (score[(doc, "preRendered")][0], pre_alloc),
                        pre_alloc < 1))
    w("")

# --- make-call ------------------------------------------------------------------------------------------------------
if "call.sdk" in raw:
    sdk, app, health = (bench_fields(raw["call." + k]) for k in ("sdk", "app", "health"))
    w("**`/make-call`** against a fake Plivo API on loopback that answers 201 at once (%d sequential requests per"
      " path, interleaved, after a warm-up)" % sdk["n"])
    w("")
    w("| Path | mean ms | p50 ms | p99 ms |")
    w("|---|---:|---:|---:|")
    w("| plivo-java `Call.creator(...).create()` called directly | %s | %s | %s |"
      % (ms(sdk["mean_us"]), ms(sdk["p50_us"]), ms(sdk["p99_us"])))
    w("| `POST /make-call` (JSON, BASIC auth) on Tomcat | %s | %s | %s |"
      % (ms(app["mean_us"]), ms(app["p50_us"]), ms(app["p99_us"])))
    w("| `GET /health` on the same Tomcat (bare HTTP round trip) | %s | %s | %s |"
      % (ms(health["mean_us"]), ms(health["p50_us"]), ms(health["p99_us"])))
    w("| **overhead of the app** (`/make-call` − SDK) | **%s** | **%s** | %s |"
      % (ms(app["mean_us"] - sdk["mean_us"]), ms(app["p50_us"] - sdk["p50_us"]),
         ms(app["p99_us"] - sdk["p99_us"])))
    w("")

# --- Paced latency --------------------------------------------------------------------------------------------------
if "wrk.paced-static" in raw:
    w("**Latency below saturation**: 128 connections, each sending one request every %s ms (at most %d requests/s"
      " offered)" % (raw["pace_ms"], 128 * 1000 // int(raw["pace_ms"])))
    w("")
    w("| Endpoint | Requests/s | p50 ms | p90 ms | p99 ms | Errors |")
    w("|---|---:|---:|---:|---:|---:|")
    for s_, label in scenarios:
        x = wrk("wrk.paced-" + s_)
        w("| %s | %.0f | %s | %s | %s | %d |" % (label, x["rps"], ms(x["p50_us"]), ms(x["p90_us"]), ms(x["p99_us"]),
                                              x["errors"]))
    w("")

# --- Start-up, size, heap -------------------------------------------------------------------------------------------
h0, h1, h2 = (int(raw["heap_%d_kib" % i]) for i in range(3))
halves = [wrk("wrk.sustain-1"), wrk("wrk.sustain-2")]
sustain_s = sum(x["duration_us"] for x in halves) / 1e6
sustain_n = sum(x["requests"] for x in halves)
sustain_errors = sum(x["errors"] for x in halves)
start = int(raw["startup_first_200_ms"])
deploy = int(raw["deploy_ivr_ms"] or 0)


def histogram(path):
    counts = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
            if m:
                counts[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return counts


results_dir = os.path.dirname(raw_path)
before_h, after_h = histogram(os.path.join(results_dir, "histogram-0.txt")), histogram(
    os.path.join(results_dir, "histogram-end.txt"))
growth = sorted(((after_h[k][1] - before_h.get(k, (0, 0))[1], after_h[k][0] - before_h.get(k, (0, 0))[0], k)
                 for k in after_h), reverse=True)[:3]
w("**Start-up, size, memory**")
w("")
w("| Measure | Value |")
w("|---|---:|")
w("| Tomcat start (`catalina.sh run`, new JVM) to first 200 on `/ivr/health` | %d ms |" % start)
w("| of which Tomcat deploying the IVR (its log: *Deployment of deployment descriptor ... finished in*) | %d ms |"
  % deploy)
w("| Tomcat's *Server startup in* (all webapps) | %s ms |" % raw["server_startup_ms"])
w("| WAR size | %.1f MiB (%s bytes, %s jars in WEB-INF/lib) |"
  % (int(raw["war_bytes"]) / 1048576, raw["war_bytes"], raw["war_jars"]))
w("| Used heap after a full GC: at 0 s / %.0f s / %.0f s of whole calls at 128 connections | %.1f / %.1f / %.1f MiB |"
  % (halves[0]["duration_us"] / 1e6, sustain_s, h0 / 1024, h1 / 1024, h2 / 1024))
w("| Sustained run | %.0f requests in %.0f s (%.0f/s), %d errors |"
  % (sustain_n, sustain_s, sustain_n / sustain_s, sustain_errors))
if growth:
    w("| Largest growth by class, 0 s → %.0f s (after full GC) | %s |" % (sustain_s, "; ".join(
        "%s %+d B (%+d objects)" % (k.replace("|", "\\|"), b, n) for b, n, k in growth)))
w("")
targets.append(("Deploy to first 200 < 3 s (Tomcat's deployment of the IVR)", "%d ms" % deploy, deploy < 3000))
targets.append(("Tomcat cold start (new JVM) to first 200 < 3 s", "%d ms" % start, start < 3000))
# "No growth": what survives a full GC at the end is within 1 MiB of what survived it at the start.
targets.append(("No memory growth over a %.0f s sustained run" % sustain_s,
                "%+.2f MiB (0 s → %.0f s), %+.2f MiB (second half)" % ((h2 - h0) / 1024, sustain_s, (h2 - h1) / 1024),
                h2 - h0 < 1024))

w("**Targets**")
w("")
w("| Target | Measured | Met |")
w("|---|---|:---:|")
for name, value, ok in targets:
    w("| %s | %s | %s |" % (name, value, yes(ok)))
print("\n".join(out))
