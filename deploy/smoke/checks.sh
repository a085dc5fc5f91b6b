# Checks of what surrounds the IVR on a real server, sourced by the smoke tests after lib.sh: the steps of
# deploy/README.md run as written, the simulator, the container's error pages, the operator login's lock-out and log
# lines, and undeploying without leftover threads. Each function is one check (or one step) and says PASS or FAIL.
# Uses from lib.sh: PYTHON, http, pass, fail, log, die, json_value, snippet, now_ms; and DEPLOY, WORK.

# --- The documented steps ------------------------------------------------------------------------------------------

# readme_block NAME: the shell block right after the line <!-- smoke-test: NAME --> in deploy/README.md.
readme_block() {
    "$PYTHON" - "$DEPLOY/README.md" "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
marker = "<!-- smoke-test: %s -->" % sys.argv[2]
if text.count(marker) != 1:
    sys.exit("deploy/README.md: expected exactly one '%s', found %d" % (marker, text.count(marker)))
block = re.match(r"\s*```sh\n(.*?)\n```", text[text.index(marker) + len(marker):], re.S)
if not block:
    sys.exit("deploy/README.md: no ```sh block right after '%s'" % marker)
print(block.group(1))
PY
}

# operator_directory DIR WAR: what the documented steps expect as the current directory: target/ivr.war (the WAR
# under test) and deploy/ (this repository's).
operator_directory() {
    local dir=$1 war=$2
    mkdir -p "$dir/target"
    ln -sfn "$war" "$dir/target/ivr.war"
    ln -sfn "$DEPLOY" "$dir/deploy"
}

# run_documented NAME DIR [SED_SCRIPT]: runs the README block NAME as written, with bash -euo pipefail, in DIR and
# this environment (stdin is passed on). SED_SCRIPT, if given, is applied to the block first: the smoke test uses it
# only to put its free port where the README says 8080. The block is kept as WORK/documented-NAME.sh.
run_documented() {
    local name=$1 dir=$2 edit=${3:-} script="$WORK/documented-$1.sh"
    readme_block "$name" >"$script" || die "cannot read the block '$name' from deploy/README.md"
    if [ -n "$edit" ]; then
        sed -i -e "$edit" "$script"
    fi
    if (cd "$dir" && bash -euo pipefail "$script") >"$WORK/documented-$name.log" 2>&1; then
        pass "deploy/README.md step '$name' ran as written"
    else
        fail "deploy/README.md step '$name' ran as written" "$(tail -n 5 "$WORK/documented-$name.log" | tr '\n' ' ')"
        return 1
    fi
}

# --- Operator login (FORM: POST /login with JSON once, then the session cookie) -------------------------------------

# login_status BASE USER PASSWORD: the HTTP status of signing in as USER at BASE/login (sign_in in lib.sh): 200 signed
# in, 401 refused (wrong password, locked out), 403 not an operator. USER may hold any character.
login_status() {
    local jar
    jar=$(mktemp "$WORK/cookies.XXXXXX")
    sign_in "$1" "$2" "$3" "$jar" /dev/null
    rm -f "$jar"
}

# container_login_status BASE USER PASSWORD: the same login at the container's own BASE/j_security_check, which the
# application's pages do not use but the container answers (the realm sees the user name exactly as sent there;
# Tomcat answers 408 when no login page was seen before, after asking the realm).
container_login_status() {
    http POST "$1/j_security_check" /dev/null --data-urlencode "j_username=$2" --data-urlencode "j_password=$3"
}

# --- Simulated calls -----------------------------------------------------------------------------------------------

# check_simulated_call BASE PLACE_PATH USER PASSWORD DIR LABEL: places a call to SMOKE_CALLEE with a JSON POST to
# BASE/PLACE_PATH as the operator (201, simulated), answers it on the simulator's API and polls the call (the
# simulator may work asynchronously) until the IVR's welcome prompt is in its transcript, within 15 s.
check_simulated_call() {
    local base=$1 path=$2 user=$3 password=$4 dir=$5 label=$6 status id deadline
    mkdir -p "$dir"
    status=$(sign_in "$base" "$user" "$password" "$dir/cookies.txt" "$dir/signed-in.json")
    if [ "$status" != 200 ]; then
        fail "$label: sign in as $user (200)" "HTTP $status: $(snippet "$dir/signed-in.json")"
        return
    fi
    status=$(http POST "$base/$path" "$dir/placed.json" -b "$dir/cookies.txt" -H 'Content-Type: application/json' \
        --data-binary "{\"to\":\"$SMOKE_CALLEE\"}")
    id=$(json_value "$dir/placed.json" callId 2>/dev/null | tr -d '"' || true)
    if [ "$status" != 201 ] || [ "$(json_value "$dir/placed.json" simulated 2>/dev/null)" != true ] || [ -z "$id" ]; then
        fail "$label: POST /$path places a simulated call (201)" "HTTP $status: $(snippet "$dir/placed.json")"
        return
    fi
    status=$(http POST "$base/simulator/api/calls/$id/answer" "$dir/answered.json" -b "$dir/cookies.txt" \
        -H 'Content-Type: application/json' --data-binary '{}')
    if [ "$status" != 200 ] && [ "$status" != 202 ]; then
        fail "$label: answer the simulated call (200, or 202 when queued)" "HTTP $status: $(snippet "$dir/answered.json")"
        return
    fi
    deadline=$(($(now_ms) + 15000))
    while :; do
        if grep -q 'For English, press 1' "$dir/answered.json" 2>/dev/null; then
            pass "$label: simulated call placed (POST /$path), answered, welcome prompt in its transcript"
            return
        fi
        if [ "$(now_ms)" -gt "$deadline" ]; then
            fail "$label: the welcome prompt in the simulated call's transcript within 15 s" \
                "$(snippet "$dir/answered.json")"
            return
        fi
        sleep 0.3
        http GET "$base/simulator/api/calls/$id" "$dir/answered.json" -b "$dir/cookies.txt" >/dev/null
    done
}

# --- Container error pages -----------------------------------------------------------------------------------------

# What a container's own error answer must not contain: a product name, a Java stack trace, X-Powered-By.
SERVER_INFO_PATTERN='tomcat|apache|payara|glassfish|grizzly|jetty|x-powered-by|exception|[[:space:]]at (org|java|jdk|sun|com)\.'

# probe_error_page ROOT_URL LABEL [curl args...]: one request the container (not the IVR) answers with an error;
# PASS when status line, headers and body name no server and show no stack trace.
probe_error_page() {
    local root=$1 label=$2 out status found
    shift 2
    out="$WORK/error-pages/$(printf '%s' "$label" | tr -c 'A-Za-z0-9' '-').txt"
    mkdir -p "$WORK/error-pages"
    curl -sS -i --max-time 15 "$@" "$root" >"$out" 2>&1 || true
    status=$(head -n 1 "$out" | tr -d '\r' | cut -d' ' -f2)
    found=$(grep -Eio "$SERVER_INFO_PATTERN" "$out" | sort -u | tr '\n' ' ' || true)
    if [ -z "$status" ]; then
        fail "error page, $label: an answer" "$(head -c 200 "$out")"
    elif [ -n "$found" ]; then
        fail "error page, $label (HTTP $status): no server name or stack trace" "found: $found"
    else
        pass "error page, $label (HTTP $status): no server name or stack trace"
    fi
}

# check_error_pages ROOT_URL [malformed-escapes]: the container's error answers, ROOT_URL being the server root
# (http://127.0.0.1:PORT): malformed URLs, requests the HTTP parser refuses, paths outside the IVR. With
# "malformed-escapes", also paths with an invalid %-escape (Payara logs those as SEVERE, so its smoke test leaves
# them out).
check_error_pages() {
    local root=$1 escapes=${2:-}
    probe_error_page "$root/ivr/ivr/main-menu/..%2F.." "encoded slash in the path"
    probe_error_page "$root/ivr/%5c..%5c" "encoded backslash in the path"
    probe_error_page "$root/ivr/%00" "encoded NUL in the path"
    probe_error_page "$root/" "server root"
    probe_error_page "$root/no-such-application" "outside /ivr"
    probe_error_page "$root/ivr/health" "header line too large" -H "X-Large: $(head -c 20000 /dev/zero | tr '\0' a)"
    probe_error_page "$root/ivr/health" "control character in a header name" -H $'X-Bad\x01: 1'
    probe_error_page "$root/ivr/health" "invalid Host header" -H 'Host: bad host'
    probe_error_page "$root/ivr/" "invalid method" -X 'GE(T'
    probe_error_page "$root/ivr/$(head -c 70000 /dev/zero | tr '\0' a)" "request line too long"
    if [ "$escapes" = malformed-escapes ]; then
        probe_error_page "$root/ivr/%zz" "invalid %-escape in the path"
        probe_error_page "$root/%" "truncated %-escape in the path"
    fi
}

# --- Lock-out of operators (Tomcat's LockOutRealm) -----------------------------------------------------------------

# realm_setting CONTEXT_XML ATTRIBUTE: an attribute of the LockOutRealm in a Tomcat context file.
realm_setting() {
    "$PYTHON" - "$1" "$2" <<'PY'
import sys
import xml.etree.ElementTree as ET
for realm in ET.parse(sys.argv[1]).getroot().iter("Realm"):
    if realm.get("className") == "org.apache.catalina.realm.LockOutRealm":
        print(realm.get(sys.argv[2], ""))
        break
PY
}

# fail_logins BASE USER COUNT [DOOR]: COUNT logins as USER with a wrong password (each one refused), at the
# application's /login, or with DOOR=container at the container's j_security_check.
fail_logins() {
    local base=$1 user=$2 count=$3 door=${4:-application} i
    for i in $(seq 1 "$count"); do
        if [ "$door" = container ]; then
            container_login_status "$base" "$user" "wrong-password-$i" >/dev/null
        else
            login_status "$base" "$user" "wrong-password-$i" >/dev/null
        fi
    done
}

# check_lockout_starts BASE USER PASSWORD FAILURES: after FAILURES failed logins (done by the caller), the right
# password is refused too: the lock-out is in effect.
check_lockout_starts() {
    local status
    status=$(login_status "$1" "$2" "$3")
    expect_equal "lock-out: after $4 failed logins, $2 with the right password is refused" 401 "$status"
}

# check_lockout_ends BASE USER PASSWORD LAST_FAILURE_MS SECONDS: SECONDS after the last failed login (and no failure
# since), the right password works again: nobody stays locked out longer than the configured time.
check_lockout_ends() {
    local base=$1 user=$2 password=$3 since=$4 seconds=$5 wait_ms status
    wait_ms=$((since + seconds * 1000 + 1000 - $(now_ms)))
    if [ "$wait_ms" -gt 0 ]; then
        log "waiting $((wait_ms / 1000)) s for the lock-out of $user to end"
        sleep "$((wait_ms / 1000)).$(printf '%03d' $((wait_ms % 1000)))"
    fi
    status=$(login_status "$base" "$user" "$password")
    expect_equal "lock-out: ${seconds} s after the last failure $user can sign in again" 200 "$status"
}

# --- Log lines from login attempts ---------------------------------------------------------------------------------

# The marker of the fake record in check_log_forging (kept out of the "no SEVERE" check, which it would trip).
FORGED_MARKER=FORGED-BY-SMOKE

# check_log_forging BASE FAILURES LOG...: logs in FAILURES+1 times as a user whose name holds CR LF and then a fake
# SEVERE record; Tomcat logs the name of a locked user. The application's /login refuses such a name before the realm
# sees it, so the attempts go to the container's own j_security_check, where the realm gets the name as sent. PASS
# when the attempt was logged and every log line holding the fake record also holds the start of the name, i.e. the
# text stayed inside the real record instead of starting a line of its own.
check_log_forging() {
    local base=$1 failures=$2 user forged alone logged
    shift 2
    user=$'smoke-forger\r\n30-Nov-2026 12h00m00s SEVERE [main] org.apache.catalina.startup.Catalina.start '"$FORGED_MARKER"
    fail_logins "$base" "$user" "$((failures + 1))" container
    sleep 1
    forged=$(cat "$@" 2>/dev/null | grep -c "$FORGED_MARKER" || true)
    alone=$(cat "$@" 2>/dev/null | grep "$FORGED_MARKER" | grep -vc 'smoke-forger' || true)
    logged=$(cat "$@" 2>/dev/null | grep 'smoke-forger' | grep -c "$FORGED_MARKER" || true)
    if [ "$forged" -eq 0 ]; then
        fail "log lines: a login with CR LF in the user name is logged" "no log line holds $FORGED_MARKER"
    elif [ "$alone" -gt 0 ]; then
        fail "log lines: a login with CR LF in the user name cannot forge a line" \
            "$alone forged line(s), e.g. $(cat "$@" | grep "$FORGED_MARKER" | grep -v 'smoke-forger' | head -n 1 | cut -c1-160)"
    else
        pass "log lines: a login with CR LF in the user name cannot forge a line ($logged log line(s) hold it, escaped)"
    fi
}

# severe_entries LOG: SEVERE entries of a server log (either log format), the fake one above excepted.
severe_entries() {
    grep 'SEVERE' "$1" 2>/dev/null | grep -v "$FORGED_MARKER" || true
}

# --- Undeploy ------------------------------------------------------------------------------------------------------

# check_no_leak_warnings LOG: Tomcat's warnings when it stops an application (undeploy, redeploy, shutdown): threads
# the application started and left running, ThreadLocals, JDBC drivers ("likely to create a memory leak").
check_no_leak_warnings() {
    local warnings
    warnings=$(grep -E 'appears to have started a thread named|memory leak|failed to (stop|remove|unregister)' "$1" \
        2>/dev/null | grep -oE 'thread named \[[^]]*\]|ThreadLocal with key of type \[[^]]*\]|JDBC driver \[[^]]*\]' \
        | sort -u | tr '\n' ' ' || true)
    if [ -z "$warnings" ] && ! grep -qE 'appears to have started a thread named|memory leak' "$1" 2>/dev/null; then
        pass "no thread or memory leak warnings when the IVR was stopped"
    else
        fail "no thread or memory leak warnings when the IVR was stopped" "${warnings:-see the log}"
    fi
}
