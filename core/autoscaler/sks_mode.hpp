#pragma once
// ServerlessService mode and activator count (docs/spec/serving.md section 4):
// - pkg/reconciler/autoscaling/kpa/kpa.go: the SKS spec mode from `want` and the decider's
//   excess burst capacity (EBC), and computeNumActivators;
// - pkg/reconciler/serverlessservice/serverlessservice.go: the effective mode forced by the ready
//   endpoints, and the ActivatorEndpointsPopulated condition whose age is ProxyFor().
//
// Worked example (defaults, CC 0 -> TotalValue 100, TBC 211, no load): EBC = floor(ready*100 - 211);
// ready 2 -> EBC -11 -> Proxy; ready 3 -> EBC 89 -> Serve. numActivators = max(2, ceil((3*100+211)/100)) = 6.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/serverless_service.hpp"
#include "core/time/time.hpp"

namespace knsim::core::autoscaler {

inline constexpr std::int32_t kMinActivators = 2;  // kpa.go minActivators

struct SksModeDecision {
  api::SksMode mode = api::SksMode::kProxy;
  std::string_view reason;  // a literal: "ScaledToZero", "NegativeExcessBurstCapacity", "InactiveNoMetrics", "Serve"
};

// kpa.go: Proxy when want == 0, or EBC < 0, or (want == -1 and the PA is Inactive); else Serve.
// (So want == -1 with a non-Inactive PA and EBC >= 0 keeps Serve, e.g. after an autoscaler restart.)
SksModeDecision sks_spec_mode(std::int32_t want, std::int32_t excess_burst_capacity, bool pa_inactive);

// computeNumActivators: TBC == 0 -> 2; otherwise max(2, ceil((ready*TotalValue + max(TBC,0)) / activator-capacity)).
// TBC == -1 counts only the ready capacity.
std::int32_t num_activators(std::int32_t ready_pods, double total_value, double target_burst_capacity,
                            double activator_capacity);

// The mode the SKS reconciler programs: Proxy when the private service has no ready endpoints,
// Serve when no activator is ready (nothing else could answer), otherwise the spec mode.
api::SksMode effective_sks_mode(api::SksMode spec_mode, std::int32_t private_ready_endpoints,
                                std::int32_t ready_activators);

// The reason an effective-mode change is reported with (serverlessservice.go): "NoReadyEndpoints"
// when Serve is asked but the private service has no ready endpoint (forced to Proxy),
// "NoReadyActivators" when Proxy is asked but no activator is ready (forced to Serve), otherwise
// the spec mode's own reason (SksModeDecision::reason).
std::string effective_mode_reason(api::SksMode spec_mode, std::int32_t private_ready_endpoints,
                                  std::int32_t ready_activators, std::string_view spec_reason);

// Updates an SKS status at `now`: effective mode, Ready, and ActivatorEndpointsPopulated = True
// iff (no serving endpoints or spec mode Proxy); its transition instant defines ProxyFor().
void update_sks_status(const api::ServerlessServiceSpec& spec, std::int32_t private_ready_endpoints,
                       std::int32_t ready_activators, Seconds now, api::ServerlessServiceStatus& status);

// The activators behind a revision's public service in Proxy mode: `n` of `activators` chosen by
// rendezvous (highest random weight) hashing on `revision_key`, returned in the input order. All
// of them when n >= size. Deterministic; stands in for Knative's consistent-hash subsetting.
std::vector<std::string> activator_subset(const std::vector<std::string>& activators, std::int32_t n,
                                          std::string_view revision_key);

}  // namespace knsim::core::autoscaler
