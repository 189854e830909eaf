// SKS mode, numActivators and effective mode (kpa.go, serverlessservice.go).
#include "core/autoscaler/sks_mode.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace knsim::core::autoscaler {
namespace {

// FNV-1a 64-bit: a fixed, portable hash (std::hash differs between standard libraries).
std::uint64_t fnv1a(std::string_view a, std::string_view b) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : a) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  h = (h ^ 0x1fu) * 1099511628211ull;  // separator
  for (char c : b) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

}  // namespace

SksModeDecision sks_spec_mode(std::int32_t want, std::int32_t excess_burst_capacity, bool pa_inactive) {
  if (want == 0) return {api::SksMode::kProxy, "ScaledToZero"};
  if (excess_burst_capacity < 0) return {api::SksMode::kProxy, "NegativeExcessBurstCapacity"};
  if (want == -1 && pa_inactive) return {api::SksMode::kProxy, "InactiveNoMetrics"};
  return {api::SksMode::kServe, "Serve"};
}

std::int32_t num_activators(std::int32_t ready_pods, double total_value, double target_burst_capacity,
                            double activator_capacity) {
  if (target_burst_capacity == 0) return kMinActivators;
  double capacity_to_cover = static_cast<double>(ready_pods) * total_value;
  if (target_burst_capacity > 0) capacity_to_cover += target_burst_capacity;
  return static_cast<std::int32_t>(std::max<double>(kMinActivators, std::ceil(capacity_to_cover / activator_capacity)));
}

api::SksMode effective_sks_mode(api::SksMode spec_mode, std::int32_t private_ready_endpoints,
                                std::int32_t ready_activators) {
  if (private_ready_endpoints == 0 && ready_activators > 0) return api::SksMode::kProxy;
  if (ready_activators == 0) return api::SksMode::kServe;
  return spec_mode;
}

void update_sks_status(const api::ServerlessServiceSpec& spec, std::int32_t private_ready_endpoints,
                       std::int32_t ready_activators, Seconds now, api::ServerlessServiceStatus& status) {
  status.effective_mode = effective_sks_mode(spec.mode, private_ready_endpoints, ready_activators);
  const bool activators_in_path = private_ready_endpoints == 0 || spec.mode == api::SksMode::kProxy;
  if (activators_in_path) {
    status.activator_endpoints_populated.set(api::ConditionStatus::kTrue, "", "", now);
  } else {
    status.activator_endpoints_populated.set(api::ConditionStatus::kFalse, "ServingEndpointsPopulated",
                                             "Revision endpoints are used", now);
  }
  status.ready = true;
}

std::vector<std::string> activator_subset(const std::vector<std::string>& activators, std::int32_t n,
                                          std::string_view revision_key) {
  if (n <= 0) return {};
  if (static_cast<std::size_t>(n) >= activators.size()) return activators;
  std::vector<std::pair<std::uint64_t, std::size_t>> weights;
  weights.reserve(activators.size());
  for (std::size_t i = 0; i < activators.size(); ++i) weights.emplace_back(fnv1a(revision_key, activators[i]), i);
  // Highest weights win; ties (practically impossible) broken by index for determinism.
  std::sort(weights.begin(), weights.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::size_t> chosen;
  for (std::int32_t i = 0; i < n; ++i) chosen.push_back(weights[static_cast<std::size_t>(i)].second);
  std::sort(chosen.begin(), chosen.end());
  std::vector<std::string> out;
  for (std::size_t i : chosen) out.push_back(activators[i]);
  return out;
}

std::string effective_mode_reason(api::SksMode spec_mode, std::int32_t private_ready_endpoints,
                                  std::int32_t ready_activators, std::string_view spec_reason) {
  if (spec_mode == api::SksMode::kServe && private_ready_endpoints <= 0) return "NoReadyEndpoints";
  if (spec_mode == api::SksMode::kProxy && ready_activators <= 0 && private_ready_endpoints > 0) return "NoReadyActivators";
  return std::string(spec_reason);
}

}  // namespace knsim::core::autoscaler
