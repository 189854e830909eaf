#pragma once
// A short human summary of a loaded scenario (what `knsim validate` prints on success): the
// scenario, services with their first revision and traffic split, routes, node pools, workloads,
// the timeline and the ConfigMap settings that differ from Knative's defaults.
#include <string>

#include "manifests/scenario_bundle.hpp"

namespace knsim::manifests {

std::string summarize(const ScenarioBundle& bundle);

// "hello-00001 70%, @latest 30% (tag canary)"; "100% @latest" for an empty traffic list.
std::string describe_traffic(const std::vector<core::api::TrafficTarget>& traffic);

}  // namespace knsim::manifests
