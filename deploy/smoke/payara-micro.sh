#!/usr/bin/env bash
# Smoke test on a REAL Payara Micro (from Maven Central).
#
#   deploy/smoke/payara-micro.sh path/to/ivr.war
#
# Downloads fish.payara.extras:payara-micro:$PAYARA_MICRO_VERSION and configures it the documented way:
# deploy/payara/micro-pre-boot.asadmin (loopback only, no Hazelcast); deploy/payara/ivr-config.asadmin with smoke
# values as the post-boot command file (MicroProfile Config "domain" source, the operator account in the file
# realm); Plivo credentials as files in a --secretsdir directory; plivo.api-url pointing at a fake Plivo API on
# loopback. Deploys the WAR with --contextroot ivr on a free port on 127.0.0.1, waits for GET /ivr/health and walks
# one call over HTTP with signed webhooks, checks the operator pages and places a call (see lib.sh). Prints PASS/FAIL
# lines and "smoke: N passed, N failed"; exits non-zero on any failure.
#
# Environment: PAYARA_MICRO_VERSION (default 6.2025.10), SMOKE_WORK_DIR (default: a fresh temporary directory,
# removed on success), SMOKE_START_TIMEOUT (seconds, default 120).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEPLOY=$(dirname "$HERE")
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=checks.sh
. "$HERE/checks.sh"

PAYARA_MICRO_VERSION=${PAYARA_MICRO_VERSION:-6.2025.10}
START_TIMEOUT=${SMOKE_START_TIMEOUT:-120}

[ $# -eq 1 ] || die "usage: $0 path/to/ivr.war"
WAR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -f "$WAR" ] || die "no WAR at $1"
require_tools curl python3 mvn java

if [ -n "${SMOKE_WORK_DIR:-}" ]; then
    WORK=$SMOKE_WORK_DIR
    mkdir -p "$WORK"
    KEEP_WORK=true
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/ivr-smoke-payara-micro.XXXXXX")
    KEEP_WORK=false
fi
SERVER_PID=
SERVER_LOG=$WORK/payara-micro.log

stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 150); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            log "Payara Micro did not stop within 30 s; killing it"
            kill -9 "$SERVER_PID" 2>/dev/null || true
        fi
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=
}

on_exit() {
    local rc=$?
    stop_server
    stop_fake_plivo
    stop_postgres
    if [ "$rc" -ne 0 ] || [ "$SMOKE_FAILED" -ne 0 ]; then
        if [ -f "$SERVER_LOG" ]; then
            echo "----- last 80 lines of $SERVER_LOG -----"
            # Payara colours its console output; strip the escape sequences.
            tail -n 80 "$SERVER_LOG" | sed 's/\x1b\[[0-9;]*m//g' || true
            echo "-----"
        fi
        log "work directory kept: $WORK"
    elif ! $KEEP_WORK; then
        rm -rf "$WORK"
    fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# --- Download ------------------------------------------------------------------------------------------------------
T0=$(now_ms)
download "fish.payara.extras:payara-micro:$PAYARA_MICRO_VERSION" "$WORK/download"
PAYARA_JAR=$WORK/download/payara-micro-$PAYARA_MICRO_VERSION.jar
[ -f "$PAYARA_JAR" ] || die "download did not produce $PAYARA_JAR"
log "Payara Micro $PAYARA_MICRO_VERSION ready ($(($(now_ms) - T0)) ms incl. download)"

# --- Configure -------------------------------------------------------------------------------------------------------
PORT=$(free_port)
PUBLIC_URL="http://127.0.0.1:$PORT/ivr"

# A stand-in for Plivo's API (plivo.api-url) so that placing a call is tested without reaching Plivo.
start_fake_plivo "$WORK/fake-plivo"

# The WAR is copied so that the application is named "ivr" whatever the file was called.
cp "$WAR" "$WORK/ivr.war"

# Pre-boot: the operator file as shipped (loopback only, Hazelcast off).
cp "$DEPLOY/payara/micro-pre-boot.asadmin" "$WORK/pre-boot.asadmin"

# Post-boot: the operator file with smoke values; every set-config-property line below must be there exactly once,
# and the create-file-user line is activated for the smoke operator (password from a password file).
umask 077
printf 'AS_ADMIN_USERPASSWORD=%s\n' "$SMOKE_OPERATOR_PASSWORD" >"$WORK/operator.pw"
"$PYTHON" - "$DEPLOY/payara/ivr-config.asadmin" "$WORK/post-boot.asadmin" "$WORK/operator.pw" "$SMOKE_OPERATOR" \
    "plivo.phone-number=$SMOKE_PHONE" \
    "ivr.associate-number=$SMOKE_ASSOCIATE" \
    "ivr.public-url=$PUBLIC_URL" \
    "ivr.audio-url.en=$SMOKE_AUDIO_EN" \
    "ivr.audio-url.es=$SMOKE_AUDIO_ES" \
    "plivo.api-url=$SMOKE_API_URL" <<'PY'
import re, sys
source, target, password_file, operator, pairs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
text = open(source, encoding="utf-8").read()
text, count = re.subn(r"^#?create-file-user --passwordfile \S+ --groups ivr-operator \S+$",
                      lambda m: "create-file-user --passwordfile %s --groups ivr-operator %s" % (password_file, operator),
                      text, flags=re.M)
if count != 1:
    sys.exit("ivr-config.asadmin: expected exactly one create-file-user line, found %d" % count)
for pair in pairs:
    name, value = pair.split("=", 1)
    pattern = re.compile(r"^#?(set-config-property --source=domain --propertyName=%s --propertyValue=)\S*$"
                         % re.escape(name), re.M)
    text, count = pattern.subn(lambda m: m.group(1) + value, text)
    if count != 1:
        sys.exit("ivr-config.asadmin: expected exactly one set-config-property line for %s, found %d" % (name, count))
open(target, "w", encoding="utf-8").write(text)
PY

# --- Call journal database: PostgreSQL as the JDBC resource jdbc/ivr, the documented way (ivr-config.asadmin) ------
# The driver on Payara's class path (--addlibs), the two commented pool/resource lines enabled and pointed at the
# smoke PostgreSQL.
start_postgres "$WORK/postgres"
PG_DRIVER=$(postgres_driver "$WORK/driver")
"$PYTHON" - "$WORK/post-boot.asadmin" "$SMOKE_DB_PORT" "$SMOKE_DB_PASSWORD" <<'PY'
import re, sys
path, port, password = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
pool = re.compile(r"^#(create-jdbc-connection-pool .*)$", re.M)
resource = re.compile(r"^#(create-jdbc-resource .*jdbc/ivr)$", re.M)
if len(pool.findall(text)) != 1 or len(resource.findall(text)) != 1:
    sys.exit("ivr-config.asadmin: expected one commented create-jdbc-connection-pool and one create-jdbc-resource line")
def configure(m):
    line = m.group(1)
    for name, value in (("serverName", "127.0.0.1"), ("portNumber", port), ("user", "ivr"), ("password", password)):
        line, count = re.subn(r"\b%s=[^:\s]*" % name, lambda _: "%s=%s" % (name, value), line)
        if count != 1:
            sys.exit("ivr-config.asadmin: the pool line has no single %s property" % name)
    return line
text = pool.sub(configure, text)
text = resource.sub(lambda m: m.group(1), text)
open(path, "w", encoding="utf-8").write(text)
PY
journal_checks() {
    expect_journaled "$PUBLIC_URL"
}

# Credentials the documented way for Payara Micro: one file per key in a --secretsdir directory.
mkdir -p "$WORK/secrets"
printf '%s' "$SMOKE_AUTH_ID" >"$WORK/secrets/plivo.auth-id"
printf '%s' "$SMOKE_AUTH_TOKEN" >"$WORK/secrets/plivo.auth-token"

# Settings must come from the files above only: make sure the caller's environment cannot override them.
clear_ivr_environment

# --- Start and wait for the first 200 ------------------------------------------------------------------------------
mkdir -p "$WORK/tmp"
log "starting Payara Micro on 127.0.0.1:$PORT"
START=$(now_ms)
java -Xmx512m -XX:TieredStopAtLevel=1 -Djava.io.tmpdir="$WORK/tmp" -Dproduct.name= -jar "$PAYARA_JAR" \
    --nocluster --disablephonehome \
    --port "$PORT" \
    --prebootcommandfile "$WORK/pre-boot.asadmin" \
    --postbootcommandfile "$WORK/post-boot.asadmin" \
    --secretsdir "$WORK/secrets" \
    --addlibs "$PG_DRIVER" \
    --deploy "$WORK/ivr.war" --contextroot ivr \
    >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

# Checks of the live IVR that check_server runs after walking a call: a simulated call, and Payara's own error pages
# (-Dproduct.name= above, as documented; without the invalid %-escapes Payara logs as SEVERE, see deploy/README.md).
server_checks() {
    check_simulated_call "$PUBLIC_URL" simulator/api/calls "$SMOKE_OPERATOR" "$SMOKE_OPERATOR_PASSWORD" \
        "$WORK/simulated-call" "Payara Micro"
    check_error_pages "http://127.0.0.1:$PORT"
}

check_server "Payara Micro $PAYARA_MICRO_VERSION" 'SEVERE|Exception while loading the app|Exception during lifecycle processing|Startup of context /ivr failed|returned with result FAILURE|Boot Command [^ ]+ failed'
