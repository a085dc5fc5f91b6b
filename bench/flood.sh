#!/usr/bin/env bash
# The flood of issue 10 (item 1), repeatable: a crowd of concurrent operator clients against the WAR while Plivo's
# signed webhooks and /health are timed. Before/after comparisons run the same crowd against two builds.
#
#   bench/flood.sh [WAR] [MIX] [CLIENTS] [SECONDS] [SETUP]
#
#   WAR      default target/ivr.war (built first); give another build to compare, e.g. main's before a change:
#              git archive <commit> | tar -x -C /tmp/before && (cd /tmp/before && mvn -q -o package -DskipTests)
#              bench/flood.sh /tmp/before/target/ivr.war basic
#   MIX      application (default): wrong and right passwords at /login, BASIC headers, the sign-in page, signed-in
#            operators on the form, simulated calls and key presses;
#            basic: every operator request with HTTP BASIC credentials (the only way before FORM login);
#            container-login: everyone at the container's own j_security_check
#   CLIENTS  default 220;  SECONDS default 20
#   SETUP    one-connector (default) or own-connector (Plivo on a connector of its own, 20 operator threads: the
#            configuration deploy/README.md recommends)
#
# The WAR runs in an embedded Tomcat 11 on 127.0.0.1 with the realm deploy/ recommends (PBKDF2, 210,000 iterations),
# webhook signatures checked with a fake token, simulation mode (nothing is sent to Plivo). The crowd and the server
# share the machine's cores: the printed CPU split says how much each took. Numbers from a shared machine move a lot;
# compare runs made back to back, and look at the load average printed before and after.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
WAR=${1:-}
MIX=${2:-application}
CLIENTS=${3:-220}
SECONDS_=${4:-20}
SETUP=${5:-one-connector}
WORK=$HERE/results
mkdir -p "$WORK"

if [ -z "$WAR" ]; then
    (cd "$ROOT" && mvn -B -q -o package -DskipTests) >"$WORK/flood-build.log" 2>&1 \
        || { cat "$WORK/flood-build.log"; exit 2; }
    WAR=$ROOT/target/ivr.war
fi
(cd "$ROOT" && mvn -B -q -o test-compile) >>"$WORK/flood-build.log" 2>&1 || { cat "$WORK/flood-build.log"; exit 2; }
# Embedded Tomcat 11 must see its own Servlet 6.1 API, not the 6.0 jar the WAR compiles against.
(cd "$ROOT" && mvn -B -q -o dependency:build-classpath -DincludeScope=test \
    -DexcludeArtifactIds=jakarta.servlet-api -Dmdep.outputFile="$WORK/flood-classpath.txt") \
    >>"$WORK/flood-build.log" 2>&1 || { cat "$WORK/flood-build.log"; exit 2; }
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/flood-classpath.txt")"

echo "flood: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "$CP" com.inspireworks.ivr.bench.OperatorFloodBench "$WAR" "$MIX" "$CLIENTS" "$SECONDS_" "$SETUP" \
    2>"$WORK/flood-server.log"
echo "flood: load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
