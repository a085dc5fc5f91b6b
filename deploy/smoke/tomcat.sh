#!/usr/bin/env bash
# Smoke test on a REAL Apache Tomcat distribution (from Maven Central), installed by running the steps of
# deploy/README.md as written.
#
#   deploy/smoke/tomcat.sh path/to/ivr.war
#
# Downloads org.apache.tomcat:tomcat:$TOMCAT_VERSION:tar.gz, unpacks a fresh copy and runs the README's blocks
# tomcat-install, tomcat-operator (twice: the operator, and a second account to lock out), tomcat-harden and
# tomcat-try (simulation mode, "catalina.sh start"), with only the port changed: a free one on 127.0.0.1 instead of
# 8080. Then, in simulation mode: a simulated call, the lock-out of an operator, a login whose user name holds CR LF.
# Then it "goes live" as an operator would (replaces the placeholders in conf/Catalina/localhost/ivr.xml, Tomcat
# redeploys /ivr by itself), with plivo.api-url pointing at a fake Plivo API on loopback, and walks one call over HTTP
# with signed webhooks, places a call through the Plivo client and a simulated call (see lib.sh), probes Tomcat's
# error pages, waits out the lock-out, undeploys the IVR the documented way (deleting webapps/ivr.war) and stops
# Tomcat. The log must show no SEVERE entry, no forged line and no thread or memory leak warning.
# Prints PASS/FAIL lines and "smoke: N passed, N failed"; exits non-zero on any failure.
#
# Environment: TOMCAT_VERSION (default 11.0.24; 10.1.59 works too), SMOKE_WORK_DIR (default: a fresh temporary
# directory, removed on success), SMOKE_START_TIMEOUT (seconds, default 60).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEPLOY=$(dirname "$HERE")
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=checks.sh
. "$HERE/checks.sh"

TOMCAT_VERSION=${TOMCAT_VERSION:-11.0.24}
START_TIMEOUT=${SMOKE_START_TIMEOUT:-60}

[ $# -eq 1 ] || die "usage: $0 path/to/ivr.war"
WAR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -f "$WAR" ] || die "no WAR at $1"
require_tools curl python3 mvn java tar sed base64

if [ -n "${SMOKE_WORK_DIR:-}" ]; then
    WORK=$SMOKE_WORK_DIR
    mkdir -p "$WORK"
    KEEP_WORK=true
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/ivr-smoke-tomcat.XXXXXX")
    KEEP_WORK=false
fi
SERVER_PID=
SERVER_LOG=

stop_server() {
    # "catalina.sh start" wrote the process id to CATALINA_PID, even if this script stopped before reading it.
    if [ -z "$SERVER_PID" ] && [ -n "${CATALINA_PID:-}" ] && [ -s "$CATALINA_PID" ]; then
        SERVER_PID=$(cat "$CATALINA_PID")
    fi
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            log "Tomcat did not stop within 20 s; killing it"
            kill -9 "$SERVER_PID" 2>/dev/null || true
        fi
    fi
    SERVER_PID=
    if [ -n "${CATALINA_PID:-}" ]; then
        rm -f "$CATALINA_PID"
    fi
}

on_exit() {
    local rc=$?
    stop_server
    stop_fake_plivo
    stop_postgres
    if [ "$rc" -ne 0 ] || [ "$SMOKE_FAILED" -ne 0 ]; then
        if [ -n "$SERVER_LOG" ] && [ -f "$SERVER_LOG" ]; then
            echo "----- last 80 lines of $SERVER_LOG -----"
            tail -n 80 "$SERVER_LOG" | cut -c1-400 || true
            echo "-----"
        fi
        log "work directory kept: $WORK"
    elif ! $KEEP_WORK; then
        rm -rf "$WORK"
    fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# --- Download and unpack -------------------------------------------------------------------------------------------
T0=$(now_ms)
download "org.apache.tomcat:tomcat:$TOMCAT_VERSION:tar.gz" "$WORK/download"
rm -rf "$WORK/tomcat"
mkdir -p "$WORK/tomcat"
tar -xzf "$WORK/download/tomcat-$TOMCAT_VERSION.tar.gz" -C "$WORK/tomcat" --strip-components=1
CATALINA_HOME=$WORK/tomcat
log "Tomcat $TOMCAT_VERSION ready in $CATALINA_HOME ($(($(now_ms) - T0)) ms incl. download)"

# --- Test-only changes (not operator steps): a free port instead of 8080, no shutdown port ------------------------
PORT=$(free_port)
export CATALINA_HOME CATALINA_BASE=$CATALINA_HOME
SERVER_XML=$CATALINA_BASE/conf/server.xml
sed -i.orig -e 's|<Server port="8005"|<Server port="-1"|' -e "s|<Connector port=\"8080\"|<Connector port=\"$PORT\"|" \
    "$SERVER_XML"
grep -q '<Server port="-1"' "$SERVER_XML" || die "could not disable the shutdown port in $SERVER_XML"
grep -q "<Connector port=\"$PORT\"" "$SERVER_XML" || die "could not move the HTTP connector to port $PORT"
PORT_EDIT="s/8080/$PORT/g"
ROOT_URL="http://127.0.0.1:$PORT"
PUBLIC_URL="$ROOT_URL/ivr"
CONTEXT_XML=$CATALINA_BASE/conf/Catalina/localhost/ivr.xml
SERVER_LOG=$CATALINA_BASE/logs/catalina.out
VICTIM=smoke-victim
VICTIM_PASSWORD=smoke-victim-password-not-real

# Settings must come from ivr.xml only: make sure the caller's environment cannot override them.
clear_ivr_environment
export CATALINA_OPTS="-Xmx256m -XX:TieredStopAtLevel=1" CATALINA_PID=$WORK/tomcat.pid

# --- Call journal database (test-only: its own folder; the driver in lib/ as deploy/README.md says) ----------------
# Until it goes live on PostgreSQL the IVR keeps its journal in the embedded default: in this run's folder, never in
# the home folder of whoever runs the test. The PostgreSQL JDBC driver goes into lib/ before Tomcat starts: Tomcat
# creates the jdbc/ivr pool, not the WAR.
export IVR_DATA_DIR=$WORK/journal-data
start_postgres "$WORK/postgres"
cp "$(postgres_driver "$WORK/driver")" "$CATALINA_HOME/lib/"

# --- The documented steps, as written ------------------------------------------------------------------------------
operator_directory "$WORK/operator" "$WAR"
run_documented tomcat-install "$WORK/operator" || die "installation failed"
IVR_OPERATOR=$SMOKE_OPERATOR run_documented tomcat-operator "$WORK/operator" <<<"$SMOKE_OPERATOR_PASSWORD" \
    || die "could not add the operator"
IVR_OPERATOR=$VICTIM run_documented tomcat-operator "$WORK/operator" <<<"$VICTIM_PASSWORD" \
    || die "could not add a second operator"
run_documented tomcat-harden "$WORK/operator" "$PORT_EDIT" || die "hardening failed"
log "starting Tomcat on 127.0.0.1:$PORT (README: try it without Plivo)"
START=$(now_ms)
run_documented tomcat-try "$WORK/operator" "$PORT_EDIT" || die "Tomcat did not start"
SERVER_PID=$(cat "$CATALINA_PID")

# --- Simulation mode (no Plivo credentials) ------------------------------------------------------------------------
if wait_for_200 "$PUBLIC_URL/health" "$START_TIMEOUT" "$SERVER_PID" "$SERVER_LOG" \
    'SEVERE|Context \[/ivr\] startup failed|One or more listeners failed to start|Error deploying'; then
    STARTED_MS=$(($(now_ms) - START))
    pass "Tomcat $TOMCAT_VERSION started, GET /ivr/health 200 after ${STARTED_MS} ms"
else
    fail "Tomcat $TOMCAT_VERSION started, GET /ivr/health 200 within ${START_TIMEOUT}s"
    smoke_summary
    exit 1
fi
status=$(http GET "$PUBLIC_URL/health" "$WORK/health-try.json")
expect_equal "simulation mode: /ivr/health says callsEnabled false" false \
    "$(json_value "$WORK/health-try.json" callsEnabled || echo "HTTP $status")"

# Lock out the second operator, and send a login with CR LF in its user name, side by side (each failed login costs
# the realm a PBKDF2 hash).
FAILURES=$(realm_setting "$CONTEXT_XML" failureCount)
LOCK_SECONDS=$(realm_setting "$CONTEXT_XML" lockOutTime)
if grep -q "after \*\*$FAILURES\*\* failed logins" "$DEPLOY/README.md" \
    && grep -q "for \*\*$LOCK_SECONDS s\*\*" "$DEPLOY/README.md"; then
    pass "lock-out: deploy/README.md states the realm's settings in ivr.xml ($FAILURES failures, $LOCK_SECONDS s)"
else
    fail "lock-out: deploy/README.md states the realm's settings in ivr.xml ($FAILURES failures, $LOCK_SECONDS s)"
fi
(fail_logins "$PUBLIC_URL" "$VICTIM" "$FAILURES" && now_ms >"$WORK/victim-last-failure") &
LOCKING=$!
check_log_forging "$PUBLIC_URL" "$FAILURES" "$SERVER_LOG" "$CATALINA_BASE"/logs/catalina.*.log
wait "$LOCKING"
LAST_FAILURE=$(cat "$WORK/victim-last-failure")
check_lockout_starts "$PUBLIC_URL" "$VICTIM" "$VICTIM_PASSWORD" "$FAILURES"
status=$(login_status "$PUBLIC_URL" "$SMOKE_OPERATOR" "$SMOKE_OPERATOR_PASSWORD")
expect_equal "lock-out: it locks that user only, $SMOKE_OPERATOR still signs in" 200 "$status"

check_simulated_call "$PUBLIC_URL" make-call "$SMOKE_OPERATOR" "$SMOKE_OPERATOR_PASSWORD" "$WORK/try-call" \
    "simulation mode"

# --- Going live: the operator replaces the placeholders in ivr.xml; Tomcat redeploys /ivr by itself ----------------
# The journal goes live on PostgreSQL the documented way: the jdbc/ivr <Resource> block of ivr.xml un-commented and
# pointed at the smoke PostgreSQL (in the same edit as the Plivo settings, so that Tomcat redeploys once).
"$PYTHON" - "$CONTEXT_XML" "$SMOKE_DB_URL" ivr "$SMOKE_DB_PASSWORD" <<'PY'
import re, sys
from xml.sax.saxutils import quoteattr
path, url, user, password = sys.argv[1:5]
text = open(path, encoding="utf-8").read()
block = re.compile(r"<!-- BEGIN jdbc/ivr\n(.*?)\n\s*END jdbc/ivr -->", re.S)
found = block.findall(text)
if len(found) != 1:
    sys.exit("ivr.xml: expected exactly one commented jdbc/ivr Resource block, found %d" % len(found))
resource = found[0]
for name, value in (("url", url), ("username", user), ("password", password)):
    resource, count = re.subn(r'\b%s="[^"]*"' % name, lambda m: "%s=%s" % (name, quoteattr(value)), resource)
    if count != 1:
        sys.exit("ivr.xml: the jdbc/ivr Resource has no single %s attribute" % name)
open(path + ".journal", "w", encoding="utf-8").write(block.sub(lambda m: resource.strip(), text))
PY
mv "$CONTEXT_XML.journal" "$CONTEXT_XML"
journal_checks() {
    expect_journaled "$PUBLIC_URL"
}
# A stand-in for Plivo's API (plivo.api-url) so that placing a call is tested without reaching Plivo.
start_fake_plivo "$WORK/fake-plivo"
"$PYTHON" - "$CONTEXT_XML" \
    "plivo.auth-id=$SMOKE_AUTH_ID" \
    "plivo.auth-token=$SMOKE_AUTH_TOKEN" \
    "plivo.phone-number=$SMOKE_PHONE" \
    "ivr.associate-number=$SMOKE_ASSOCIATE" \
    "ivr.public-url=$PUBLIC_URL" \
    "ivr.audio-url.en=$SMOKE_AUDIO_EN" \
    "ivr.audio-url.es=$SMOKE_AUDIO_ES" \
    "plivo.api-url=$SMOKE_API_URL" <<'PY'
# Replace the value= of each named <Environment>; every name must exist exactly once in the file.
import re, sys
from xml.sax.saxutils import quoteattr
path, pairs = sys.argv[1], sys.argv[2:]
text = open(path, encoding="utf-8").read()
for pair in pairs:
    name, value = pair.split("=", 1)
    pattern = re.compile(r'(<Environment\s+name="%s"[^>]*?\bvalue=)"[^"]*"' % re.escape(name))
    text, count = pattern.subn(lambda m: m.group(1) + quoteattr(value), text)
    if count != 1:
        sys.exit("ivr.xml: expected exactly one <Environment name=%r ...value=...>, found %d" % (name, count))
open(path, "w", encoding="utf-8").write(text)
PY
log "ivr.xml edited with the Plivo settings; waiting for Tomcat to redeploy /ivr"
START=$(now_ms)
LIVE_START=$START
live=false
while [ "$(now_ms)" -lt $((START + 60000)) ]; do
    if http GET "$PUBLIC_URL/health" "$WORK/health-live.json" >/dev/null \
        && [ "$(json_value "$WORK/health-live.json" callsEnabled 2>/dev/null)" = true ]; then
        live=true
        break
    fi
    sleep 0.5
done
if $live; then
    pass "going live: Tomcat redeployed /ivr with the Plivo settings after $(($(now_ms) - START)) ms"
else
    fail "going live: Tomcat redeployed /ivr with the Plivo settings within 60 s" "$(snippet "$WORK/health-live.json")"
fi

# Checks of the live IVR that check_server runs after walking a call.
server_checks() {
    check_simulated_call "$PUBLIC_URL" simulator/api/calls "$SMOKE_OPERATOR" "$SMOKE_OPERATOR_PASSWORD" \
        "$WORK/live-call" "live"
    check_error_pages "$ROOT_URL" malformed-escapes
    check_lockout_ends "$PUBLIC_URL" "$VICTIM" "$VICTIM_PASSWORD" "$LAST_FAILURE" "$LOCK_SECONDS"
    undeploy
}

# Undeploy the documented way: delete webapps/ivr.war; Tomcat undeploys /ivr and deletes ivr.xml.
undeploy() {
    local before gone=false t0
    before=$(grep -c 'Undeploying context \[/ivr\]' "$SERVER_LOG" || true)
    rm "$CATALINA_BASE/webapps/ivr.war"
    t0=$(now_ms)
    while [ "$(now_ms)" -lt $((t0 + 30000)) ]; do
        if [ "$(grep -c 'Undeploying context \[/ivr\]' "$SERVER_LOG" || true)" -gt "$before" ] \
            && [ "$(http GET "$PUBLIC_URL/health" /dev/null)" = 404 ] && [ ! -e "$CONTEXT_XML" ]; then
            gone=true
            break
        fi
        sleep 0.3
    done
    if $gone; then
        pass "undeploy: deleting webapps/ivr.war undeployed /ivr (and deleted ivr.xml) in $(($(now_ms) - t0)) ms"
    else
        fail "undeploy: deleting webapps/ivr.war undeploys /ivr within 30 s"
    fi
}

# check_server times "started" from START: here, from the edit of ivr.xml to the redeployed IVR.
START=$LIVE_START
# (No 'SEVERE' in the pattern: the log now holds the escaped fake record; the end checks SEVERE entries properly.)
check_server "Tomcat $TOMCAT_VERSION redeployed live" \
    'Context \[/ivr\] startup failed|One or more listeners failed to start|Error deploying'
