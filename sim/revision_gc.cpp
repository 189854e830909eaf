// Revision garbage collection (pkg/reconciler/gc/gc.go): which revisions go is core's
// (core::serving::revisions_to_collect with config-gc); this gives it the Configuration's revisions
// and deletes what it names. Knative runs the GC when the Configuration is reconciled; the
// simulator does at each Configuration reconcile and each routing-state change of its revisions
// (Knative's periodic resync, every 10 h, is not modelled).
#include "core/api/keys.hpp"
#include "core/serving/revision_gc.hpp"
#include "sim/serving.hpp"

namespace knsim::sim {

void Serving::collect_revisions(int si) {
  const ServiceRt& s = services_[static_cast<std::size_t>(si)];
  if (s.deleted || !s.has_config()) return;
  std::vector<core::serving::GcCandidate> candidates;
  for (RevisionId rev : s.revisions) {
    const ServingRevision& r = revisions_[rev.value];
    if (r.deleted) continue;
    core::serving::GcCandidate c;
    c.name = r.name;
    c.created_at = r.created;
    c.last_active_at = r.routing_state_modified;
    c.active = r.routing_state == core::api::RoutingState::kActive || r.name == s.latest_created ||
               r.name == s.latest_ready;
    const auto& ann = r.api.metadata.annotations;
    const auto it = ann.find("serving.knative.dev/no-gc");
    c.preserved = it != ann.end() && it->second == "true";
    candidates.push_back(std::move(c));
  }
  const auto names = core::serving::revisions_to_collect(std::move(candidates), input_.gc, now());
  for (const auto& name : names) {
    if (const auto rev = revision_index(si, name)) delete_revision(*rev, "garbage collected (config-gc)");
  }
}

}  // namespace knsim::sim
