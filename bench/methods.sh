# shellcheck shell=bash
# bench/run methods (issue 12: Benchmark), sourced by bench/run: uses its start_server, api,
# make_devices, wrk_rate, row, b64, json, $WORK, $BENCH, $KEY, $PORT, $CONNS.

# A method every device of BenchCalls has: inc (public, returns value + 1); and spin (protected,
# never ends), which its device calls in a loop in part 3.
methods_profile() {
  api POST /deviceprofiles -d '{"name":"BenchCalls","baseProfile":"ConnectedDevice"}' >/dev/null
  api POST /deviceprofiles/BenchCalls/properties -d '{"name":"temperature","type":"number","access":"public"}' >/dev/null
  api POST /deviceprofiles/BenchCalls/methods \
    -d '{"name":"inc","access":"public","methodImpl":{"funcBody":"return value + 1;"}}' >/dev/null
  api POST /deviceprofiles/BenchCalls/methods \
    -d '{"name":"spin","access":"protected","methodImpl":{"funcBody":"while (true) {}"}}' >/dev/null
}

# methods_rate LABEL BODY TARGETS EXPECT NOTE: a 2 s warm-up, then one counted wrk run of calls,
# each 2xx answer checked against EXPECT (write.lua), and one more call shown, as a row.
methods_rate() {
  local label=$1 body=$2 targets=$3 expect=$4 note=$5
  BODY="$body" TARGETS="$targets" wrk -t2 -c"$CONNS" -d2s -s "$BENCH/write.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  : > "$WORK/calls.wrk"
  local rps bad p99; read -r rps bad p99 <<<"$(EXPECT="$expect" WRK_LOG="$WORK/calls.wrk" wrk_rate "$body" "$targets")"
  [[ -n "${WRK_LOG:-}" ]] && cat "$WORK/calls.wrk" >>"$WRK_LOG"
  local r429 wrong; r429=$(awk -F= '/^r429=/ {print $2}' "$WORK/calls.wrk")
  wrong=$(awk -F= '/^wrong=/ {print $2}' "$WORK/calls.wrk")
  local path auth; IFS=$'\t' read -r path auth < "$targets"
  local got; got=$(curl -s -H "Authorization: Basic $auth" -H 'Content-Type: application/json' \
    -X POST "127.0.0.1:$PORT$path" -d "$body")
  local check="every 2xx answer $expect"
  [[ "$wrong" == 0 && "$got" == "$expect" ]] || check="WRONG: $wrong answers not $expect; one more call: $got"
  local refused="non-2xx $bad"
  (( bad > 0 )) && refused+=" ($r429 of them 429: waited more than 300 ms for one of the account's 8 slots)"
  row "[methods] $label (calls/s)" "$rps" "p99 $p99; $refused; $check; $note"
}

# 1. A trivial public method over REST: 100 devices, each calling its own with its own key.
methods_trivial() {
  head -100 "$WORK/method-writers" | sed "s|/properties/temperature\t|/methods/inc\t|" > "$WORK/calls-inc"
  methods_rate "trivial public method, 100 devices" '{"value":1}' "$WORK/calls-inc" '{"result":2}' "$CONNS conns"
}

# 2. A gateway method reading temperature of each of its 10 edge devices (getDeviceProperty, on the
# devices its key's context lists); edge i holds i, so every call answers 55.
methods_gateway() {
  api POST /deviceprofiles -d '{"name":"BenchHub","baseProfile":"Gateway"}' >/dev/null
  api POST /deviceprofiles/BenchHub/methods -d '{"name":"sweep","access":"public","methodImpl":{"funcBody":
    "let sum = 0; for (const id of value) { sum += await this.getDeviceProperty(id, \"temperature\"); } return sum;"}}' >/dev/null
  local gw; gw=$(api POST /devices -d '{"name":"benchhub","profile":"BenchHub"}' | json "d['id']")
  head -10 "$WORK/ids" > "$WORK/edges"
  local ids; ids=$(python3 -c "import json;print(json.dumps(['$gw']+open('$WORK/edges').read().split()))")
  api PUT "/devices/$gw/apikey" -d "{\"context\":{\"type\":\"device\",\"ids\":$ids}}" >/dev/null
  local i=0 id
  while read -r id; do
    i=$((i + 1)); api POST "/data/devices/$id/properties/temperature" -d "{\"dps\":[{\"v\":$i}]}" >/dev/null
  done < "$WORK/edges"
  local gk; gk=$(api GET "/devices/$gw/apikey" | json "d['id']+':'+d['secret']")
  printf '/v3/data/devices/%s/methods/sweep\t%s\n' "$gw" "$(b64 "$gk")" > "$WORK/calls-sweep"
  local edges; edges=$(python3 -c "import json;print(json.dumps({'value':open('$WORK/edges').read().split()}))")
  methods_rate "gateway method reading 10 edge devices" "$edges" "$WORK/calls-sweep" '{"result":55}' \
    "1 gateway, $CONNS conns, 10 getDeviceProperty a call"
}

# runaway_loop DEVICE KEY LOG STOP: the device calls its spin method again and again, each call
# after re-enabling it (a runaway is quarantined), until the file STOP exists; one line
# "status seconds" per call in LOG. It returns once its last call has ended.
runaway_loop() {
  local rid=$1 rkey=$2 log=$3 stop=$4
  while [[ ! -e "$stop" ]]; do
    curl -s -o /dev/null -u "$KEY" -X PUT "127.0.0.1:$PORT/v3/devices/$rid/methods/spin" \
        -H 'Content-Type: application/json' -d '{"disabled":false}' \
      --next -s -o /dev/null -w '%{http_code} %{time_total}\n' -u "$rkey" -X POST \
        "127.0.0.1:$PORT/v3/data/devices/$rid/methods/spin" -H 'Content-Type: application/json' -d '{"value":1}' \
      >>"$log" || true
  done
}

# 3. 100 devices writing single points over REST, without and with the 101st device calling
# while (true) {} in a loop, in alternating runs (none, runaway, none, runaway, ...).
methods_runaway() {
  local rounds=${METHOD_ROUNDS:-2} body='{"dps":[{"v":21.5}]}' none=() with=() notes_none=() notes_with=() r
  head -100 "$WORK/method-writers" > "$WORK/writers"
  local rid rkey; rid=$(tail -1 "$WORK/ids"); rkey=$(api GET "/devices/$rid/apikey" | json "d['id']+':'+d['secret']")
  # Warm-up of both: the first runaway calls are slow (the JIT compiles the script runtime's
  # paths), and the first 10 s of writes too (a first counted run was 10-50 % below the next ones),
  # which is not what is measured; so writes run for DURATION, and the loop until 3 calls have ended.
  : > "$WORK/spin.log"; rm -f "$WORK/spin.stop"
  runaway_loop "$rid" "$rkey" "$WORK/spin.log" "$WORK/spin.stop" & local loop=$!
  BODY="$body" TARGETS="$WORK/writers" wrk -t2 -c"$CONNS" -d"${DURATION}s" -s "$BENCH/write.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  for _ in $(seq 60); do (( $(wc -l < "$WORK/spin.log") >= 3 )) && break; sleep 0.5; done
  touch "$WORK/spin.stop"; wait "$loop"
  : > "$WORK/spin.log"
  local rps bad p99 bad_none=0 bad_with=0 order
  # ABBA: none then with in odd rounds, with then none in even ones, so a drift over the runs
  # (warming, the database growing) weighs on both alike
  for r in $(seq "$rounds"); do
    order="none with"; (( r % 2 == 0 )) && order="with none"
    for kind in $order; do
      if [[ "$kind" == none ]]; then
        read -r rps bad p99 <<<"$(wrk_rate "$body" "$WORK/writers")"
        none+=("$rps"); notes_none+=("$p99"); bad_none=$((bad_none + bad))
        continue
      fi
      rm -f "$WORK/spin.stop"
      runaway_loop "$rid" "$rkey" "$WORK/spin.log" "$WORK/spin.stop" & local loop=$!
      sleep 1
      read -r rps bad p99 <<<"$(wrk_rate "$body" "$WORK/writers")"
      with+=("$rps"); notes_with+=("$p99"); bad_with=$((bad_with + bad))
      touch "$WORK/spin.stop"; wait "$loop" # its call in flight ends at its limit
    done
  done
  local calls ended stats
  calls=$(wc -l < "$WORK/spin.log")
  ended=$(awk '{n[$1]++; t+=$2} END {for (c in n) {printf "%s%d x %s", s, n[c], c; s=", "} if (NR) printf "; %.2f s a call on average", t/NR}' "$WORK/spin.log")
  stats=$(api GET "/devices/$rid/methods/spin" | json "f\"stats {d['stats']['count']} runs, {d['stats']['failures']} failed, mean {d['stats']['sum'] / max(1, d['stats']['count']):.0f} ms\"" \
    || echo "its instance could not be read")
  local fall; read -r mn mw fall <<<"$(python3 -c "
n=[float(x) for x in '${none[*]}'.split()]; w=[float(x) for x in '${with[*]}'.split()]
mn,mw=sum(n)/len(n),sum(w)/len(w)
print(f'{mn:.0f} {mw:.0f} {(1-mw/mn)*100:.1f}')")"
  row "[methods] 100 devices' REST writes, no runaway (req/s)" "$(IFS=,; echo "${none[*]}" | sed 's/,/, /g')" \
    "mean $mn; p99 $(IFS=,; echo "${notes_none[*]}" | sed 's/,/, /g'); non-2xx $bad_none"
  row "[methods] same, 1 device calling while(true){} in a loop (req/s)" "$(IFS=,; echo "${with[*]}" | sed 's/,/, /g')" \
    "mean $mw; p99 $(IFS=,; echo "${notes_with[*]}" | sed 's/,/, /g'); non-2xx $bad_with"
  row "[methods] ingest fall with the runaway (%)" "$fall" "goal <= 10; runs alternated ABBA; runaway: $calls calls ($ended); $stats"
}

bench_methods() {
  start_server methods embedded
  methods_profile
  make_devices 101 BenchCalls 0 "$WORK/method-writers"
  for part in ${METHOD_PARTS:-trivial gateway runaway}; do "methods_$part"; done
  kill "$PID"; wait "$PID" 2>/dev/null || true
}
