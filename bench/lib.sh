# shellcheck shell=bash
# What bench/run.sh and bench/journal.sh share. Sourced after the caller has set BENCH_NAME (the prefix of its log
# lines), RAW (its raw data file) and, before run_wrk, PORT (Tomcat's, on 127.0.0.1).

log() { printf '%s: %s\n' "$BENCH_NAME" "$*" >&2; }
die() {
    printf '%s: ERROR: %s\n' "$BENCH_NAME" "$*" >&2
    exit 2
}
record() { printf '%s=%s\n' "$1" "$2" >>"$RAW"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# wait_for_200 URL TIMEOUT_SECONDS PID
wait_for_200() {
    local url=$1 timeout=$2 pid=$3 deadline status=
    deadline=$(($(now_ms) + timeout * 1000))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)
        [ "$status" = 200 ] && return 0
        kill -0 "$pid" 2>/dev/null || { log "process $pid exited before $url answered 200"; return 1; }
        sleep 0.05
    done
    log "no 200 from $url within ${timeout}s (last status: ${status:-none})"
    return 1
}

# stop_pid PID: TERM, up to 30 s to end, then KILL. Nothing when PID is empty or gone.
stop_pid() {
    local pid=$1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
}

# run_wrk_into OUTPUT_FILE KEY CONNECTIONS SECONDS LUA: one wrk run against http://127.0.0.1:$PORT; its BENCH line
# (printed by the Lua script's done()) goes to the raw data under KEY. Errors are logged, not fatal: the tables show
# them.
run_wrk_into() {
    local out=$1 key=$2 connections=$3 seconds=$4 lua=$5 line
    wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency -s "$lua" "http://127.0.0.1:$PORT" >"$out" 2>&1 \
        || { cat "$out"; die "wrk $key failed"; }
    line=$(grep '^BENCH ' "$out" | tail -n 1)
    [ -n "$line" ] || { cat "$out"; die "wrk $key printed no result"; }
    case "$line" in
        *' non2xx=0 connect=0 read=0 write=0 timeout=0 '*) ;;
        *) log "wrk $key had errors: $line" ;;
    esac
    record "$key" "$line"
}

# heap_used_after_gc PID: KiB of heap still used right after a full GC, i.e. what stays reachable.
heap_used_after_gc() {
    jcmd "$1" GC.run >/dev/null
    jcmd "$1" GC.heap_info | sed -n 's/.*heap *total [0-9]*K, used \([0-9]*\)K.*/\1/p' | sed -n 1p
}

# download_tomcat VERSION DIR: the real distribution org.apache.tomcat:tomcat:VERSION:tar.gz from Maven Central.
download_tomcat() {
    log "Tomcat $1 from Maven Central"
    (cd "$2" && mvn -B -q "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy" \
        -Dartifact="org.apache.tomcat:tomcat:$1:tar.gz" -DoutputDirectory="$2/download" \
        -Dmdep.overWriteIfNewer=true) >"$2/download.log" 2>&1 || { cat "$2/download.log"; die "download failed"; }
}
