// Revision GC per config-gc.
#include "core/serving/revision_gc.hpp"

#include <gtest/gtest.h>

namespace {

using namespace knsim::core;
using serving::GcCandidate;

constexpr double kHour = 3600;

std::vector<GcCandidate> old_revisions(int n, double now) {
  std::vector<GcCandidate> out;
  for (int i = 0; i < n; ++i) {
    // r0 is the oldest; each was created and last active 100 h ago minus i hours.
    const double t = now - (100 - i) * kHour;
    out.push_back({"r" + std::to_string(i), t, t, false, false});
  }
  return out;
}

TEST(RevisionGc, KeepsMinNonActiveAndDeletesStaleOldestFirst) {
  config::GcConfig cfg;
  cfg.min_non_active_revisions = 2;
  const double now = 1000 * kHour;
  auto revs = old_revisions(5, now);
  revs.push_back({"latest", now - 200 * kHour, now, true, false});  // routed: never deleted
  const auto del = serving::revisions_to_collect(revs, cfg, now);
  EXPECT_EQ(del, (std::vector<std::string>{"r2", "r1", "r0"}));
}

TEST(RevisionGc, RecentlyActiveOrPreservedAreKept) {
  config::GcConfig cfg;
  cfg.min_non_active_revisions = 0;
  const double now = 1000 * kHour;
  auto revs = old_revisions(3, now);
  revs[0].last_active_at = now - 1 * kHour;  // active an hour ago: not stale
  revs[1].preserved = true;
  EXPECT_EQ(serving::revisions_to_collect(revs, cfg, now), (std::vector<std::string>{"r2"}));
}

TEST(RevisionGc, MaxNonActiveDeletesEvenFreshOnes) {
  config::GcConfig cfg;
  cfg.min_non_active_revisions = 0;
  cfg.max_non_active_revisions = 1;
  cfg.retain_since_create_time = config::kGcDisabled;
  cfg.retain_since_last_active_time = config::kGcDisabled;
  const double now = 10;
  std::vector<GcCandidate> revs = {{"a", 1, 1, false, false}, {"b", 2, 2, false, false}, {"c", 3, 3, false, false}};
  EXPECT_EQ(serving::revisions_to_collect(revs, cfg, now), (std::vector<std::string>{"b", "a"}));
  cfg.max_non_active_revisions = config::kGcDisabled;
  EXPECT_TRUE(serving::revisions_to_collect(revs, cfg, now).empty());  // everything disabled
}

}  // namespace
