#pragma once
// Route traffic resolution (pkg/reconciler/route/traffic/traffic.go BuildTrafficConfiguration,
// consolidate; errors.go) and the Route status it produces (route_lifecycle.go).
//
// Example: spec.traffic [{config hello, latestRevision, 90}, {revision hello-00001, 10, tag "old"}]
// with hello's latestReady = hello-00002 ->
//   targets[""]    = [hello-00002 90, hello-00001 10]    (the main URL)
//   targets["old"] = [hello-00001 100]                   (http://old-hello.<ns>.<domain>)
// Entries resolving to the same revision are merged in targets[""] by summing percents.
// A target whose revision/configuration is missing or not ready fails the whole resolution:
// the Route goes NotReady and keeps serving its previous traffic.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/api/route.hpp"
#include "core/config/network_config.hpp"
#include "core/serving/configuration_reconciler.hpp"

namespace knsim::core::serving {

struct RevisionTarget {
  std::string tag;
  std::string revision_name;
  std::string configuration_name;  // set for latestRevision targets
  bool latest_revision = false;
  std::int64_t percent = 0;

  bool operator==(const RevisionTarget&) const = default;
};

struct TrafficConfig {
  // "" = the main route (consolidated, percents sum to 100); a tag -> its single target at 100%.
  std::map<std::string, std::vector<RevisionTarget>> targets;
  // One entry per spec target, resolved, in spec order (what status.traffic shows).
  std::vector<RevisionTarget> revision_targets;

  // Revisions that receive traffic or have a tag (routingState "active").
  std::set<std::string> referenced_revisions() const;

  bool operator==(const TrafficConfig&) const = default;
};

// Why a resolution failed: AllTrafficAssigned goes False (missing, failed) or Unknown (not ready yet).
struct TrafficError {
  bool is_failure = false;  // False (a failure) vs Unknown (waiting)
  std::string reason;       // "ConfigurationMissing", "RevisionMissing"
  std::string message;      // Configuration "x" referenced in traffic not found.
};

struct TrafficResolution {
  std::optional<TrafficConfig> config;  // set on success
  std::optional<TrafficError> error;    // set on failure
  bool ok() const { return config.has_value(); }
};

// Resolves spec traffic against the configurations and revisions that exist.
TrafficResolution resolve_traffic(const std::vector<api::TrafficTarget>& traffic,
                                  const ConfigurationLookup& configurations, const RevisionLookup& revisions);

// Merges entries with the same revision name (first entry's fields kept, percents summed); a
// single remaining entry gets 100%.
std::vector<RevisionTarget> consolidate(const std::vector<RevisionTarget>& targets);

// Applies a resolution to a Route's status at `now`: on success the programmed traffic and URLs
// and Ready = True; on failure AllTrafficAssigned / Ready False or Unknown with the error, and the
// previous status.traffic is kept. Returns the traffic to program (the new one, or nullopt to keep
// the previous programming).
std::optional<TrafficConfig> apply_traffic_to_route(api::Route& route, const TrafficResolution& resolution,
                                                    const config::NetworkConfig& network, Seconds now);

}  // namespace knsim::core::serving
