#!/usr/bin/env bash
# Smoke test on a REAL Apache Tomcat distribution (from Maven Central).
#
#   deploy/smoke/tomcat.sh path/to/ivr.war
#
# Downloads org.apache.tomcat:tomcat:$TOMCAT_VERSION:tar.gz and deploys the WAR at /ivr the documented way: WAR in
# webapps/, deploy/tomcat/ivr.xml with smoke values as conf/Catalina/localhost/ivr.xml (settings as JNDI
# <Environment> entries, the operator realm), an operator account from deploy/tomcat/tomcat-users-ivr.xml with a
# digest.sh hash, plivo.api-url pointing at a fake Plivo API on loopback. Starts Tomcat on a free port on 127.0.0.1
# only, waits for GET /ivr/health and walks one call over HTTP with signed webhooks, checks the operator pages and
# places a call (see lib.sh). Prints PASS/FAIL lines and "smoke: N passed, N failed"; exits non-zero on any failure.
#
# Environment: TOMCAT_VERSION (default 11.0.24; 10.1.59 works too), SMOKE_WORK_DIR (default: a fresh temporary
# directory, removed on success), SMOKE_START_TIMEOUT (seconds, default 60).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEPLOY=$(dirname "$HERE")
# shellcheck source=lib.sh
. "$HERE/lib.sh"

TOMCAT_VERSION=${TOMCAT_VERSION:-11.0.24}
START_TIMEOUT=${SMOKE_START_TIMEOUT:-60}

[ $# -eq 1 ] || die "usage: $0 path/to/ivr.war"
WAR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -f "$WAR" ] || die "no WAR at $1"
require_tools curl python3 mvn java tar

if [ -n "${SMOKE_WORK_DIR:-}" ]; then
    WORK=$SMOKE_WORK_DIR
    mkdir -p "$WORK"
    KEEP_WORK=true
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/ivr-smoke-tomcat.XXXXXX")
    KEEP_WORK=false
fi
SERVER_PID=
SERVER_LOG=$WORK/catalina.out

stop_server() {
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
            tail -n 80 "$SERVER_LOG" || true
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

# --- Configure: loopback only, free port, no shutdown port, no sample apps ---------------------------------------
PORT=$(free_port)
SERVER_XML=$CATALINA_HOME/conf/server.xml
sed -i.orig \
    -e 's|<Server port="8005"|<Server port="-1"|' \
    -e "s|<Connector port=\"8080\"|<Connector port=\"$PORT\" address=\"127.0.0.1\"|" \
    "$SERVER_XML"
grep -q '<Server port="-1"' "$SERVER_XML" || die "could not disable the shutdown port in $SERVER_XML"
grep -q "<Connector port=\"$PORT\" address=\"127.0.0.1\"" "$SERVER_XML" \
    || die "could not set the HTTP connector to 127.0.0.1:$PORT in $SERVER_XML"
rm -rf "$CATALINA_HOME"/webapps/*

PUBLIC_URL="http://127.0.0.1:$PORT/ivr"

# A stand-in for Plivo's API (plivo.api-url) so that placing a call is tested without reaching Plivo.
start_fake_plivo "$WORK/fake-plivo"

# The WAR under webapps/ and the operator's context descriptor with smoke values filled in.
cp "$WAR" "$CATALINA_HOME/webapps/ivr.war"
mkdir -p "$CATALINA_HOME/conf/Catalina/localhost"
"$PYTHON" - "$DEPLOY/tomcat/ivr.xml" "$CATALINA_HOME/conf/Catalina/localhost/ivr.xml" \
    "plivo.auth-id=$SMOKE_AUTH_ID" \
    "plivo.auth-token=$SMOKE_AUTH_TOKEN" \
    "plivo.phone-number=$SMOKE_PHONE" \
    "ivr.associate-number=$SMOKE_ASSOCIATE" \
    "ivr.public-url=$PUBLIC_URL" \
    "ivr.audio-url.en=$SMOKE_AUDIO_EN" \
    "ivr.audio-url.es=$SMOKE_AUDIO_ES" \
    "plivo.api-url=$SMOKE_API_URL" <<'PY'
# Replace the value= of each named <Environment>; every name must exist exactly once in the template.
import re, sys
from xml.sax.saxutils import quoteattr
source, target, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
text = open(source, encoding="utf-8").read()
for pair in pairs:
    name, value = pair.split("=", 1)
    pattern = re.compile(r'(<Environment\s+name="%s"[^>]*?\bvalue=)"[^"]*"' % re.escape(name))
    text, count = pattern.subn(lambda m: m.group(1) + quoteattr(value), text)
    if count != 1:
        sys.exit("ivr.xml: expected exactly one <Environment name=%r ...value=...>, found %d" % (name, count))
open(target, "w", encoding="utf-8").write(text)
PY

# --- Call journal database: PostgreSQL pooled by Tomcat, the documented way (deploy/tomcat/ivr.xml) ---------------
# The driver goes into Tomcat's lib/ (Tomcat creates the pool), the jdbc/ivr <Resource> block is uncommented and
# pointed at the smoke PostgreSQL.
start_postgres "$WORK/postgres"
cp "$(postgres_driver "$WORK/driver")" "$CATALINA_HOME/lib/"
"$PYTHON" - "$CATALINA_HOME/conf/Catalina/localhost/ivr.xml" "$SMOKE_DB_URL" ivr "$SMOKE_DB_PASSWORD" <<'PY'
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
text = block.sub(lambda m: resource.strip(), text)
open(path, "w", encoding="utf-8").write(text)
PY
server_checks() {
    expect_journaled "$PUBLIC_URL"
}

# Operator account the documented way: PBKDF2 hash from Tomcat's digest.sh (same parameters as the realm in ivr.xml),
# the <role>/<user> lines of tomcat-users-ivr.xml merged into conf/tomcat-users.xml.
HASH=$(CATALINA_HOME=$CATALINA_HOME "$CATALINA_HOME/bin/digest.sh" -a PBKDF2WithHmacSHA512 -i 210000 -s 16 -k 256 \
    -h org.apache.catalina.realm.SecretKeyCredentialHandler "$SMOKE_OPERATOR_PASSWORD" | tail -n 1)
HASH=${HASH##*:}
case "$HASH" in
    *'$210000$'*) ;;
    *) die "digest.sh did not produce a PBKDF2 hash (got '$HASH')" ;;
esac
"$PYTHON" - "$DEPLOY/tomcat/tomcat-users-ivr.xml" "$CATALINA_HOME/conf/tomcat-users.xml" \
    "$SMOKE_OPERATOR" "$HASH" <<'PY'
import re, sys
snippet, users, name, password_hash = sys.argv[1:5]
lines = [l.strip() for l in open(snippet, encoding="utf-8") if re.match(r"\s*<(role|user)\s", l)]
if len(lines) != 2:
    sys.exit("tomcat-users-ivr.xml: expected one <role> and one <user> line, found %d" % len(lines))
lines = [re.sub(r'username="[^"]*"', 'username="%s"' % name, l) for l in lines]
lines = [re.sub(r'password="[^"]*"', 'password="%s"' % password_hash, l) for l in lines]
text = open(users, encoding="utf-8").read()
if text.count("</tomcat-users>") != 1:
    sys.exit("conf/tomcat-users.xml: no single </tomcat-users>")
text = text.replace("</tomcat-users>", "  " + "\n  ".join(lines) + "\n</tomcat-users>")
open(users, "w", encoding="utf-8").write(text)
PY

# --- Start and wait for the first 200 ------------------------------------------------------------------------------
export CATALINA_HOME CATALINA_BASE=$CATALINA_HOME
export CATALINA_OPTS="-Xmx256m -XX:TieredStopAtLevel=1"
# Settings must come from ivr.xml only: make sure the caller's environment cannot override them.
clear_ivr_environment

log "starting Tomcat on 127.0.0.1:$PORT"
START=$(now_ms)
"$CATALINA_HOME/bin/catalina.sh" run >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

check_server "Tomcat $TOMCAT_VERSION" 'SEVERE|Context \[/ivr\] startup failed|One or more listeners failed to start|Error deploying'
