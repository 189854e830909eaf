// Revision GC (pkg/reconciler/gc/gc.go), see revision_gc.hpp.
#include "core/serving/revision_gc.hpp"

#include <algorithm>

namespace knsim::core::serving {
namespace {

bool is_stale(const config::GcConfig& cfg, const GcCandidate& r, Seconds now) {
  const bool create_disabled = cfg.retain_since_create_time == config::kGcDisabled;
  const bool active_disabled = cfg.retain_since_last_active_time == config::kGcDisabled;
  if (create_disabled && active_disabled) return false;
  if (!create_disabled && now - r.created_at < cfg.retain_since_create_time) return false;
  if (!active_disabled && now - r.last_active_at < cfg.retain_since_last_active_time) return false;
  return true;
}

}  // namespace

std::vector<std::string> revisions_to_collect(std::vector<GcCandidate> revisions, const config::GcConfig& cfg,
                                              Seconds now) {
  std::vector<std::string> out;
  const std::int64_t min = cfg.min_non_active_revisions, max = cfg.max_non_active_revisions;
  if (max == config::kGcDisabled && cfg.retain_since_create_time == config::kGcDisabled &&
      cfg.retain_since_last_active_time == config::kGcDisabled) {
    return out;
  }
  if (static_cast<std::int64_t>(revisions.size()) <= min) return out;
  revisions.erase(std::remove_if(revisions.begin(), revisions.end(),
                                 [](const GcCandidate& r) { return r.active || r.preserved; }),
                  revisions.end());
  std::sort(revisions.begin(), revisions.end(), [](const GcCandidate& a, const GcCandidate& b) {
    return a.last_active_at != b.last_active_at ? a.last_active_at > b.last_active_at : a.name < b.name;
  });
  // Newest first: keep the first `min`; after that delete stale ones, and fresh ones beyond `max`.
  std::int64_t kept = 0;
  for (const auto& r : revisions) {
    if (kept < min) {
      ++kept;
    } else if (is_stale(cfg, r, now) || (max != config::kGcDisabled && kept >= max)) {
      out.push_back(r.name);
    } else {
      ++kept;
    }
  }
  return out;
}

}  // namespace knsim::core::serving
