#pragma once
// Serving: Knative's Services, Configurations, Revisions and Routes in simulated time, on core's
// reconcilers (core/serving: defaults, configuration reconciler and revision names, traffic
// resolution, tags, gradual rollout, routing states, revision GC). It owns the Service, standalone
// Configuration and Route entries and each revision's Knative object; a new revision gets its
// Deployment (the cluster), its traffic state (the data path) and its control loops (revision
// control). It is the data path's Router. Files: serving.cpp (Services, Configurations, new
// revisions), routing.cpp (Routes, routing states, standalone objects), revision_gc.cpp.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/api/service.hpp"
#include "core/config/revision_annotations.hpp"
#include "core/serving/rollout.hpp"
#include "core/serving/traffic.hpp"
#include "models/sim_input.hpp"
#include "sim/cluster.hpp"
#include "sim/data_path.hpp"
#include "sim/revision_control.hpp"
#include "sim/run_events.hpp"

namespace knsim::sim {

// A revision as a Knative object.
struct ServingRevision {
  std::string name, service, namespace_name;
  int service_index = -1;  // the entry whose Configuration stamped it
  core::api::Revision api;
  bool deleted = false;
  Seconds created = 0;
  // serving.knative.dev/routingState and its modified time (core/serving/routing_state; the GC's
  // last-active time).
  core::api::RoutingState routing_state = core::api::RoutingState::kPending;
  Seconds routing_state_modified = 0;
  double traffic_percent = 0;  // main-route share summed over the namespace's Routes
};

struct RouteTarget {
  RevisionId revision;
  double percent = 0;
  std::string tag;
};

// What a ServiceRt entry stands for: a Service (owns a Configuration and a Route), or a standalone
// Configuration (stamps revisions, routes nothing) or Route (routes, owns no revisions).
enum class ServingKind { kService, kConfiguration, kRoute };

struct ServiceRt {
  std::string name, namespace_name;
  ServingKind kind = ServingKind::kService;
  bool has_config() const { return kind != ServingKind::kRoute; }
  bool has_route() const { return kind != ServingKind::kConfiguration; }
  core::api::Service api;
  std::vector<RevisionId> revisions;  // in creation order
  std::vector<RouteTarget> targets;   // programmed traffic
  std::string latest_created, latest_ready;
  bool deleted = false;
  core::api::Configuration config;   // the Configuration the Service owns (core/serving)
  core::api::Route route;            // the Route the Service owns; status = programmed traffic
  std::optional<core::serving::Rollout> rollout;  // gradual rollout state between reconciles
  std::uint64_t rollout_generation = 0;           // pending rollout step timer
  std::set<std::string> referenced;  // revisions the programmed traffic references (routingState active)
};

class Serving : public Router {
 public:
  // `changed` is called when a new revision starts (its integrals begin).
  Serving(const models::SimInput& input, Cluster& cluster, DataPath& data_path, RevisionControl& control,
          RunEvents& events, std::function<void(RevisionId)> changed);

  void apply_service(const core::api::Service& svc, const std::string& reason);
  void apply_standalone_configuration(const core::api::Configuration& cfg, const std::string& reason);
  void apply_standalone_route(const core::api::Route& route, const std::string& reason);
  void delete_object(ServingKind kind, const std::string& ns, const std::string& name);
  // The Revision became Ready (its first pod Ready, or its PA initialized): Configurations and
  // Routes follow. Idempotent.
  void revision_ready(RevisionId rev);

  // The entry of kind `kind` named ns/name (deleted or not), -1 if none.
  int find_entry(ServingKind kind, const std::string& ns, const std::string& name) const;
  // What a workload's `service` names: a Service, else a standalone Route (-1: neither exists yet).
  int route_entry(const std::string& ns, const std::string& name) const;
  std::optional<RevisionId> pick_revision(int route, std::string_view tag, core::Rng& rng) const override;

  const std::vector<ServiceRt>& entries() const { return services_; }
  const ServingRevision& revision(RevisionId rev) const { return revisions_[rev.value]; }
  std::size_t revision_count() const { return revisions_.size(); }

 private:
  Seconds now() const;
  void object_changed(ObjectChangeKind change, const std::string& kind, const std::string& ns, const std::string& name,
                      const std::string& reason);
  RevisionId create_revision(int service, const core::api::Revision& rev);
  void reconcile_configuration(int service);
  void reconcile_route(int service, const std::string& reason);
  void reconcile_routes_referring(int service, std::optional<RevisionId> rev, const std::string& reason);
  void program_route(int service, const core::serving::TrafficConfig& programmed, const std::string& reason);
  void update_reachability(const std::string& ns, const std::set<RevisionId>& revs);
  void delete_revision(RevisionId rev, const std::string& reason);
  // config-gc (revision_gc.cpp): core::serving::revisions_to_collect over the entry's revisions;
  // the ones it names are deleted. Run when a Configuration is reconciled or routing states change.
  void collect_revisions(int service);
  const core::api::Revision* lookup_revision(int service, const std::string& name) const;
  const core::api::Configuration* lookup_configuration(int service, const std::string& name) const;
  std::optional<RevisionId> revision_index(int service, const std::string& name) const;

  const models::SimInput& input_;
  Cluster& cluster_;
  DataPath& data_path_;
  RevisionControl& control_;
  RunEvents& events_;
  std::function<void(RevisionId)> changed_;
  std::vector<ServiceRt> services_;
  std::vector<ServingRevision> revisions_;  // by RevisionId
};

}  // namespace knsim::sim
