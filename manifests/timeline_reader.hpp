#pragma once
// spec.timeline of the Scenario document: actions at simulated times (docs/spec/scenario.md).
//   {at: 10m, apply: hello-v2.yaml} | {at: 12m, apply: {<manifest>}} |
//   {at: 15m, delete: {kind: Service, name: hello, namespace: default}} |
//   {at: 16m, failNode: worker-1} | {at: 18m, recoverNode: worker-1} | {at: 2m, failActivator: activator-0} |
//   {at: 19m, setArrivals: {workload: web, arrivals: {...}}}
// Node and workload names are checked against spec.cluster and spec.workloads (read first).
#include "manifests/scenario_reader.hpp"

namespace knsim::manifests {

// Reads every action into out.spec.timeline (sorted by `at`, stable) and the documents of each
// apply into out.timeline_documents.
void read_timeline(const Field& field, ScenarioDocument& out);

// Largest inline manifest (in YAML nodes, aliases counted each time) turned back into text.
inline constexpr std::size_t kMaxInlineApplyNodes = 100000;

}  // namespace knsim::manifests
