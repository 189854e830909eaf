#!/usr/bin/env python3
"""A stand-in for `knsim cluster shadow --stream` (tests/gui/live_view_test.cpp, docs screenshots):
prints a scripted minute of shadow lines (docs/adapter.md's shadow.jsonl format) and exits, so the
GUI's live view is tested without a cluster. Point knsim-gui at it with KNSIM_BIN=.../fake_shadow.py.

Script, one tick every 2 s from t = 0 to 58 s, two revisions:
  default/hello-00007: twin desired 1 (t < 10), 3 (10-28), 5 (30-48, twin panic 30-38), 2 (>= 50);
    the real PodAutoscaler says the same except desired 2 at t = 20 and 22; real ready pods follow
    real desired 4 s later; twin mode Proxy before 14 s, real Proxy before 16 s, then Serve.
    "agree" = desired and mode agree -> disagreements at t = 14 (mode), 20 and 22 (desired).
  default/hello-00006: 1 pod, Serve, always agrees; the cluster does not expose its mode (null).
Environment: FAKE_SHADOW_ARGS=FILE writes the arguments there; FAKE_SHADOW_MODE=fail prints four
ticks, then an error on stderr and exits 3; FAKE_SHADOW_DELAY=S sleeps S seconds between ticks.
"""
import json
import os
import sys
import time


def twin_desired(t):
    return 1 if t < 10 else 3 if t < 30 else 5 if t < 50 else 2


def real_desired(t):
    return 2 if t in (20, 22) else twin_desired(t)


def main():
    if os.environ.get("FAKE_SHADOW_ARGS"):
        with open(os.environ["FAKE_SHADOW_ARGS"], "w") as f:
            f.write(" ".join(sys.argv[1:]))
    fail = os.environ.get("FAKE_SHADOW_MODE") == "fail"
    delay = float(os.environ.get("FAKE_SHADOW_DELAY", "0"))
    print("# knsim cluster shadow (stand-in): 2 revisions in default", flush=True)
    for k in range(30):
        t = 2 * k
        if fail and k == 4:
            sys.stderr.write("knsim cluster shadow: https://127.0.0.1:6443: watch podautoscalers: connection refused\n")
            sys.exit(3)
        twin_mode = "Proxy" if t < 14 else "Serve"
        real_mode = "Proxy" if t < 16 else "Serve"
        td, rd = twin_desired(t), real_desired(t)
        line = {"t": float(t), "revision": "default/hello-00007",
                "twin": {"desired": td, "panic": 30 <= t < 40, "ebc": round(10.0 - 7.0 * td, 1), "mode": twin_mode,
                         "stable": round(2.5 * td, 1), "panic_value": round(2.8 * td, 1)},
                "real": {"desired": rd, "actual": real_desired(max(0, t - 4)), "mode": real_mode},
                "agree": td == rd and twin_mode == real_mode}
        print(json.dumps(line), flush=True)
        other = {"t": float(t), "revision": "default/hello-00006",
                 "twin": {"desired": 1, "panic": False, "ebc": 3.0, "mode": "Serve", "stable": 0.4, "panic_value": 0.5},
                 "real": {"desired": 1, "actual": 1, "mode": None}, "agree": True}
        print(json.dumps(other), flush=True)
        if delay:
            time.sleep(delay)


if __name__ == "__main__":
    main()
