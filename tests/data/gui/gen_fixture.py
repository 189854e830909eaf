# One-off generator of canary.jsonl + canary_timeseries.csv (a fake stream for the GUI tests).
import json, math, os
here = os.path.dirname(os.path.abspath(__file__))
revs = ["hello-00001", "hello-00002"]
nodes = ["worker-0", "worker-1"]
cols = ["t_s","revision","desired_pods","ready_pods","pods","observed_stable","observed_panic","target",
        "panic","mode","ebc","requests","concurrency","traffic_percent","served_share","latency_p50_ms",
        "latency_p99_ms","failures","cold_starts","min_scale","max_scale"]
lines = [json.dumps({"type":"hello","scenario":"gui-canary","seed":7,"duration_s":60,"sample_interval_s":1,
                     "revisions":revs,"nodes":nodes,"knsim_version":"0.1.0-fixture"})]
csv = [",".join(cols)]
pods = {r: 0 for r in revs}
for t in range(1, 61):
    rate = 5 if t < 15 else (120 if t < 40 else 20)
    for i, r in enumerate(revs):
        pct = 80 if i == 0 else 20
        req = round(rate * pct / 100)
        conc = req * 0.05
        stable = round(conc * 0.9 + (1 if t > 20 else 0) * 0.1, 3)
        panic_c = round(conc * 1.2, 3)
        target = 7.0
        desired = max(0 if t > 50 and i == 1 else 1, math.ceil(panic_c / target))
        panic = 1 if 15 <= t < 27 else 0
        if t % 2 == 0: pods[r] = desired
        ready = min(pods[r], max(0, pods[r] - (1 if t in (16, 17) else 0)))
        mode = "Proxy" if (ready == 0 or (15 <= t < 20)) else "Serve"
        row = {"t_s": float(t), "revision": r, "desired_pods": desired, "ready_pods": ready, "pods": pods[r],
               "observed_stable": stable, "observed_panic": panic_c, "target": target, "panic": panic,
               "mode": mode, "ebc": round(ready * target - panic_c, 3), "requests": req,
               "concurrency": round(conc, 3), "traffic_percent": pct,
               "served_share": round(pct / 100, 3), "latency_p50_ms": 50 + i * 3,
               "latency_p99_ms": 80 + (900 if t in (15, 16) else 0) + i * 10,
               "failures": 1 if t == 16 and i == 0 else 0, "cold_starts": 2 if t == 15 else 0,
               "min_scale": 1 if i == 0 else 0, "max_scale": 10}
        lines.append(json.dumps(dict({"type": "sample"}, **row)))
        csv.append(",".join(str(row[c]) for c in cols))
        if t % 2 == 0:
            ev = {"type": "event", "t_s": float(t), "kind": "autoscaler_decision", "revision": r,
                  "observed_stable": stable, "observed_panic": panic_c, "target": target,
                  "ready_pods": ready, "desired_pods": desired, "panic": bool(panic),
                  "excess_burst_capacity": round(ready * target - panic_c, 3),
                  "reason": ("panic: observed panic concurrency %.2f >= 2.0 x capacity" % panic_c) if panic
                  else "stable: ceil(observed_stable / target)"}
            lines.append(json.dumps(ev))
    for j, n in enumerate(nodes):
        p = sum(pods.values()) // 2 + (sum(pods.values()) % 2 if j == 0 else 0)
        lines.append(json.dumps({"type":"node","t_s":float(t),"node":n,"up":True,"pods":p,
                                 "cpu_used":round(p*0.6,2),"cpu_cores":8}))
    if t == 15:
        lines.append(json.dumps({"type":"event","t_s":15.0,"kind":"mode_switch","revision":"hello-00001",
                                 "mode":"Proxy","reason":"excess burst capacity < 0"}))
    if t == 20:
        lines.append(json.dumps({"type":"event","t_s":20.0,"kind":"mode_switch","revision":"hello-00001",
                                 "mode":"Serve","reason":"excess burst capacity >= 0"}))
    if t == 14:
        lines.append(json.dumps({"type":"event","t_s":14.0,"kind":"pod_phase","revision":"hello-00001",
                                 "pod":"hello-00001-deployment-2","node":"worker-1","from":"Pending","to":"Scheduled","reason":"fits on worker-1"}))
    if t == 30:
        lines.append(json.dumps({"type":"event","t_s":30.0,"kind":"timeline_action","action":"setArrivals",
                                 "detail":"web: poisson 20/s"}))
    lines.append(json.dumps({"type":"progress","t_s":float(t),"requests":t*10,"wall_s":t*0.01}))
summary = {"scenario":"gui-canary","seed":7,"knsim_version":"0.1.0-fixture","duration_s":60,
  "requests":{"total":3000,"succeeded":2999,"failed":1,"failed_by_reason":{"overflow_503":1,"timeout":0,"no_route":0}},
  "latency_ms":{"p50":51,"p90":70,"p99":95,"max":990},"cold_start_requests":2,
  "revisions":[{"name":"hello-00001","service":"hello","requests":2400,"share":0.8,"pods_max":3,"pod_seconds":110,
                "panic_seconds":12,"proxy_seconds":5,"scale_events":6},
               {"name":"hello-00002","service":"hello","requests":600,"share":0.2,"pods_max":1,"pod_seconds":50,
                "panic_seconds":12,"proxy_seconds":14,"scale_events":2}],
  "nodes":{"max":2,"node_seconds":120},"wall_seconds":0.6,"simulated_requests_per_wall_second":5000}
lines.append(json.dumps({"type":"done","summary":summary,"out_dir":"OUT_DIR"}))
open(os.path.join(here, "canary.jsonl"), "w").write("\n".join(lines)+"\n")
open(os.path.join(here, "canary_timeseries.csv"), "w").write("\n".join(csv)+"\n")
