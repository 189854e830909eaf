#pragma once
// The HPA autoscaler class (`hpa.autoscaling.knative.dev`): the HorizontalPodAutoscaler Knative
// builds (pkg/reconciler/autoscaling/hpa/resources/hpa.go MakeHPA) driven by the standard
// Kubernetes HPA algorithm (pkg/controller/podautoscaler, Kubernetes defaults, not Knative code;
// docs/spec/serving.md section 9). No Knative decider, panic mode, burst capacity or scale to zero.
//
// Every 15 s: ratio = current metric / target; if |ratio - 1| <= 0.1 keep the current count,
// else raw = ceil(ratio * ready pods). Then stabilization: the result may not go below the
// highest raw recommendation of the scale-down window (300 s default) nor above the lowest of
// the scale-up window (0 s default); scale-up is limited to max(2 x current, current + 4) per
// period; finally clamped to [min, max] with min >= 1.
// Example: target 80% CPU, 4 pods at 100% -> ratio 1.25 -> ceil(5) = 5 pods.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

inline constexpr Seconds kHpaSyncPeriod = 15.0;              // --horizontal-pod-autoscaler-sync-period
inline constexpr double kHpaTolerance = 0.1;                  // --horizontal-pod-autoscaler-tolerance
inline constexpr Seconds kHpaDefaultScaleDownWindow = 300.0;  // behavior.scaleDown.stabilizationWindowSeconds
inline constexpr double kHpaDefaultCpuUtilization = 80.0;     // no metrics given -> 80% CPU

enum class HpaTargetType { kUtilization, kAverageValue };

struct HpaSpec {
  std::int32_t min_replicas = 1;           // min-scale if > 0, else 1
  std::int32_t max_replicas = 2147483647;  // max-scale, or MaxInt32 when 0
  std::string metric = "cpu";              // cpu, memory, or a custom pods metric
  HpaTargetType target_type = HpaTargetType::kUtilization;
  double target = kHpaDefaultCpuUtilization;  // percent (cpu), bytes (memory), value (custom)
  Seconds scale_up_stabilization = 0;
  Seconds scale_down_stabilization = kHpaDefaultScaleDownWindow;
};

// MakeHPA: cpu -> Utilization ceil(target)%; memory -> AverageValue target MiB; other -> Pods
// AverageValue int(target); no target annotation -> 80% CPU. The window annotation sets both
// stabilization windows.
HpaSpec make_hpa_spec(std::int32_t min_scale, std::int32_t max_scale, const std::string& metric,
                      std::optional<double> target_annotation, std::optional<Seconds> window_annotation);

struct HpaDecision {
  std::int32_t desired = 0;
  bool changed = false;
  std::string reason;  // "WithinTolerance", "ScaleUp", "ScaleDown", "Stabilized", "NoMetrics", ...
};

class HpaAutoscaler {
 public:
  explicit HpaAutoscaler(HpaSpec spec);

  // One HPA sync at `now`. `metric_value` is the current value in the target's unit (average
  // utilization percent over ready pods for cpu, average bytes for memory, average value for a
  // custom metric); nullopt when no pod reports.
  HpaDecision reconcile(std::int32_t current_replicas, std::int32_t ready_pods, std::optional<double> metric_value,
                        Seconds now);
  // One HPA sync at `now` from a replica count already computed per pod by the Kubernetes replica
  // calculator (core/autoscaler/hpa_replica_calculator.hpp: unready and missing pods counted as
  // Kubernetes does); `raw` nullopt when it returned no count. Then the same stabilization, the
  // scale-up policy and the bounds as reconcile. `reason` is the calculator's.
  HpaDecision reconcile_recommendation(std::int32_t current_replicas, std::optional<std::int32_t> raw,
                                       const std::string& reason, Seconds now);

  const HpaSpec& spec() const { return spec_; }

 private:
  struct Recommendation {
    Seconds at;
    std::int32_t replicas;
  };
  std::int32_t stabilize(std::int32_t current, std::int32_t raw, Seconds now);
  HpaDecision limit(std::int32_t current, std::int32_t raw, std::string reason, Seconds now);

  HpaSpec spec_;
  std::deque<Recommendation> recommendations_;
};

}  // namespace knsim::core::autoscaler
