# InspireWorks IVR: example $CATALINA_BASE/bin/setenv.sh (Tomcat 10.1 and 11).
#
# catalina.sh sources this file at start-up (it need not be executable). It is the alternative to the JNDI entries
# in ivr.xml: environment variables (and -D system properties) take precedence over JNDI, so any variable set here
# replaces the ivr.xml entry of the same key, and an unset (or commented-out) variable falls back to ivr.xml and then
# to the defaults inside the WAR.
#
# Name mapping (MicroProfile Config): upper-case the key, replace '.' and '-' with '_':
#   plivo.auth-id -> PLIVO_AUTH_ID,  ivr.audio-url.en -> IVR_AUDIO_URL_EN, ...
#
# EVERY VALUE BELOW IS A PLACEHOLDER. This file then holds the Plivo auth token: chmod 640, owned by root with the
# Tomcat group, and never commit a filled-in copy. A systemd unit can instead keep the secrets in an
# EnvironmentFile= with the same variable names (then drop them from here).

# --- Plivo account (leave out both to run without outbound calls; webhooks still work) -------------------------
export PLIVO_AUTH_ID='MAXXXXXXXXXXXXXXXXXX'              # MA or SA + 18 capital letters/digits
export PLIVO_AUTH_TOKEN='REPLACE_WITH_PLIVO_AUTH_TOKEN'  # also verifies webhook signatures
export PLIVO_PHONE_NUMBER='+14155550100'                 # your Plivo number, E.164: caller id

# --- Call flow -----------------------------------------------------------------------------------------------------
export IVR_ASSOCIATE_NUMBER='+14155550199'               # option 2 connects here, E.164
export IVR_PUBLIC_URL='https://ivr.example.com/ivr'      # public base URL incl. context path, no trailing slash

# --- Abuse protection ----------------------------------------------------------------------------------------------
export IVR_ALLOWED_COUNTRIES='US,CA'                     # ISO codes calls may go to; empty = all

# --- Optional: these have defaults in the WAR ----------------------------------------------------------------------
#export PLIVO_MAIN_ACCOUNT_AUTH_TOKEN='REPLACE_WITH_MAIN_ACCOUNT_TOKEN'  # sub-accounts only: accept -Ma-V3 signatures
#export IVR_VERIFY_SIGNATURES='true'                    # false only for local experiments
#export IVR_MAX_CALLS_PER_MINUTE='5'                    # per operator
#export IVR_MAX_CALLS_PER_HOUR='100'                    # whole application
#export IVR_AUDIO_URL_EN='https://audio.example.com/ivr/message-en.mp3'
#export IVR_AUDIO_URL_ES='https://audio.example.com/ivr/message-es.mp3'
#export PLIVO_API_URL='https://api.plivo.com'
#export PLIVO_CONNECT_TIMEOUT_MS='5000'                 # 100..60000
#export PLIVO_READ_TIMEOUT_MS='10000'                   # 100..120000
#export IVR_CALL_TIME_LIMIT_SECONDS='3600'              # 60..14400

# --- JVM --------------------------------------------------------------------------------------------------------------
# CATALINA_OPTS applies to the server only (not to "catalina.sh stop"). The app itself needs little memory; size the
# heap for your traffic. Use UTF-8 everywhere (the prompts are in Spanish too) and exit on OutOfMemoryError so that
# systemd (Restart=on-failure) starts a clean JVM.
CATALINA_OPTS="${CATALINA_OPTS:-} -Xms256m -Xmx512m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"
CATALINA_OPTS="$CATALINA_OPTS -Dfile.encoding=UTF-8 -Dsun.jnu.encoding=UTF-8"
export CATALINA_OPTS

# Alternatively, a setting can be a system property (strongest of all), e.g.:
#CATALINA_OPTS="$CATALINA_OPTS -Divr.public-url=https://ivr.example.com/ivr"
# but values given with -D are visible to every local user in the process list: never pass the auth token this way.
