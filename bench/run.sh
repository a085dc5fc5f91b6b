#!/usr/bin/env bash
# InspireWorks IVR benchmarks: everything from a fresh clone, one results table at the end.
#
#   bench/run.sh
#
# 1. Builds the WAR (mvn package -DskipTests) and the benchmark classes (src/test/java/.../bench).
# 2. JMH: rendering a document with plivo-java's toXmlString() vs our PlivoXml vs the pre-rendered bytes.
# 3. Downloads the real Tomcat distribution org.apache.tomcat:tomcat:$TOMCAT_VERSION:tar.gz from Maven Central,
#    deploys target/ivr.war under /ivr (settings as JNDI <Environment> entries in conf/Catalina/localhost/ivr.xml,
#    with a FAKE auth token, so webhook signatures are checked) next to a static webapp holding a byte-identical copy
#    of the /ivr/welcome document (the ceiling: Tomcat's DefaultServlet serving a file). 127.0.0.1 only.
# 4. Start-up time (Tomcat start -> first 200 on /ivr/health), WAR size.
# 5. wrk on loopback with pre-signed POSTs: static file vs /ivr/welcome vs /ivr/language-handler at each connection
#    count, in interleaved rounds, so that drift of the machine hits all alike.
# 6. Heap: used heap after a full GC before and after a sustained run of whole calls.
# 7. /make-call against a fake Plivo API that answers at once, vs calling the SDK directly.
# Prints one markdown table and writes it to bench/results/latest.md (raw data next to it).
#
# Needs: java 17+, mvn, curl, python3, tar, jcmd (JDK), wrk (Debian: apt-get install -y wrk).
# Environment (defaults in brackets): TOMCAT_VERSION [11.0.24], CONNECTIONS ["16 128"], DURATION seconds per load
# run [10], WARMUP seconds [3], ROUNDS [3], SUSTAIN seconds [60], CALLS /make-call requests measured per side
# [2000], SKIP_JMH [0], JMH_ARGS [-wi 3 -w 1 -i 5 -r 1 -f 1], CATALINA_HEAP [-Xms512m -Xmx512m],
# BENCH_JFR [0; 1 = record a JFR profile of Tomcat during the load runs into bench/results/tomcat.jfr], PACE_MS [20].
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
RESULTS=$HERE/results
WORK=$RESULTS/work
RAW=$RESULTS/raw.txt

TOMCAT_VERSION=${TOMCAT_VERSION:-11.0.24}
CONNECTIONS=${CONNECTIONS:-16 128}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-3}
SUSTAIN=${SUSTAIN:-60}
CALLS=${CALLS:-2000}
SKIP_JMH=${SKIP_JMH:-0}
JMH_ARGS=${JMH_ARGS:--wi 3 -w 1 -i 5 -r 1 -f 1}
CATALINA_HEAP=${CATALINA_HEAP:--Xms512m -Xmx512m}
BENCH_JFR=${BENCH_JFR:-0}

# Obviously fake values: the token only has to be the same on both sides so that signatures are checked for real.
AUTH_ID='MAFAKEFAKEFAKEFAKE00'
# The token must be the one the fake Plivo API (src/test/.../support/FakePlivoApi) accepts for create-call.
AUTH_TOKEN='FakeTokenForTestsOnly0123456789abcdefXYZ'
OPERATOR='bench-operator'
OPERATOR_PASSWORD='bench-password-not-real'

BENCH_NAME=bench
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

for tool in java mvn curl python3 tar jcmd; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not on PATH"
done
command -v wrk >/dev/null 2>&1 || die "wrk is not installed. On Debian/Ubuntu: sudo apt-get install -y wrk"

rm -rf "$RESULTS"
mkdir -p "$WORK"
: >"$RAW"

TOMCAT_PID=
FAKE_PID=
cleanup() {
    local rc=$?
    stop_pid "$TOMCAT_PID"
    stop_pid "$FAKE_PID"
    [ "$rc" -eq 0 ] || log "failed (exit $rc); logs in $RESULTS"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Machine -------------------------------------------------------------------------------------------------------
record date "$(date -u '+%Y-%m-%d %H:%M UTC')"
record cpus "$(nproc)"
record cpu_model "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
record memory "$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
record java "$(java -version 2>&1 | sed -n 2p)"
record kernel "$(uname -sr)"
record wrk "$(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
record load_start "$(load_average)"
record tomcat_version "$TOMCAT_VERSION"
record duration "$DURATION"

# --- Build -----------------------------------------------------------------------------------------------------------
log "building the WAR and the benchmark classes"
(cd "$ROOT" && mvn -B -q package -DskipTests) >"$RESULTS/build.log" 2>&1 || { cat "$RESULTS/build.log"; die "build failed"; }
(cd "$ROOT" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/classpath.txt") >>"$RESULTS/build.log" 2>&1 || die "could not resolve the test classpath"
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")"
WAR=$ROOT/target/ivr.war
record war_bytes "$(stat -c %s "$WAR")"
record war_jars "$(unzip -l "$WAR" | grep -c 'WEB-INF/lib/.*\.jar$' || true)"

# --- JMH -------------------------------------------------------------------------------------------------------------
if [ "$SKIP_JMH" != 1 ]; then
    log "JMH: RenderBenchmark ($JMH_ARGS, -prof gc), about 1.5 minutes"
    record load_jmh "$(load_average)"
    # shellcheck disable=SC2086
    java -cp "$CP" org.openjdk.jmh.Main RenderBenchmark $JMH_ARGS -prof gc -rf json -rff "$RESULTS/jmh.json" \
        >"$RESULTS/jmh.log" 2>&1 || { tail -n 40 "$RESULTS/jmh.log"; die "JMH failed"; }
fi

# --- Tomcat ----------------------------------------------------------------------------------------------------------
download_tomcat "$TOMCAT_VERSION" "$WORK"
CATALINA_HOME=$WORK/tomcat
mkdir -p "$CATALINA_HOME"
tar -xzf "$WORK/download/tomcat-$TOMCAT_VERSION.tar.gz" -C "$CATALINA_HOME" --strip-components=1

PORT=$(free_port)
PUBLIC_URL="http://127.0.0.1:$PORT/ivr"
sed -i -e 's|<Server port="8005"|<Server port="-1"|' \
    -e "s|<Connector port=\"8080\"|<Connector port=\"$PORT\" address=\"127.0.0.1\"|" "$CATALINA_HOME/conf/server.xml"
grep -q "<Connector port=\"$PORT\" address=\"127.0.0.1\"" "$CATALINA_HOME/conf/server.xml" \
    || die "could not bind the connector to 127.0.0.1:$PORT"
rm -rf "$CATALINA_HOME"/webapps/*
# The ceiling: a plain static webapp; the document is copied in once the IVR has served it.
mkdir -p "$CATALINA_HOME/webapps/ceiling"
cp "$WAR" "$CATALINA_HOME/webapps/ivr.war"

# An operator for /make-call (UserDatabaseRealm of the stock server.xml).
cat >"$CATALINA_HOME/conf/tomcat-users.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
  <role rolename="ivr-operator"/>
  <user username="$OPERATOR" password="$OPERATOR_PASSWORD" roles="ivr-operator"/>
</tomcat-users>
XML

# The fake Plivo API, before Tomcat: the app's plivo.api-url points at it.
log "starting the fake Plivo API"
java -cp "$CP" com.inspireworks.ivr.bench.FakePlivoServer "$WORK/fake-api.url" >"$RESULTS/fake-api.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/fake-api.url" ] && break; sleep 0.1; done
[ -s "$WORK/fake-api.url" ] || die "the fake Plivo API did not start (see $RESULTS/fake-api.log)"
FAKE_API_URL=$(cat "$WORK/fake-api.url")

# Settings, the way operators give them (deploy/tomcat/ivr.xml), with bench values. Limits raised for /make-call.
mkdir -p "$CATALINA_HOME/conf/Catalina/localhost"
cat >"$CATALINA_HOME/conf/Catalina/localhost/ivr.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Context>
  <Environment name="plivo.auth-id" type="java.lang.String" value="$AUTH_ID" override="false"/>
  <Environment name="plivo.auth-token" type="java.lang.String" value="$AUTH_TOKEN" override="false"/>
  <Environment name="plivo.phone-number" type="java.lang.String" value="+14155550100" override="false"/>
  <Environment name="ivr.associate-number" type="java.lang.String" value="+14155550199" override="false"/>
  <Environment name="ivr.public-url" type="java.lang.String" value="$PUBLIC_URL" override="false"/>
  <Environment name="ivr.audio-url.en" type="java.lang.String" value="https://audio.example.com/bench/en.mp3" override="false"/>
  <Environment name="ivr.audio-url.es" type="java.lang.String" value="https://audio.example.com/bench/es.mp3" override="false"/>
  <Environment name="plivo.api-url" type="java.lang.String" value="$FAKE_API_URL" override="false"/>
  <Environment name="ivr.max-calls-per-minute" type="java.lang.String" value="10000" override="false"/>
  <Environment name="ivr.max-calls-per-hour" type="java.lang.String" value="1000000" override="false"/>
  <!-- The call journal's embedded default, in the bench's own folder (never the user's home); bench/journal.sh
       measures the journal on both databases. -->
  <Environment name="ivr.data-dir" type="java.lang.String" value="$WORK/journal" override="false"/>
</Context>
XML

export CATALINA_HOME CATALINA_BASE=$CATALINA_HOME
CATALINA_OPTS="$CATALINA_HEAP"
if [ "$BENCH_JFR" = 1 ]; then
    CATALINA_OPTS="$CATALINA_OPTS -XX:StartFlightRecording=filename=$RESULTS/tomcat.jfr,settings=profile,dumponexit=true"
fi
export CATALINA_OPTS
record catalina_opts "$CATALINA_OPTS"
# Settings come from ivr.xml only.
unset PLIVO_AUTH_ID PLIVO_AUTH_TOKEN PLIVO_PHONE_NUMBER PLIVO_API_URL IVR_ASSOCIATE_NUMBER IVR_PUBLIC_URL \
    IVR_AUDIO_URL_EN IVR_AUDIO_URL_ES IVR_VERIFY_SIGNATURES JAVA_OPTS

log "starting Tomcat on 127.0.0.1:$PORT"
record load_startup "$(load_average)"
START=$(now_ms)
"$CATALINA_HOME/bin/catalina.sh" run >"$RESULTS/catalina.out" 2>&1 &
TOMCAT_PID=$!
wait_for_200 "$PUBLIC_URL/health" 60 "$TOMCAT_PID" || { tail -n 60 "$RESULTS/catalina.out"; die "Tomcat did not start"; }
record startup_first_200_ms $(($(now_ms) - START))
# Tomcat's own account: the IVR's deployment (context descriptor) and the whole server start.
sleep 0.5
record deploy_ivr_ms "$(sed -n 's/.*Deployment of deployment descriptor \[.*ivr\.xml\] has finished in \[\([0-9,]*\)\] ms.*/\1/p' \
    "$RESULTS/catalina.out" | tr -d , | head -n 1)"
record server_startup_ms "$(sed -n 's/.*Server startup in \[\([0-9,]*\)\] milliseconds.*/\1/p' "$RESULTS/catalina.out" \
    | tr -d , | head -n 1)"
# `catalina.sh run` execs java, so its PID is Tomcat's JVM.
TOMCAT_JVM=$TOMCAT_PID
jcmd "$TOMCAT_JVM" VM.version >/dev/null 2>&1 || die "process $TOMCAT_JVM is not a JVM that jcmd can reach"

# --- Signed requests, the ceiling document, sanity checks -----------------------------------------------------------
java -cp "$CP" com.inspireworks.ivr.bench.SignedRequests "$AUTH_TOKEN" "$PUBLIC_URL" /ivr /ceiling/welcome.xml \
    "$WORK/lua" >"$WORK/signed.log" 2>&1 || { cat "$WORK/signed.log"; die "could not sign the requests"; }
status=$(curl -sS -o "$WORK/welcome.xml" -w '%{http_code}' -X POST -H @"$WORK/lua/welcome.headers" \
    --data-binary @"$WORK/lua/welcome.body" "http://127.0.0.1:$PORT/ivr/ivr/welcome")
[ "$status" = 200 ] && grep -q '<GetDigits' "$WORK/welcome.xml" || die "signed POST /ivr/welcome: HTTP $status"
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST --data-binary @"$WORK/lua/welcome.body" \
    "http://127.0.0.1:$PORT/ivr/ivr/welcome")
[ "$status" = 403 ] || die "an unsigned POST /ivr/welcome answered $status, not 403: signatures are not checked"
cp "$WORK/welcome.xml" "$CATALINA_HOME/webapps/ceiling/welcome.xml"
curl -sS -o "$WORK/ceiling.xml" -X POST -H @"$WORK/lua/welcome.headers" --data-binary @"$WORK/lua/welcome.body" \
    "http://127.0.0.1:$PORT/ceiling/welcome.xml"
cmp -s "$WORK/welcome.xml" "$WORK/ceiling.xml" || die "the static copy differs from the /ivr/welcome document"
record document_bytes "$(stat -c %s "$WORK/welcome.xml")"

# --- Load ----------------------------------------------------------------------------------------------------------
# run_wrk NAME CONNECTIONS SECONDS LUA: one wrk run; its BENCH line goes to the raw data under wrk.NAME.
run_wrk() { run_wrk_into "$RESULTS/wrk-$1.txt" "wrk.$1" "$2" "$3" "$4"; }

SCENARIOS="static welcome language-handler"
log "warming up (JIT) every scenario"
for scenario in $SCENARIOS; do
    run_wrk "warmup-$scenario" 64 "$WARMUP" "$WORK/lua/$scenario.lua"
done
for connections in $CONNECTIONS; do
    for round in $(seq 1 "$ROUNDS"); do
        log "load: $connections connections, round $round of $ROUNDS ($SCENARIOS, ${DURATION}s each)"
        record "load_c$connections.r$round" "$(load_average)"
        for scenario in $SCENARIOS; do
            run_wrk "warmup-c$connections-r$round-$scenario" "$connections" 1 "$WORK/lua/$scenario.lua"
            run_wrk "c$connections-r$round-$scenario" "$connections" "$DURATION" "$WORK/lua/$scenario.lua"
        done
    done
done

# --- Latency below saturation ---------------------------------------------------------------------------------------
# wrk keeps every connection busy, so at 128 connections the CPU is saturated and latency is mostly queueing
# (Little's law: mean latency = connections / throughput). Here each connection waits PACE_MS between requests,
# i.e. at most 128 * 1000 / PACE_MS requests/s are offered, to show the latency when the server is not saturated.
PACE_MS=${PACE_MS:-20}
record pace_ms "$PACE_MS"
for scenario in $SCENARIOS; do
    { cat "$WORK/lua/$scenario.lua"; echo "delay = function() return $PACE_MS end"; } >"$WORK/lua/paced-$scenario.lua"
done
log "load: 128 connections paced at one request per ${PACE_MS} ms each ($SCENARIOS, ${DURATION}s each)"
record load_paced "$(load_average)"
for scenario in $SCENARIOS; do
    run_wrk "paced-$scenario" 128 "$DURATION" "$WORK/lua/paced-$scenario.lua"
done

# --- Heap over a sustained run ---------------------------------------------------------------------------------------
# Used heap right after a full GC (jcmd GC.run), i.e. what stays reachable, at 0 s, half-way and the end of SUSTAIN
# seconds of whole calls at 128 connections; class histograms at 0 s and the end show what grew, if anything.
log "heap: whole calls at 128 connections, 10 s warm-up then ${SUSTAIN}s; used heap after a full GC at 0, 1/2, end"
run_wrk "sustain-warmup" 128 10 "$WORK/lua/mix.lua"
record heap_0_kib "$(heap_used_after_gc "$TOMCAT_JVM")"
jcmd "$TOMCAT_JVM" GC.class_histogram >"$RESULTS/histogram-0.txt"
record load_sustain "$(load_average)"
HALF=$((SUSTAIN / 2))
run_wrk "sustain-1" 128 "$HALF" "$WORK/lua/mix.lua"
record heap_1_kib "$(heap_used_after_gc "$TOMCAT_JVM")"
run_wrk "sustain-2" 128 $((SUSTAIN - HALF)) "$WORK/lua/mix.lua"
record heap_2_kib "$(heap_used_after_gc "$TOMCAT_JVM")"
jcmd "$TOMCAT_JVM" GC.class_histogram >"$RESULTS/histogram-end.txt"
jcmd "$TOMCAT_JVM" GC.heap_info >"$RESULTS/heap-end.txt"

# --- /make-call ----------------------------------------------------------------------------------------------------
log "/make-call vs the SDK directly, $CALLS requests each"
record load_make_call "$(load_average)"
java -cp "$CP" com.inspireworks.ivr.bench.MakeCallBench "$FAKE_API_URL" "$PUBLIC_URL" "$OPERATOR" \
    "$OPERATOR_PASSWORD" 300 "$CALLS" >"$RESULTS/make-call.txt" 2>&1 || { cat "$RESULTS/make-call.txt"; die "MakeCallBench failed"; }
while read -r line; do
    record "call.$(echo "$line" | cut -d' ' -f2)" "$line"
done < <(grep '^BENCH ' "$RESULTS/make-call.txt")

record load_end "$(load_average)"
grep -q 'SEVERE' "$RESULTS/catalina.out" && log "note: SEVERE entries in $RESULTS/catalina.out"

# --- Report --------------------------------------------------------------------------------------------------------
python3 "$HERE/report.py" "$RAW" "$RESULTS/jmh.json" >"$RESULTS/latest.md"
cat "$RESULTS/latest.md"
log "table written to $RESULTS/latest.md"
