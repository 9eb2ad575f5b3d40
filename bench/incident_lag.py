"""Lag from each device's inactivity deadline to its incident being open and its log handler line stored.

Usage: python3 incident_lag.py DB N PREFIX PERIOD_S TIMEOUT_S [POLL_MS]

Polls the server's SQLite file (a reader: it never blocks the server's writer) every POLL_MS for the
device log lines of the alert's `log` handler (type 'Alert', message starting with PREFIX) until N
devices have one or TIMEOUT_S passes. A line is "stored" at the latest at the start of the poll that
first sees it (the poll reads a snapshot taken then), so the stored lag is an upper bound, at most
one poll interval late. The incident is written before its handlers run (so a stored handler line
means an open incident); its own start time and the handler's time are read from the store at the
end. The deadline of a device is its last inbound traffic (`lastIn`) plus the period.
Prints one line: key=value pairs, times in ms.
"""
import sqlite3
import sys
import time

LAST_IN, ACTIVE = 100000000000000002, 100000000000000001


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s))) - 1))] if s else float("nan")


def main():
    db, n, prefix, period, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    poll = (int(sys.argv[6]) if len(sys.argv) > 6 else 100) / 1000
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    like = prefix.replace("%", "") + "%"
    seen, devices, since, polls, gap, last = {}, set(), 0, 0, 0, None  # seen: (device, line time) -> when first seen
    end = time.time() + timeout
    while len(devices) < n and time.time() < end:
        t = time.time() * 1000
        gap, last = max(gap, t - last) if last else 0, t
        # Only lines handled since shortly before the last poll: a handler line is stored well within
        # 10 s of its own time; the final sweep below catches any that are not.
        for row in con.execute(
            "SELECT device_id, ts FROM device_log WHERE kind='Alert' AND ts >= ? AND message LIKE ?", (since, like)
        ):
            seen.setdefault(row, t)
            devices.add(row[0])
        since, polls = int(t) - 10_000, polls + 1
        time.sleep(poll)
    final = time.time() * 1000
    for row in con.execute("SELECT device_id, ts FROM device_log WHERE kind='Alert' AND message LIKE ?", (like,)):
        seen.setdefault(row, final)
    last_in = dict(con.execute("SELECT device_id, ts FROM latest_value WHERE prop_id=?", (LAST_IN,)))
    deadline = {d: ts + period * 1000 for d, ts in last_in.items()}
    # A device's line for its deadline is its first after its last write (an earlier one was for the
    # deadline its creation set, if the write came after it).
    stored_at, handled = {}, {}
    for (dev, ts), t in sorted(seen.items()):
        if dev in last_in and ts >= last_in[dev] and dev not in handled:
            handled[dev], stored_at[dev] = ts, t
    inactive = {d: ts for d, ts in con.execute("SELECT device_id, ts FROM latest_value WHERE prop_id=? AND val='\"inactive\"'", (ACTIVE,))}
    started = {int(d[5:]): ts for d, ts in con.execute("SELECT device_id, start_time FROM alert_incident")}
    started = {d: ts for d, ts in started.items() if d in last_in and ts >= last_in[d]}
    stored = [stored_at[d] - deadline[d] for d in stored_at]
    opened = [started[d] - deadline[d] for d in started]
    ran = [handled[d] - deadline[d] for d in handled]
    marked = [inactive[d] - deadline[d] for d in inactive if d in deadline]
    spread = max(deadline.values()) - min(deadline.values()) if deadline else 0
    out = {
        "incidents": len(started), "logged": len(stored_at), "devices": len(deadline), "polls": polls, "poll_gap_max": gap,
        "stored_max": max(stored, default=-1), "stored_p99": pct(stored, 99), "stored_p50": pct(stored, 50),
        "opened_max": max(opened, default=-1), "opened_p99": pct(opened, 99),
        "handled_max": max(ran, default=-1), "handled_p99": pct(ran, 99),
        "inactive_max": max(marked, default=-1), "inactive_p99": pct(marked, 99),
        "spread": spread,
    }
    print(" ".join(f"{k}={v:.0f}" if isinstance(v, float) else f"{k}={v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
