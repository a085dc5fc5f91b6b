#!/usr/bin/env python3
"""Turns bench/journal.sh's raw data (key=value lines) into the markdown results tables."""
import json
import re
import statistics
import sys

import bench_raw

raw = bench_raw.read(sys.argv[1])
ms, yes = bench_raw.ms, bench_raw.yes


def wrk(name):
    return bench_raw.wrk(raw, name)


databases = []
for key in raw:
    m = re.match(r"(\w+)\.database$", key)
    if m:
        databases.append(m.group(1))

out = []
w = out.append
w("Measured %s on %s × %s, %s. Tomcat 11 with `%s`, wrk %s -t2 on the same machine (loopback). Load average"
  " (1/5/15 min) at start: %s; at the end: %s."
  % (raw["date"], raw["cpus"], raw["cpu_model"], raw["java"], raw["catalina_heap"], raw["wrk"],
     raw["load_start"], raw["load_end"]))
w("")
targets = []
for db in databases:
    w("**%s**: %s" % ({"h2": "Embedded default", "postgresql": "PostgreSQL"}.get(db, db), raw[db + ".database"]))
    w("")
    connections = sorted({int(m.group(1)) for k in raw for m in [re.match(db + r"\.wrk\.c(\d+)-r\d+-", k)] if m})
    if connections:
        w("| Connections | Endpoint | Requests/s | p50 ms | p99 ms | vs static | Errors |")
        w("|---:|---|---:|---:|---:|---:|---:|")
    rounds = sorted({int(m.group(1)) for k in raw for m in [re.match(db + r"\.wrk\.c\d+-r(\d+)-", k)] if m})
    for c in connections:
        per = {s: [wrk("%s.wrk.c%d-r%d-%s" % (db, c, r, s)) for r in rounds]
               for s in ("static", "welcome", "language-handler")}
        for s, label in (("static", "static file (ceiling)"), ("welcome", "`/ivr/welcome`, journaled"),
                         ("language-handler", "`/ivr/language-handler`, journaled")):
            runs = per[s]
            rps = statistics.mean(x["rps"] for x in runs)
            if s == "static":
                ratio = "1.00"
            else:
                value = statistics.mean(a["rps"] / b["rps"] for a, b in zip(runs, per["static"]))
                ratio = "%.2f" % value
                targets.append(("%s: %s at %d connections ≥ 0.8 of static" % (db, label, c), ratio, value >= 0.8))
            w("| %d | %s | %.0f | %s | %s | %s | %d |" % (c, label, rps, ms(statistics.mean(x["p50_us"] for x in runs)),
                                                      ms(statistics.mean(x["p99_us"] for x in runs)), ratio,
                                                      int(sum(x["errors"] for x in runs))))
    w("")
    s1, s2 = wrk(db + ".wrk.sustain-1"), wrk(db + ".wrk.sustain-2")
    sent = int(s1["requests"] + s2["requests"])
    rows = int(raw[db + ".rows_s1"]) + int(raw[db + ".rows_s2"])
    pool = int(raw[db + ".sustain_pool_requests"])
    health = json.loads(raw[db + ".health_end"])
    heap = [int(raw["%s.heap_%d_kib" % (db, i)]) / 1024 for i in range(3)]
    seconds = (s1["duration_us"] + s2["duration_us"]) / 1e6
    pace = int(raw.get("sustain_pace_ms", "0"))
    w("Sustained: whole calls (nine webhooks each, the hangup committed) at 128 connections%s for %.0f s: %d requests"
      " (%.0f/s, %d errors; each a new step while a half sends at most the %d it has pre-signed), **%d rows"
      " stored** (%+d), %d events dropped;"
      " the writer had caught up %s s after the load stopped. Used heap after a full GC at 0 / %.0f / %.0f s:"
      " %.1f / %.1f / %.1f MiB."
      % (", each pausing %d ms between requests" % pace if pace else " as fast as they go", seconds, sent,
         sent / seconds, int(s1["errors"] + s2["errors"]), pool, rows, rows - sent,
         health["journalEventsDropped"], raw[db + ".catch_up_s"], s1["duration_us"] / 1e6, seconds, heap[0], heap[1],
         heap[2]))
    w("")
    complete = (max(s1["requests"], s2["requests"]) <= pool and sent <= rows <= sent + 2 * 128
                and health["journalEventsDropped"] == 0)
    targets.append(("%s: sustained run stores every event (rows = requests; ≤ 128 in flight per half may add"
                    " rows wrk did not count)" % db, "%d rows / %d requests" % (rows, sent), complete))
    targets.append(("%s: flat heap over the sustained run" % db, "%+.1f MiB (0 → %.0f s)" % (heap[2] - heap[0], seconds),
                    heap[2] - heap[0] < 16))

w("**Targets**")
w("")
w("| Target | Measured | Met |")
w("|---|---|:---:|")
for label, measured, ok in targets:
    w("| %s | %s | %s |" % (label, measured, yes(ok)))
print("\n".join(out))
