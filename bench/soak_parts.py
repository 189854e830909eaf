"""The soak's additions to a fleet scenario (bench/make_day_scenario.py --soak; issue 17 "Soak").

Besides the fleet (N Services replaying the Azure 2021 sample), a soak scenario has:
- node failures: every H hours (t = H, 2H, ...) one node fails and recovers D later, rotating
  worker-0, worker-1, ... (with D = 15m the node is NotReady after 50 s and its pods are evicted
  after 300 s more, so both the in-place failures and the rescheduling happen); two activator
  pods, so the activator on a failed node goes down with it while the other carries on;
- a rollout a day: at 6h of every simulated day, every tenth Service (fn-000, fn-010, ...) gets a
  new image (a new Revision) with 70 % on the previous Revision and 30 % on the new one; an hour
  later 100 % on the new one (the old Revision then scales to zero);
- eventing: a Broker `default` fed by two producers (order.created 0.5/s, order.paid 0.3/s,
  Poisson), a ContainerSource (0.2/s) and a PingSource (every 5 minutes); four Triggers:
  `orders` (type order.created -> the Knative Service fn-000, through its Route, so node failures
  and the rollout reach the events; a 10 s timeout, 3 retries, dead letter), `payments` (type
  order.paid -> a flaky uri answering 200/503/500 with 0.6/0.3/0.1, 2 retries, dead letter),
  `audit` (type prefix dev.knative.sources. -> a uri failing 20 %, 1 retry, NO dead letter, so
  events are lost) and `analytics` (CESQL on type and source, always 202); an InMemoryChannel
  `logs` with a producer (0.3/s) and a Subscription to a flaky uri with a dead letter sink. The
  dead letter sink itself fails 10 % of the time, so dead letters fail (lost) too.
Every trigger filters some events out (each sees every Broker event), so received, filtered,
delivered, retries, dead-lettered and lost are all non-zero over a few simulated hours.
"""

# Knative eventing objects (plain manifests, as a user would kubectl apply them).
EVENTING_OBJECTS = """apiVersion: eventing.knative.dev/v1
kind: Broker
metadata:
  name: default
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: orders
spec:
  broker: default
  filter:
    attributes:
      type: order.created
  subscriber:
    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: fn-000}
  delivery:
    retry: 3
    backoffPolicy: exponential
    backoffDelay: PT0.5S
    timeout: PT10S
    deadLetterSink:
      uri: http://dlq.example.com
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: payments
spec:
  broker: default
  filters:
    - exact: {type: order.paid}
  subscriber:
    uri: http://payments.example.com
  delivery:
    retry: 2
    backoffPolicy: exponential
    backoffDelay: PT0.1S
    timeout: PT1S
    deadLetterSink:
      uri: http://dlq.example.com
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: audit
spec:
  broker: default
  filters:
    - prefix: {type: dev.knative.sources.}
  subscriber:
    uri: http://audit.example.com
  delivery:
    retry: 1
    backoffPolicy: linear
    backoffDelay: PT0.2S
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: analytics
spec:
  broker: default
  filters:
    - cesql: "type LIKE 'order.%' AND source = 'shop/checkout'"
  subscriber:
    uri: http://analytics.example.com
---
apiVersion: messaging.knative.dev/v1
kind: InMemoryChannel
metadata:
  name: logs
---
apiVersion: messaging.knative.dev/v1
kind: Subscription
metadata:
  name: logs-archive
spec:
  channel: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel, name: logs}
  subscriber:
    uri: http://archive.example.com
  delivery:
    retry: 1
    backoffPolicy: exponential
    backoffDelay: PT0.2S
    deadLetterSink:
      uri: http://dlq.example.com
---
apiVersion: sources.knative.dev/v1
kind: ContainerSource
metadata:
  name: heartbeat
  annotations: {knsim.dev/rate: "0.2"}
spec:
  template: {spec: {containers: [{image: example.com/heartbeat:1}]}}
  sink:
    ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}
---
apiVersion: sources.knative.dev/v1
kind: PingSource
metadata:
  name: every-5m
spec:
  schedule: "*/5 * * * *"
  data: '{"ping": true}'
  sink:
    ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}
---
"""

# The Scenario's spec.eventing (after the workloads, before the timeline).
EVENTING_SPEC = """  eventing:
    producers:
      - {name: created, broker: default, type: order.created, source: shop/checkout, arrivals: {poisson: {rate: 0.5}}}
      - {name: paid, broker: default, type: order.paid, source: shop/pay, arrivals: {poisson: {rate: 0.3}}}
      - {name: log-lines, channel: logs, type: log.line, source: shop/logs, arrivals: {poisson: {rate: 0.3}}}
    subscribers:
      - {service: fn-000, cpu: 5ms, wait: 20ms}
      - uri: http://payments.example.com
        status: {"200": 0.6, "503": 0.3, "500": 0.1}
        latency: {lognormal: {median: 20ms, p99: 200ms}}
      - {uri: http://audit.example.com, status: {"200": 0.8, "500": 0.2}, latency: 5ms}
      - {uri: http://analytics.example.com, status: {"202": 1}, latency: 2ms}
      - {uri: http://archive.example.com, status: {"200": 0.7, "503": 0.3}, latency: 10ms}
      - {uri: http://dlq.example.com, status: {"202": 0.9, "500": 0.1}, latency: 2ms}
"""

ROLLOUT = """    - at: {at}
      apply:
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: {{name: {svc}}}
        spec:
          template:
            spec:
              containerConcurrency: 10
              containers: [{{image: "example.com/{svc}:{image}"}}]
          traffic:
{traffic}"""


def seconds(text):
    """'15m' -> 900.0 (one unit: s, m or h)."""
    units = {"s": 1, "m": 60, "h": 3600}
    return float(text[:-1]) * units[text[-1]]


def at(t):
    return "%ds" % round(t)


def header_comment(a):
    return ("# Soak (issue 17): node failures every %gh (each down %s, rotating), a rollout of every tenth\n"
            "# Service at 6h of each day (70/30, then 100 %% an hour later) and eventing traffic (Broker,\n"
            "# Triggers, a channel, sources; flaky subscribers, retries, dead letters): bench/soak_parts.py.\n"
            % (a.fail_every, a.fail_for))


def timeline(services, nodes, duration_s, fail_every_s, fail_for):
    """The timeline: node failures and the daily rollouts, in time order (ties: failures first)."""
    items = []
    down = seconds(fail_for)
    k = 1
    while k * fail_every_s < duration_s:
        t = k * fail_every_s
        node = "worker-%d" % ((k - 1) % nodes)
        items.append((t, 0, "    - {at: %s, failNode: %s}\n" % (at(t), node)))
        if t + down < duration_s:
            items.append((t + down, 0, "    - {at: %s, recoverNode: %s}\n" % (at(t + down), node)))
        k += 1
    day = 0
    while day * 86400.0 + 6 * 3600.0 < duration_s:
        t = day * 86400.0 + 6 * 3600.0
        for i in range(0, services, 10):
            svc = "fn-%03d" % i
            split = ("            - {revisionName: %s-%05d, percent: 70}\n"
                     "            - {latestRevision: true, percent: 30}\n" % (svc, day + 1))
            items.append((t, 1, ROLLOUT.format(at=at(t), svc=svc, image=day + 2, traffic=split)))
            if t + 3600.0 < duration_s:
                items.append((t + 3600.0, 1, ROLLOUT.format(at=at(t + 3600.0), svc=svc, image=day + 2,
                                                            traffic="            - {latestRevision: true, percent: 100}\n")))
        day += 1
    items.sort(key=lambda x: (x[0], x[1]))
    return "  timeline:\n" + "".join(text for _, _, text in items)
