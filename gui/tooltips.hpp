#pragma once
// Teaching tooltips: one or two sentences per plot and setting, in Knative's terms.
namespace knsim::gui::tooltip {

inline constexpr const char* kPodsPlot =
    "Pods of each Revision: 'desired' is what the KPA autoscaler asked for, 'ready' counts pods that "
    "passed the queue-proxy readiness probe, 'all pods' includes pending and terminating ones. "
    "Dash-dot lines are the Revision's min-scale and max-scale bounds.";
inline constexpr const char* kConcurrencyPlot =
    "What the autoscaler observed: the average concurrency (or RPS) over the stable window (solid) and "
    "the shorter panic window (dashed), against the target capacity = per-pod target x ready pods.";
inline constexpr const char* kBandsPlot =
    "One lane per Revision. Lower half: the ServerlessService mode, Proxy (orange: the activator is in "
    "the request path and buffers requests) or Serve (green: requests go straight to the pods). "
    "Upper half is red while the autoscaler is in panic mode.";
inline constexpr const char* kTrafficPlot =
    "The Route's traffic split: the percent each Revision is configured to receive (solid) and the "
    "share of requests it actually served in each interval (dashed).";
inline constexpr const char* kLoadPlot =
    "Requests arriving at each Revision per second. Triangles (right axis) count cold starts: requests "
    "that waited for a pod to start; red crosses count failed requests (overflow 503, timeouts).";
inline constexpr const char* kLatencyPlot =
    "End-to-end request latency per sample interval, median (p50, dashed) and 99th percentile (p99, "
    "solid), in milliseconds; cold starts show as p99 spikes.";
inline constexpr const char* kNodesPlot =
    "Kubernetes nodes: how many pods the scheduler placed on each node (solid) and the node's CPU use "
    "in percent of its cores (dashed, right axis).";
inline constexpr const char* kEventList =
    "Everything that happened: autoscaler decisions with their reason, pod phase changes, Proxy/Serve "
    "switches, traffic changes and timeline actions. Click a row to move the cursor there.";
inline constexpr const char* kDecision =
    "The autoscaler decision of each Revision at the cursor's tick (the KPA decides every 2 s): its "
    "inputs, the target, the rule that decided and the resulting mode.";

// The Eventing view (Knative Eventing: Brokers and Triggers, Channels and Subscriptions).
inline constexpr const char* kEventingPlot =
    "Knative Eventing delivery attempts per sample interval: events a subscriber accepted (delivered), "
    "failed attempts that are retried after the backoff (retries), events the dead-letter sink accepted "
    "after the last retry failed (dead-lettered), and events given up (lost: no dead-letter sink, or it "
    "failed too). Pick a Trigger or Subscription in the Eventing tab to see only its deliveries.";
inline constexpr const char* kEventingIntro =
    "A Broker hands every event to each of its Triggers; a Trigger's filter keeps or drops it, then "
    "delivers it to the Trigger's subscriber. A Channel hands every event to each of its Subscriptions. "
    "A failed delivery (a timeout, a 5xx, 404, 408, 409 or 429 answer; Knative's SelectiveRetry) is "
    "retried delivery.retry times, waiting per delivery.backoffPolicy and backoffDelay; after the last "
    "failure (or a failure that is not retried) the event goes to "
    "delivery.deadLetterSink if one is set, otherwise it is lost.";
inline constexpr const char* kEventingDestination =
    "A Trigger (Broker -> subscriber, with a filter) or a Subscription (Channel -> subscriber), as "
    "namespace/name. Click a row to plot only its deliveries.";
inline constexpr const char* kEventingReceived =
    "Events the Broker or Channel handed to this Trigger or Subscription (from the run's summary, once it "
    "is done). received = filtered + delivered + dead-lettered + lost.";
inline constexpr const char* kEventingFiltered =
    "Events the Trigger's filter (attributes or CESQL) dropped: not delivered, and not a failure.";
inline constexpr const char* kEventingDelivered =
    "Events the subscriber accepted (2xx), after any retries.";
inline constexpr const char* kEventingRetries =
    "Failed delivery attempts that were retried (delivery.retry, waiting the backoffDelay, doubled "
    "each time with the exponential backoffPolicy); includes retries of forwarding a subscriber's reply "
    "and retries towards the dead-letter sink.";
inline constexpr const char* kEventingDeadLettered =
    "Events whose last retry failed and that the dead-letter sink (delivery.deadLetterSink) accepted: "
    "kept for later inspection, not delivered.";
inline constexpr const char* kEventingLost =
    "Events neither delivered nor dead-lettered: the last retry failed and there is no dead-letter sink "
    "or it failed too. The final number also counts events still in flight when the run ended.";
inline constexpr const char* kEventingLatency =
    "Delivery latency of the delivered events (median, 99th percentile, slowest), from the Broker or "
    "Channel receiving the event to the "
    "subscriber's accepted answer, retries and cold starts included (from the run's summary).";
inline constexpr const char* kEventingSources =
    "Event producers and sources (PingSource, ContainerSource, ApiServerSource, the scenario's "
    "producers): events sent, accepted by the Broker or Channel (2xx), and failed.";
inline constexpr const char* kEventingSelector =
    "Which deliveries the Eventing plot shows: all Triggers and Subscriptions together, or one of them.";

// What-if settings (config-autoscaler keys and per-Revision fields).
inline constexpr const char* kTarget =
    "autoscaling.knative.dev/target (config-autoscaler container-concurrency-target-default): the "
    "concurrency (or RPS) each pod should handle; desired pods = observed / (target x utilisation).";
inline constexpr const char* kMetric =
    "autoscaling.knative.dev/metric: what the KPA scales on, 'concurrency' (requests in flight) or "
    "'rps' (requests per second).";
inline constexpr const char* kStableWindow =
    "stable-window: the averaging window of the stable mode (6s to 1h, whole seconds); longer windows "
    "react more slowly but avoid flapping. Panic mode also ends one stable window after it started.";
inline constexpr const char* kPanicWindow =
    "panic-window-percentage: the panic window as a percent of the stable window (1 to 100); the "
    "short window used to detect bursts.";
inline constexpr const char* kPanicThreshold =
    "panic-threshold-percentage: panic starts when the panic-window load reaches this percent of the "
    "current capacity (Knative default 200).";
inline constexpr const char* kTbc =
    "target-burst-capacity: spare capacity (in requests) the Revision must keep; below it the activator "
    "stays in the path (Proxy mode). 0 = activator only at zero pods, -1 = always.";
inline constexpr const char* kMinScale =
    "min-scale: the Revision never goes below this many pods (0 allows scale to zero).";
inline constexpr const char* kMaxScale =
    "max-scale: upper bound on pods for the Revision; 0 means unlimited.";
inline constexpr const char* kInitialScale =
    "initial-scale: pods a new Revision starts with before the autoscaler takes over (>= 1 unless "
    "allow-zero-initial-scale).";
inline constexpr const char* kScaleDownDelay =
    "scale-down-delay: scale-down decisions use the maximum over this window, so pods are kept this "
    "long after load drops (0 to 1h, whole seconds).";
inline constexpr const char* kScaleToZeroGrace =
    "scale-to-zero-grace-period: how long the last pod is kept, behind the activator, before the "
    "Revision goes to zero pods (must be > 0).";
inline constexpr const char* kContainerConcurrency =
    "containerConcurrency: the hard limit of requests one pod serves at once (queue-proxy breaker); "
    "0 = unlimited, then the target default applies.";
inline constexpr const char* kLoad =
    "The workload's arrivals: a Poisson or constant rate in requests per second, or a trace file "
    "replayed request by request.";

// Playback and file actions: the short texts of the toolbar tooltips, the Help menu and its
// keyboard table (shortcuts.hpp).
inline constexpr const char* kRun = "Play the scenario at the chosen speed.";
inline constexpr const char* kPause = "Stop simulated time after the current sample.";
inline constexpr const char* kRunPause = "Run, or pause a running scenario.";
inline constexpr const char* kStep =
    "Advance one autoscaler tick: the KPA decides every 2 simulated seconds.";
inline constexpr const char* kToEnd = "Run to the end as fast as possible.";
inline constexpr const char* kOpen = "Open a scenario file (YAML) or folder.";
inline constexpr const char* kExport = "Export every plot as PNG and PDF into a folder.";

}  // namespace knsim::gui::tooltip
