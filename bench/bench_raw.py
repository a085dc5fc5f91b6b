"""What bench/report.py and bench/journal_report.py share: the raw data files the benchmark scripts write (one
key=value per line; wrk runs as the BENCH line of bench/*.lua's done()), and how the tables print numbers."""
import re


def read(path):
    """The raw data file as a dict; a later line with the same key wins."""
    raw = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line:
                key, value = line.rstrip("\n").split("=", 1)
                raw[key] = value
    return raw


def bench_fields(line):
    """The numbers of a BENCH line: requests, duration_us, p50_us ..."""
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)}


def wrk(raw, name):
    """One wrk run's numbers, with its requests/s and its error count added."""
    fields = bench_fields(raw[name])
    fields["rps"] = fields["requests"] / (fields["duration_us"] / 1e6)
    fields["errors"] = sum(fields[k] for k in ("non2xx", "connect", "read", "write", "timeout"))
    return fields


def ms(us):
    return "%.2f" % (us / 1000.0)


def yes(ok):
    return "**yes**" if ok else "**NO**"
