#!/usr/bin/env python3
"""The soak's accounting check (issue 17): reads a run's summary.json and events.jsonl and prints
one line per identity, then `accounting: PASS` (exit 0) or `accounting: FAIL` (exit 1).

  bench/soak_check.py OUT_DIR [--label NAME] [--node-failures N] [--rollouts N] [--revisions N]

The three counts, when given, must be exact (tests/slow/soak_test.cpp knows its scenario's); without
them the check asks only that each happened.

What summary.json gives (each counter kept on its own by the simulator, none derived from others):
- requests: total (every arrival) = succeeded + failed; requests still running at the end are
  failed with reason `unfinished`; failed = the sum of failed_by_reason; total = the sum of the
  revisions' requests + no_route (a no_route request never reaches a revision).
- eventing.triggers[] / subscriptions[]: received = filtered + delivered + dead_lettered + lost,
  where lost = chains that ended lost (no dead letter sink, or it failed too; also events the
  filter stage refused, e.g. TTL exhausted) + in_flight (chains still open at the end; 0 <= in_flight
  <= lost).
- eventing.sources[]: sent = accepted + failed + in_flight (no final answer yet at the end).
Cross-checks with events.jsonl, which the simulator writes independently of the counters:
- per trigger/subscription, delivered = the `delivery_attempt` events with outcome delivered,
  dead_lettered = those with dead_lettered, lost - in_flight = those with lost or
  dead_letter_failed (the soak has no replies, so no chain ends at the filter stage), retries =
  those with retry or reply_retry; in flight at the end: a handful (chains last seconds), not a leak;
- requests failed by reason = the `request_failures` events' counts (all reasons but `unfinished`,
  which the end of the run reports only in the summary);
And that the soak did what it says (so the check fails if a feature silently stopped): node
failures happened, each recovered, and failed requests (node_failure), a 70/30 rollout split was
programmed and its revisions served, and each of bench/soak_parts.py's delivery outcomes happened
where it is set up to (orders: retries and filtered; payments: retries, dead letters; audit, which
has no dead letter sink: ended lost; logs-archive: dead letters; the dead letter sink's 10 %
failures: dead_letter_failed).
"""
import argparse
import json
import os
import sys
from collections import Counter, defaultdict


# Chains open at the end of the run: delivery chains last seconds, so more than this is a leak.
MAX_IN_FLIGHT_AT_END = 50


class Check:
    def __init__(self):
        self.failures = 0

    def line(self, ok, text):
        print("  %-4s %s" % ("ok" if ok else "FAIL", text))
        if not ok:
            self.failures += 1


def check_requests(c, s):
    r = s["requests"]
    total, ok_, failed = r["total"], r["succeeded"], r["failed"]
    c.line(total == ok_ + failed, "requests: total %d = succeeded %d + failed %d (unfinished %d)"
           % (total, ok_, failed, r["failed_by_reason"].get("unfinished", 0)))
    by_reason = sum(r["failed_by_reason"].values())
    c.line(by_reason == failed, "requests: failed_by_reason sums to %d (failed %d)" % (by_reason, failed))
    routed = sum(rev["requests"] for rev in s["revisions"])
    no_route = r["failed_by_reason"].get("no_route", 0)
    c.line(routed + no_route == total, "requests: revisions' requests %d + no_route %d = total %d" % (routed, no_route, total))


def check_eventing(c, s):
    ev = s.get("eventing", {"triggers": [], "subscriptions": [], "sources": []})
    for key in ("triggers", "subscriptions"):
        for d in ev[key]:
            rhs = d["filtered"] + d["delivered"] + d["dead_lettered"] + d["lost"]
            ok = d["received"] == rhs and 0 <= d["in_flight"] <= min(d["lost"], MAX_IN_FLIGHT_AT_END)
            c.line(ok, "%s %s: received %d = filtered %d + delivered %d + dead_lettered %d + lost %d "
                   "(of which in flight at the end %d; retries %d)"
                   % (key[:-1], d["name"], d["received"], d["filtered"], d["delivered"], d["dead_lettered"],
                      d["lost"], d["in_flight"], d["retries"]))
    for d in ev["sources"]:
        ok = d["sent"] > 0 and d["sent"] == d["accepted"] + d["failed"] + d["in_flight"] and d["in_flight"] >= 0
        c.line(ok, "source %s: sent %d = accepted %d + failed %d + in flight %d"
               % (d["name"], d["sent"], d["accepted"], d["failed"], d["in_flight"]))
    return ev


def read_events(path):
    """Counts from events.jsonl; only the lines of the kinds needed are parsed (the file is large)."""
    outcomes = defaultdict(Counter)
    failures = Counter()
    kinds = Counter()
    splits = []  # the revisions of each 70/30 split
    with open(path) as f:
        for line in f:
            if '"delivery_attempt"' in line:
                e = json.loads(line)
                outcomes[e.get("trigger") or e.get("subscription")][e["outcome"]] += 1
            elif '"request_failures"' in line:
                e = json.loads(line)
                failures[e["reason"]] += e["count"]
            elif '"node_fail"' in line or '"node_recover"' in line:
                kinds[json.loads(line)["kind"]] += 1
            elif '"traffic_change"' in line:
                e = json.loads(line)
                if sorted(t["percent"] for t in e["targets"]) == [30.0, 70.0]:
                    splits.append([t["revision"] for t in e["targets"]])
    return outcomes, failures, kinds, splits


def check_events(c, s, ev, path):
    outcomes, failures, kinds, splits = read_events(path)
    for key in ("triggers", "subscriptions"):
        for d in ev[key]:
            o = outcomes[d["name"]]
            ended_lost = d["lost"] - d["in_flight"]
            retries = o["retry"] + o["reply_retry"]
            ok = (o["delivered"] == d["delivered"] and o["dead_lettered"] == d["dead_lettered"]
                  and o["lost"] + o["dead_letter_failed"] == ended_lost and retries == d["retries"])
            c.line(ok, "events.jsonl %s: delivered %d, dead_lettered %d, lost + dead_letter_failed %d, "
                   "retries %d (summary: %d, %d, %d, %d)"
                   % (d["name"], o["delivered"], o["dead_lettered"], o["lost"] + o["dead_letter_failed"], retries,
                      d["delivered"], d["dead_lettered"], ended_lost, d["retries"]))
    by_reason = {k: v for k, v in s["requests"]["failed_by_reason"].items() if k != "unfinished" and v}
    c.line(dict(failures) == by_reason, "events.jsonl request_failures by reason %s (summary %s)"
           % (dict(sorted(failures.items())), dict(sorted(by_reason.items()))))
    return outcomes, kinds, splits


def as_expected(n, expected):
    """n happened (> 0) and, when a count is expected, exactly that often."""
    return n > 0 if expected is None else n == expected


def check_exercised(c, s, ev, events, expect):
    outcomes, kinds, splits = events
    fails = kinds["node_fail"]
    c.line(as_expected(fails, expect.node_failures) and kinds["node_recover"] == fails,
           "exercised: %d node failures (expected %s), %d recoveries" % (fails, expect.node_failures or "> 0",
                                                                         kinds["node_recover"]))
    c.line(s["requests"]["failed_by_reason"].get("node_failure", 0) > 0,
           "exercised: %d requests failed with their node" % s["requests"]["failed_by_reason"].get("node_failure", 0))
    c.line(as_expected(len(splits), expect.rollouts),
           "exercised: %d rollout splits 70/30 programmed (expected %s)" % (len(splits), expect.rollouts or "> 0"))
    served = {r["name"]: r["requests"] for r in s["revisions"]}
    idle = sorted({rev for split in splits for rev in split if served.get(rev, 0) == 0})
    c.line(not idle, "exercised: every revision of a 70/30 split served requests%s" % (" (not: %s)" % idle if idle else ""))
    if expect.revisions is not None:
        c.line(len(s["revisions"]) == expect.revisions,
               "exercised: %d revisions (expected %d)" % (len(s["revisions"]), expect.revisions))
    chains = {d["name"]: d for d in ev["triggers"] + ev["subscriptions"]}
    wanted = [("default/orders", "retries"), ("default/orders", "filtered"), ("default/payments", "retries"),
              ("default/payments", "dead_lettered"), ("default/audit", "ended lost"),
              ("default/logs-archive", "dead_lettered")]
    for name, field in wanted:
        d = chains.get(name)
        n = 0 if d is None else (d["lost"] - d["in_flight"] if field == "ended lost" else d[field])
        c.line(n > 0, "exercised: %s %s %d" % (name, field, n))
    dlq_failed = sum(outcomes[name]["dead_letter_failed"] for name in ("default/payments", "default/logs-archive"))
    c.line(dlq_failed > 0, "exercised: the dead letter sink failed %d deliveries" % dlq_failed)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out_dir")
    p.add_argument("--label", default="")
    p.add_argument("--node-failures", type=int, help="exact number of node failures expected")
    p.add_argument("--rollouts", type=int, help="exact number of 70/30 splits expected")
    p.add_argument("--revisions", type=int, help="exact number of revisions expected")
    a = p.parse_args()
    s = json.load(open(os.path.join(a.out_dir, "summary.json")))
    c = Check()
    print("accounting%s:" % (" (" + a.label + ")" if a.label else ""))
    check_requests(c, s)
    ev = check_eventing(c, s)
    events = check_events(c, s, ev, os.path.join(a.out_dir, "events.jsonl"))
    check_exercised(c, s, ev, events, a)
    print("accounting%s: %s" % (" (" + a.label + ")" if a.label else "", "PASS" if c.failures == 0 else "FAIL (%d)" % c.failures))
    return 0 if c.failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
