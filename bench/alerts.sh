# shellcheck shell=bash
# bench/run alerts (issue 11: Benchmark), sourced by bench/run: uses its start_server, api, wrk_rate,
# row, $WORK, $BENCH, $JDK_HOME.

# A value alert on the profile's temperature that never matches (the writes are 21.5).
QUIET_ALERT='{"name":"quiet","triggerId":"temperature","metric":"value",
  "conditions":[{"severity":"warning","expression":{"operation":"gt","value":1000000},"handlers":[{"key":"H1","notification":"logme"}]}],
  "notifications":[{"action":"log","name":"logme","level":"warning","message":"${device.name}: ${value}"}]}'

# alert_rounds PROFILE BODY NAME MEASURE -> "none1 none2 ... | alert1 alert2 ...": MEASURE (prints
# one rate) ALERT_ROUNDS times without the alert and as many with it, in ABBA order (none, alert,
# alert, none, ...) so drift (a growing store, other load) weighs on both alike.
alert_rounds() {
  local profile=$1 alert=$2 name=$3 measure=$4 none=() with=() r order
  for r in $(seq "${ALERT_ROUNDS:-2}"); do
    order="none alert"; (( r % 2 == 0 )) && order="alert none"
    for o in $order; do
      MODE=$o
      if [[ $o == alert ]]; then
        api POST "/deviceprofiles/$profile/alerts" -d "$alert" >/dev/null
        with+=("$($measure)")
        api DELETE "/deviceprofiles/$profile/alerts/$name" >/dev/null
      else
        none+=("$($measure)")
      fi
    done
  done
  echo "${none[*]} | ${with[*]}"
}

# compare_rows WHAT "A B | C D" WITH GOAL [NOTES_NONE NOTES_ALERT]: rows for the rates without and
# with the alert (WITH names it) from alert_rounds, and the slowdown of the means.
compare_rows() {
  local mn ma slow nr ar
  read -r mn ma slow nr ar <<<"$(python3 -c "
n,a=[[float(x) for x in s.split()] for s in '$2'.split('|')]
mn,ma=sum(n)/len(n),sum(a)/len(a)
print(f'{mn:.0f} {ma:.0f} {(1-ma/mn)*100:.1f}', ','.join(f'{x:.0f}' for x in n), ','.join(f'{x:.0f}' for x in a))")"
  row "[alerts] $1, no alert" "${nr//,/, }" "mean $mn${5:+; $5}"
  row "[alerts] $1, $3" "${ar//,/, }" "mean $ma${6:+; $6}"
  row "[alerts] $1: slowdown with the alert (%)" "$slow" "$4; runs in ABBA order"
}

# rest_rate: one wrk run of single-point writes ($body) to $WORK/alert-targets; prints req/s and
# notes its p99 and non-2xx count under $MODE (none/alert) in $WORK/alert-rest.log.
rest_rate() {
  local rps bad p99; read -r rps bad p99 <<<"$(wrk_rate "$body" "$WORK/alert-targets")"
  echo "$MODE p99 $p99 non-2xx $bad" >>"$WORK/alert-rest.log"; echo "$rps"
}
# detail MODE -> "p99 a, b; non-2xx n" of the rest_rate runs of that mode
detail() { awk -v m="$1" '$1==m {p=p sep $3; b+=$5; sep=", "} END {print "p99 " p "; non-2xx " b}' "$WORK/alert-rest.log"; }

# alerts_server NAME: a server with 100 BenchSensor devices, their wrk targets in $WORK/alert-targets
alerts_server() {
  start_server "$1" embedded
  api POST /deviceprofiles -d '{"name":"BenchSensor","baseProfile":"ConnectedDevice"}' >/dev/null
  api POST /deviceprofiles/BenchSensor/properties -d '{"name":"temperature","type":"number","access":"public"}' >/dev/null
  make_devices 100 BenchSensor 0 "$WORK/alert-targets"
}

# 1. Single-point REST and MQTT QoS 1 ingest with one enabled value alert that never matches, vs none.
bench_alerts_rest() {
  alerts_server alerts-rest
  local body='{"dps":[{"v":21.5}]}'
  BODY="$body" TARGETS="$WORK/alert-targets" wrk -t2 -c"$CONNS" -d2s -s "$BENCH/write.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  : >"$WORK/alert-rest.log"
  local rest; rest=$(alert_rounds BenchSensor "$QUIET_ALERT" quiet rest_rate)
  compare_rows "REST single-point writes (req/s)" "$rest" "quiet value alert" "goal <= 10" "$(detail none)" "$(detail alert)"
  kill "$PID"; wait "$PID" 2>/dev/null || true
}

bench_alerts_mqtt() {
  local msgs=${ALERT_MQTT_MESSAGES:-3000} warm=${ALERT_MQTT_WARMUP:-1000} n=${MQTT_CONNECTIONS:-50}
  alerts_server alerts-mqtt
  [[ -f "$WORK/cp.txt" ]] || (cd "$ROOT" && ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
  sqlite3 -separator ' ' "$DATA/thingstead.db" \
    "SELECT json_extract(doc,'\$.ownerId'), id, json_extract(doc,'\$.secret'), 'connio/data/out/devices/'||json_extract(doc,'\$.ownerId')||'/properties/temperature' FROM entity WHERE kind='apikey' AND json_extract(doc,'\$.ownerType')='device' LIMIT $n" \
    > "$WORK/alert-mqtt-devices"
  mqtt_rate() { "$JDK_HOME/bin/java" -cp "$(cat "$WORK/cp.txt")" "$BENCH/MqttLoad.java" 127.0.0.1 "$MQTT_PORT" "$WORK/alert-mqtt-devices" "$msgs" 20 "$warm" 2>/dev/null | awk '/^acked/ {print $(NF-1)}'; }
  local mqtt; mqtt=$(alert_rounds BenchSensor "$QUIET_ALERT" quiet mqtt_rate)
  compare_rows "MQTT QoS 1 msg/s ($n conns x $msgs, window 20)" "$mqtt" "quiet value alert" "goal <= 10" "after $warm each to warm up"
  kill "$PID"; wait "$PID" 2>/dev/null || true
}

# 2. N devices with period P written once in one burst, then silent; one alert on the builtin
# Device.active (eq inactive, a log handler): lag from each deadline to the incident open and its
# handler's line stored (bench/incident_lag.py polls the store).
bench_alerts_silence() {
  local n=${ALERT_DEVICES:-10000} period=${ALERT_PERIOD:-20}
  start_server alerts-silence embedded
  api POST /deviceprofiles -d '{"name":"Silent","baseProfile":"ConnectedDevice"}' >/dev/null
  api POST /deviceprofiles/Silent/properties -d '{"name":"temperature","type":"number","access":"public"}' >/dev/null
  local t0; t0=$(date +%s)
  for start in $(seq 0 1000 $((n - 1))); do
    python3 -c "import json;print(json.dumps([{'name':f's{i}','profile':'Silent','period':$period} for i in range($start,min($start+1000,$n))]))" \
      | api POST /devices --data-binary @- >/dev/null
  done
  sqlite3 -separator ' ' "$DATA/thingstead.db" \
    "SELECT json_extract(doc,'\$.ownerId'), id, json_extract(doc,'\$.secret') FROM entity WHERE kind='apikey' AND json_extract(doc,'\$.ownerType')='device'" \
    > "$WORK/silent-devices"
  local created=$(( $(date +%s) - t0 ))
  local wrote; wrote=$("$JDK_HOME/bin/java" "$BENCH/WriteOnce.java" 127.0.0.1 "$PORT" "$WORK/silent-devices" temperature '{"dps":[{"v":21.5}]}' 64 2>/dev/null | grep '^written')
  # The alert comes after the burst, so a device that went silent between its creation and its
  # write (its first deadline) opens nothing: only the deadlines that follow the write count.
  api POST /deviceprofiles/Device/alerts -d '{"name":"fell.silent","triggerId":"active",
    "conditions":[{"severity":"warning","expression":{"operation":"eq","value":"inactive"},"handlers":[{"key":"H1","notification":"logme"}]}],
    "notifications":[{"action":"log","name":"logme","level":"warning","message":"bench-silent ${device.name} at ${timestamp}"}]}' >/dev/null
  local out; out=$(python3 "$BENCH/incident_lag.py" "$DATA/thingstead.db" "$n" bench-silent "$period" $((period + 120)) 100)
  local -A r; local kv
  for kv in $out; do r[${kv%%=*}]=${kv#*=}; done
  row "[alerts] $n devices (period ${period}s) written once, then silent" "${wrote#written }" "created in ${created}s; deadlines spread over ${r[spread]} ms"
  (( r[spread] > period * 1000 )) && row "[alerts] the burst took longer than the period" "!" "deadlines before the alert was created opened nothing"
  row "[alerts] incidents open / handler lines stored" "${r[incidents]} / ${r[logged]}" "of $n"
  row "[alerts] deadline -> incident open and log line stored, max (ms)" "${r[stored_max]}" "goal <= 2000; p99 ${r[stored_p99]}, p50 ${r[stored_p50]}; ${r[polls]} polls, at most ${r[poll_gap_max]} ms apart"
  row "[alerts]   of which: 'inactive' stored, max / p99 (ms)" "${r[inactive_max]} / ${r[inactive_p99]}" "the activity check (every 200 ms)"
  row "[alerts]   of which: incident opened, max / p99 (ms)" "${r[opened_max]} / ${r[opened_p99]}" "its startTime"
  row "[alerts]   of which: log handler ran, max / p99 (ms)" "${r[handled_max]} / ${r[handled_p99]}" "its line's time"
  kill "$PID"; wait "$PID" 2>/dev/null || true
}

# ALERT_PARTS picks parts: "rest mqtt silence webhook" by default.
bench_alerts() {
  local part
  for part in ${ALERT_PARTS:-rest mqtt silence webhook}; do "bench_alerts_$part"; done
}

# 3. A webhook receiver that accepts connections and never answers; an alert whose notification
# condition matches every write (21.5 > -1e9) posts to it on every write, vs no alert.
hang_server() { # hang_server PORT COUNT_FILE: accepts, reads and never answers; counts connections
  python3 -c "
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(1024)
held = []
def drain(c):
    while c.recv(65536): pass
while True:
    c, _ = s.accept(); held.append(c); threading.Thread(target=drain, args=(c,), daemon=True).start()
    open(sys.argv[2], 'w').write(str(len(held)))
" "$1" "$2" &
  PIDS+=("$!")
}

bench_alerts_webhook() {
  if ! grep -q 'notify-timeout' "$ROOT/src/main/java/io/thingstead/app/AlertFlags.java" 2>/dev/null; then
    row "[alerts] ingest with a webhook receiver that never answers" "skipped" "webhook delivery not built"
    return
  fi
  alerts_server alerts-webhook
  local hport; hport=$(free_port); echo 0 >"$WORK/hang-accepted"; hang_server "$hport" "$WORK/hang-accepted"
  local hook='{"name":"hook","triggerId":"temperature","metric":"value",
    "conditions":[{"severity":"notification","expression":{"operation":"gt","value":-1000000000},"handlers":[{"key":"H1","notification":"post"}]}],
    "notifications":[{"action":"webhook","name":"post","method":"post","url":"http://127.0.0.1:'"$hport"'/hook/${device.id}","message":"{\"v\":${value}}"}]}'
  local body='{"dps":[{"v":21.5}]}'
  BODY="$body" TARGETS="$WORK/alert-targets" wrk -t2 -c"$CONNS" -d2s -s "$BENCH/write.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  : >"$WORK/alert-rest.log"
  local rest; rest=$(alert_rounds BenchSensor "$hook" hook rest_rate)
  local lines; lines=$(sqlite3 "$DATA/thingstead.db" "SELECT COUNT(*) FROM device_log WHERE kind='Alert'")
  compare_rows "REST writes (req/s), webhook receiver never answers" "$rest" "webhook on every write" "goal: within noise" \
    "$(detail none)" "$(detail alert); receiver accepted $(cat "$WORK/hang-accepted") connections; $lines alert log lines"
  kill "$PID"; wait "$PID" 2>/dev/null || true
}
