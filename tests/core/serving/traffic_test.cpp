// Traffic resolution: percents, tags, latestRevision, duplicates, not-ready targets, route status.
#include "core/serving/traffic.hpp"

#include <gtest/gtest.h>

#include <map>

namespace {

using namespace knsim::core;
using serving::RevisionTarget;

struct World {
  std::map<std::string, api::Configuration> configs;
  std::map<std::string, api::Revision> revisions;

  void revision(const std::string& name, const std::string& config, api::ConditionStatus ready) {
    api::Revision r;
    r.metadata.name = name;
    r.metadata.labels["serving.knative.dev/configuration"] = config;
    r.status.ready.status = ready;
    revisions[name] = r;
  }
  void config(const std::string& name, const std::string& latest_ready, api::ConditionStatus ready) {
    api::Configuration c;
    c.metadata.name = name;
    c.status.latest_ready_revision_name = latest_ready;
    c.status.ready.status = ready;
    configs[name] = c;
  }
  serving::TrafficResolution resolve(const std::vector<api::TrafficTarget>& traffic) const {
    return serving::resolve_traffic(
        traffic,
        [this](const std::string& n) { auto it = configs.find(n); return it == configs.end() ? nullptr : &it->second; },
        [this](const std::string& n) { auto it = revisions.find(n); return it == revisions.end() ? nullptr : &it->second; });
  }
};

api::TrafficTarget to_config(const std::string& config, std::int64_t pct, const std::string& tag = "") {
  api::TrafficTarget t;
  t.configuration_name = config;
  t.latest_revision = true;
  t.percent = pct;
  t.tag = tag;
  return t;
}
api::TrafficTarget to_revision(const std::string& rev, std::int64_t pct, const std::string& tag = "") {
  api::TrafficTarget t;
  t.revision_name = rev;
  t.latest_revision = false;
  t.percent = pct;
  t.tag = tag;
  return t;
}

World hello_world() {
  World w;
  w.revision("hello-00001", "hello", api::ConditionStatus::kTrue);
  w.revision("hello-00002", "hello", api::ConditionStatus::kTrue);
  w.revision("hello-00003", "hello", api::ConditionStatus::kUnknown);
  w.config("hello", "hello-00002", api::ConditionStatus::kUnknown);
  return w;
}

TEST(Traffic, LatestRevisionFollowsLatestReady) {
  const auto res = hello_world().resolve({to_config("hello", 100)});
  ASSERT_TRUE(res.ok());
  const auto& main = res.config->targets.at("");
  ASSERT_EQ(main.size(), 1u);
  EXPECT_EQ(main[0].revision_name, "hello-00002");  // -00003 is not ready yet
  EXPECT_EQ(main[0].percent, 100);
  EXPECT_TRUE(main[0].latest_revision);
}

TEST(Traffic, SplitsAndTagsTable) {
  struct Row {
    const char* name;
    std::vector<api::TrafficTarget> traffic;
    std::vector<std::pair<std::string, std::int64_t>> main;
    std::map<std::string, std::string> tags;
  } rows[] = {
      {"canary 90/10", {to_config("hello", 90), to_revision("hello-00001", 10)},
       {{"hello-00002", 90}, {"hello-00001", 10}}, {}},
      {"tagged target keeps its share and gets a URL",
       {to_config("hello", 80, "current"), to_revision("hello-00001", 20, "old")},
       {{"hello-00002", 80}, {"hello-00001", 20}}, {{"current", "hello-00002"}, {"old", "hello-00001"}}},
      {"tag with 0% still routable by its URL", {to_config("hello", 100), to_revision("hello-00001", 0, "old")},
       {{"hello-00002", 100}, {"hello-00001", 0}}, {{"old", "hello-00001"}}},
      {"duplicates merged by revision",
       {to_revision("hello-00002", 30), to_config("hello", 50), to_revision("hello-00001", 20)},
       {{"hello-00002", 80}, {"hello-00001", 20}}, {}},
      {"all to one revision gets 100", {to_revision("hello-00002", 40, "a"), to_config("hello", 60)},
       {{"hello-00002", 100}}, {{"a", "hello-00002"}}},
  };
  for (const auto& r : rows) {
    const auto res = hello_world().resolve(r.traffic);
    ASSERT_TRUE(res.ok()) << r.name;
    const auto& main = res.config->targets.at("");
    ASSERT_EQ(main.size(), r.main.size()) << r.name;
    for (std::size_t i = 0; i < main.size(); ++i) {
      EXPECT_EQ(main[i].revision_name, r.main[i].first) << r.name;
      EXPECT_EQ(main[i].percent, r.main[i].second) << r.name;
    }
    EXPECT_EQ(res.config->targets.size(), r.tags.size() + 1) << r.name;
    for (const auto& [tag, rev] : r.tags) {
      const auto& t = res.config->targets.at(tag);
      ASSERT_EQ(t.size(), 1u) << r.name;
      EXPECT_EQ(t[0].revision_name, rev) << r.name;
      EXPECT_EQ(t[0].percent, 100) << r.name;
    }
    EXPECT_EQ(res.config->revision_targets.size(), r.traffic.size()) << r.name;
  }
}

TEST(Traffic, ErrorsTable) {
  World w = hello_world();
  w.revision("hello-00004", "hello", api::ConditionStatus::kFalse);
  w.config("empty", "", api::ConditionStatus::kUnknown);
  w.config("broken", "", api::ConditionStatus::kFalse);
  struct Row {
    api::TrafficTarget tt;
    bool failure;
    const char* reason;
    const char* message;
  } rows[] = {
      {to_revision("nope", 100), true, "RevisionMissing", "Revision \"nope\" referenced in traffic not found."},
      {to_revision("hello-00003", 100), false, "RevisionMissing", "Revision \"hello-00003\" is not yet ready."},
      {to_revision("hello-00004", 100), true, "RevisionMissing", "Revision \"hello-00004\" failed to become ready."},
      {to_config("nope", 100), true, "ConfigurationMissing", "Configuration \"nope\" referenced in traffic not found."},
      {to_config("empty", 100), false, "RevisionMissing",
       "Configuration \"empty\" is waiting for a Revision to become ready."},
      {to_config("broken", 100), true, "RevisionMissing", "Configuration \"broken\" does not have any ready Revision."},
  };
  for (const auto& r : rows) {
    const auto res = w.resolve({r.tt});
    ASSERT_FALSE(res.ok()) << r.message;
    EXPECT_EQ(res.error->is_failure, r.failure) << r.message;
    EXPECT_EQ(res.error->reason, r.reason);
    EXPECT_EQ(res.error->message, r.message);
  }
}

TEST(Traffic, NotReadyTargetKeepsThePreviousRouteStatus) {
  World w = hello_world();
  config::NetworkConfig net;
  api::Route route;
  route.metadata.name = "hello";
  route.metadata.namespace_name = "default";
  auto programmed = serving::apply_traffic_to_route(route, w.resolve({to_config("hello", 90, "cur"),
                                                                       to_revision("hello-00001", 10)}), net, 10);
  ASSERT_TRUE(programmed.has_value());
  EXPECT_TRUE(route.status.ready.is_true());
  EXPECT_EQ(route.status.url, "http://hello.default.svc.cluster.local");
  ASSERT_EQ(route.status.traffic.size(), 2u);
  EXPECT_EQ(route.status.traffic[0].url, "http://cur-hello.default.svc.cluster.local");
  EXPECT_EQ(route.status.traffic[0].revision_name, "hello-00002");
  // Now the user pins a revision that is not ready: the route goes NotReady, traffic unchanged.
  auto second = serving::apply_traffic_to_route(route, w.resolve({to_revision("hello-00003", 100)}), net, 20);
  EXPECT_FALSE(second.has_value());
  EXPECT_TRUE(route.status.ready.is_unknown());
  EXPECT_EQ(route.status.ready.reason, "RevisionMissing");
  ASSERT_EQ(route.status.traffic.size(), 2u);
  EXPECT_EQ(route.status.traffic[0].revision_name, "hello-00002");
}

TEST(Traffic, ReferencedRevisions) {
  const auto res = hello_world().resolve({to_config("hello", 100), to_revision("hello-00001", 0, "old")});
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res.config->referenced_revisions(), (std::set<std::string>{"hello-00001", "hello-00002"}));
}

}  // namespace
