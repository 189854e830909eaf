#pragma once
// Revision garbage collection per `config-gc` (pkg/reconciler/gc/gc.go collect, isRevisionStale).
// For one Configuration: revisions that are active (routed, latest created or latest ready) or
// preserved (serving.knative.dev/no-gc) are never deleted. The rest, newest last-active first:
// the first min-non-active-revisions are kept; beyond that a revision is deleted when it is stale
// (created more than retain-since-create-time ago AND last active more than
// retain-since-last-active-time ago; a disabled check counts as passed, both disabled = never
// stale) or when more than max-non-active-revisions non-stale ones would remain.
#include <string>
#include <vector>

#include "core/config/gc_config.hpp"
#include "core/time/time.hpp"

namespace knsim::core::serving {

struct GcCandidate {
  std::string name;
  Seconds created_at = 0;
  Seconds last_active_at = 0;  // last time a route referenced it (or created_at)
  bool active = false;         // routingState active, or latest created / latest ready
  bool preserved = false;      // serving.knative.dev/no-gc: "true"
};

// Names to delete, in the order Knative would delete them.
std::vector<std::string> revisions_to_collect(std::vector<GcCandidate> revisions, const config::GcConfig& config,
                                              Seconds now);

}  // namespace knsim::core::serving
