# shellcheck shell=bash
# bench/run methods (issue 12: Benchmark), sourced by bench/run: uses its start_server, api,
# make_devices, wrk_rate, row, b64, json, $WORK, $BENCH, $KEY, $PORT, $CONNS.

# A method every device of BenchCalls has: inc (public, returns value + 1); spin (protected,
# never ends), which its device calls in a loop in part 3; and hidden (private: only the profile's
# own methods call it), which the device calls in a loop in part 3 to measure its calls alone.
methods_profile() {
  api POST /deviceprofiles -d '{"name":"BenchCalls","baseProfile":"ConnectedDevice"}' >/dev/null
  api POST /deviceprofiles/BenchCalls/properties -d '{"name":"temperature","type":"number","access":"public"}' >/dev/null
  api POST /deviceprofiles/BenchCalls/methods \
    -d '{"name":"inc","access":"public","methodImpl":{"funcBody":"return value + 1;"}}' >/dev/null
  api POST /deviceprofiles/BenchCalls/methods \
    -d '{"name":"spin","access":"protected","methodImpl":{"funcBody":"while (true) {}"}}' >/dev/null
  api POST /deviceprofiles/BenchCalls/methods \
    -d '{"name":"hidden","access":"private","methodImpl":{"funcBody":"return 1;"}}' >/dev/null
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

# runaway_loop MODE DEVICE KEY LOG STOP: the device calls its spin method again and again, at
# once after each answer, until the file STOP exists; one line "status seconds" per call in LOG.
# MODE reenable: an administrator re-enables the method before every call (a runaway is
# quarantined on its first run), so every call runs it; MODE device: the device alone, as the
# issue words it: the method is re-enabled once at the start, its first call runs it, the calls
# after are refused (403, quarantined); MODE flood: the same loop on the device's private method
# hidden, refused (403) before any script runs: what the device's calls cost without a runaway.
# One client process on kept-alive connections (a curl for each request cost the machine more than
# the calls). It returns once its last call has ended.
runaway_loop() {
  python3 - "$PORT" "$KEY" "$@" <<'PY'
import base64, http.client, os, sys, time
port, admin, mode, rid, device, log, stop = sys.argv[1:]
auth = lambda k: {'Authorization': 'Basic ' + base64.b64encode(k.encode()).decode(), 'Content-Type': 'application/json'}
a, d = http.client.HTTPConnection('127.0.0.1', int(port)), http.client.HTTPConnection('127.0.0.1', int(port))
method = 'hidden' if mode == 'flood' else 'spin'
def enable():
    a.request('PUT', f'/v3/devices/{rid}/methods/spin', '{"disabled":false}', auth(admin)); a.getresponse().read()
enable()
began = time.monotonic()
with open(log, 'a') as out:
    while not os.path.exists(stop):
        t = time.monotonic()
        d.request('POST', f'/v3/data/devices/{rid}/methods/{method}', '{"value":1}', auth(device)); r = d.getresponse(); r.read()
        out.write(f'{r.status} {time.monotonic() - t:.3f}\n'); out.flush()
        if mode == 'reenable':
            enable()
with open(log + '.cpu', 'a') as out:  # this client's own CPU time and wall time, in seconds
    out.write(f'{os.times().user + os.times().system:.3f} {time.monotonic() - began:.3f}\n')
PY
}

# ended LOG: how the calls in LOG ended, and the CPU its client used, e.g. "75 calls (75 x 422;
# 0.27 s a call on average); the calling client used 3 % of a core"
ended() {
  awk '{n[$1]++; t+=$2} END {printf "%d calls (", NR; for (c in n) {printf "%s%d x %s", s, n[c], c; s=", "} if (NR) printf "; %.3f s a call on average", t/NR; printf ")"}' "$1"
  awk '{c+=$1; w+=$2} END {if (w) printf "; the calling client used %.0f %% of a core", 100*c/w}' "$1.cpu" 2>/dev/null || true
}

# 3. 100 devices writing single points over REST: without a runaway, with the 101st device calling
# while (true) {} in a loop alone (MODE device), and re-enabled before every call (MODE
# reenable), in ABBA order (none device reenable, reenable device none, ...), so a drift over the
# runs (warming, the database growing) weighs on all alike.
methods_runaway() {
  local rounds=${METHOD_ROUNDS:-2} body='{"dps":[{"v":21.5}]}' r kind order
  declare -A rates p99s bads
  head -100 "$WORK/method-writers" > "$WORK/writers"
  local rid rkey; rid=$(tail -1 "$WORK/ids"); rkey=$(api GET "/devices/$rid/apikey" | json "d['id']+':'+d['secret']")
  # Warm-up: the first runaway calls are slow (the JIT compiles the script runtime's paths), and
  # the first 10 s of writes too (a first counted run was 10-50 % below the next ones), which is
  # not what is measured; so writes run for DURATION, and the loop until 3 calls have ended.
  : > "$WORK/spin-warm.log"; rm -f "$WORK/spin.stop"
  runaway_loop reenable "$rid" "$rkey" "$WORK/spin-warm.log" "$WORK/spin.stop" & local loop=$!
  BODY="$body" TARGETS="$WORK/writers" wrk -t2 -c"$CONNS" -d"${DURATION}s" -s "$BENCH/write.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
  for _ in $(seq 60); do (( $(wc -l < "$WORK/spin-warm.log") >= 3 )) && break; sleep 0.5; done
  touch "$WORK/spin.stop"; wait "$loop"
  : > "$WORK/spin-flood.log"; : > "$WORK/spin-device.log"; : > "$WORK/spin-reenable.log"; rm -f "$WORK"/spin-*.cpu
  local rps bad p99
  for r in $(seq "$rounds"); do
    order="none flood device reenable"; (( r % 2 == 0 )) && order="reenable device flood none"
    for kind in $order; do
      if [[ "$kind" != none ]]; then
        rm -f "$WORK/spin.stop"
        runaway_loop "$kind" "$rid" "$rkey" "$WORK/spin-$kind.log" "$WORK/spin.stop" & loop=$!
        sleep 1
      fi
      read -r rps bad p99 <<<"$(wrk_rate "$body" "$WORK/writers")"
      rates[$kind]+="$rps "; p99s[$kind]+="$p99 "; bads[$kind]=$(( ${bads[$kind]:-0} + bad ))
      if [[ "$kind" != none ]]; then touch "$WORK/spin.stop"; wait "$loop"; fi # its call in flight ends at its limit
    done
  done
  local stats
  stats=$(api GET "/devices/$rid/methods/spin" | json "f\"stats {d['stats']['count']} runs, {d['stats']['failures']} failed, mean {d['stats']['sum'] / max(1, d['stats']['count']):.0f} ms\"" \
    || echo "its instance could not be read")
  local mean_none; mean_none=$(python3 -c "n=[float(x) for x in '${rates[none]}'.split()]; print(f'{sum(n)/len(n):.0f}')")
  row "[methods] 100 devices' REST writes, no runaway (req/s)" "$(echo ${rates[none]} | sed 's/ /, /g')" \
    "mean $mean_none; p99 $(echo ${p99s[none]} | sed 's/ /, /g'); non-2xx ${bads[none]}"
  for kind in flood device reenable; do
    local what="the device alone calling while(true){} in a loop"
    [[ "$kind" == flood ]] && what="control: the device calling its private method in a loop (403, no script runs)"
    [[ "$kind" == reenable ]] && what="same, re-enabled by an admin before every call"
    local mean fall; read -r mean fall <<<"$(python3 -c "
n=[float(x) for x in '${rates[none]}'.split()]; w=[float(x) for x in '${rates[$kind]}'.split()]
mn,mw=sum(n)/len(n),sum(w)/len(w)
print(f'{mw:.0f} {(1-mw/mn)*100:.1f}')")"
    row "[methods] $what (req/s)" "$(echo ${rates[$kind]} | sed 's/ /, /g')" \
      "mean $mean; p99 $(echo ${p99s[$kind]} | sed 's/ /, /g'); non-2xx ${bads[$kind]}; the device's loop: $(ended "$WORK/spin-$kind.log")"
    local goal="goal <= 10"; [[ "$kind" == flood ]] && goal="no goal: what the loop's calls cost without a runaway"
    row "[methods] ingest fall, $kind (%)" "$fall" "$goal; runs in ABBA order"
  done
  row "[methods] the runaway's instance" "-" "$stats"
}

bench_methods() {
  start_server methods embedded
  methods_profile
  make_devices 101 BenchCalls 0 "$WORK/method-writers"
  for part in ${METHOD_PARTS:-trivial gateway runaway}; do "methods_$part"; done
  kill "$PID"; wait "$PID" 2>/dev/null || true
}
