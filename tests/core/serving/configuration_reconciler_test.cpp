// Service -> Configuration + Route, generations, revision stamping, latestCreated/latestReady,
// defaulting and routing state.
#include "core/serving/configuration_reconciler.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/serving/defaults.hpp"
#include "core/serving/routing_state.hpp"

namespace {

using namespace knsim::core;

api::Service hello(const std::string& image) {
  api::Service s;
  s.metadata.name = "hello";
  s.metadata.namespace_name = "default";
  api::Container c;
  c.image = image;
  s.spec.configuration.revision_template.spec.containers.push_back(c);
  serving::set_service_defaults(s, config::DefaultsConfig{});
  return s;
}

struct Store {
  std::map<std::string, api::Revision> revisions;
  serving::RevisionLookup lookup() const {
    return [this](const std::string& n) {
      auto it = revisions.find(n);
      return it == revisions.end() ? nullptr : &it->second;
    };
  }
};

TEST(ServiceResources, ConfigurationAndRouteFromService) {
  const api::Service s = hello("img:1");
  const api::Configuration c = serving::make_configuration(s);
  EXPECT_EQ(c.metadata.name, "hello");
  EXPECT_EQ(c.metadata.labels.at("serving.knative.dev/service"), "hello");
  const api::Route r = serving::make_route(s);
  ASSERT_EQ(r.spec.traffic.size(), 1u);
  EXPECT_EQ(r.spec.traffic[0].configuration_name, "hello");
  EXPECT_TRUE(*r.spec.traffic[0].latest_revision);
  EXPECT_EQ(*r.spec.traffic[0].percent, 100);
}

TEST(ConfigurationReconciler, RevisionNamingFollowsTemplateChanges) {
  struct Step {
    std::string image;
    std::string byo_name;
    std::string want_revision;
    std::int64_t want_generation;
  } steps[] = {
      {"img:1", "", "hello-00001", 1},
      {"img:1", "", "hello-00001", 1},  // unchanged template: no new revision
      {"img:2", "", "hello-00002", 2},
      {"img:3", "hello-blue", "hello-blue", 3},  // BYO name
      {"img:4", "", "hello-00004", 4},
  };
  std::optional<api::Configuration> cfg;
  Store store;
  double now = 0;
  for (const auto& st : steps) {
    api::Service s = hello(st.image);
    s.spec.configuration.revision_template.metadata.name = st.byo_name;
    cfg = serving::apply_configuration(cfg, serving::make_configuration(s));
    EXPECT_EQ(cfg->metadata.generation, st.want_generation) << st.image;
    auto d = serving::reconcile_configuration(*cfg, store.lookup(), now += 10);
    EXPECT_EQ(cfg->status.latest_created_revision_name, st.want_revision);
    if (d.create_revision) {
      EXPECT_EQ(d.create_revision->metadata.name, st.want_revision);
      EXPECT_EQ(d.create_revision->metadata.labels.at("serving.knative.dev/configurationGeneration"),
                std::to_string(st.want_generation));
      EXPECT_EQ(d.create_revision->metadata.labels.at("serving.knative.dev/routingState"), "pending");
      EXPECT_EQ(d.create_revision->spec.containers[0].image, st.image);
      store.revisions[d.create_revision->metadata.name] = *d.create_revision;
    }
  }
  EXPECT_EQ(store.revisions.size(), 4u);
}

TEST(ConfigurationReconciler, LatestReadyAndFailures) {
  Store store;
  auto cfg = serving::apply_configuration(std::nullopt, serving::make_configuration(hello("img:1")));
  auto d = serving::reconcile_configuration(cfg, store.lookup(), 1);
  store.revisions["hello-00001"] = *d.create_revision;
  EXPECT_EQ(serving::reconcile_configuration(cfg, store.lookup(), 2).reason, "Waiting");
  EXPECT_TRUE(cfg.status.latest_ready_revision_name.empty());
  store.revisions["hello-00001"].status.ready.set(api::ConditionStatus::kTrue, "", "", 3);
  EXPECT_EQ(serving::reconcile_configuration(cfg, store.lookup(), 4).reason, "Ready");
  EXPECT_EQ(cfg.status.latest_ready_revision_name, "hello-00001");
  EXPECT_TRUE(cfg.status.ready.is_true());
  // A new template whose revision fails: the configuration fails, latestReady stays.
  cfg = serving::apply_configuration(cfg, serving::make_configuration(hello("img:broken")));
  d = serving::reconcile_configuration(cfg, store.lookup(), 5);
  ASSERT_TRUE(d.create_revision.has_value());
  EXPECT_TRUE(cfg.status.ready.is_unknown());
  store.revisions["hello-00002"] = *d.create_revision;
  store.revisions["hello-00002"].status.ready.set(api::ConditionStatus::kFalse, "ImagePullBackOff", "no image", 6);
  EXPECT_EQ(serving::reconcile_configuration(cfg, store.lookup(), 7).reason, "RevisionFailed");
  EXPECT_TRUE(cfg.status.ready.is_false());
  EXPECT_EQ(cfg.status.latest_created_revision_name, "hello-00002");
  EXPECT_EQ(cfg.status.latest_ready_revision_name, "hello-00001");
}

TEST(Defaults, RevisionSpecFromConfigDefaults) {
  config::DefaultsConfig d;
  d.container_concurrency = 5;
  d.revision_timeout_seconds = 120;
  d.revision_response_start_timeout_seconds = 300;
  d.revision_cpu_request = api::Quantity{"100m", 0.1};
  api::RevisionSpec one;
  one.containers.resize(1);
  serving::set_revision_spec_defaults(one, d, "hello");
  EXPECT_EQ(*one.container_concurrency, 5);
  EXPECT_EQ(*one.timeout_seconds, 120);
  EXPECT_EQ(*one.response_start_timeout_seconds, 120);  // never above the request timeout
  EXPECT_EQ(*one.idle_timeout_seconds, 0);
  EXPECT_EQ(one.containers[0].name, "user-container");
  EXPECT_DOUBLE_EQ(one.containers[0].resources.requests.cpu->value, 0.1);
  api::RevisionSpec two;
  two.container_concurrency = 0;  // explicit values win
  two.containers.resize(2);
  serving::set_revision_spec_defaults(two, d, "hello");
  EXPECT_EQ(*two.container_concurrency, 0);
  EXPECT_EQ(two.containers[0].name, "user-container-0");
  EXPECT_EQ(two.containers[1].name, "user-container-1");
}

TEST(Defaults, TrafficLatestRevisionSense) {
  api::RouteSpec spec;
  api::TrafficTarget pinned;
  pinned.revision_name = "hello-00001";
  pinned.percent = 100;
  spec.traffic.push_back(pinned);
  serving::set_route_spec_defaults(spec, false);
  EXPECT_FALSE(*spec.traffic[0].latest_revision);
  api::RouteSpec empty;
  serving::set_route_spec_defaults(empty, false);
  EXPECT_TRUE(empty.traffic.empty());  // only a Service gets the default target
}

TEST(RoutingState, TransitionsAndReachability) {
  using RS = api::RoutingState;
  EXPECT_EQ(serving::next_routing_state(RS::kPending, true), RS::kActive);
  EXPECT_EQ(serving::next_routing_state(RS::kPending, false), RS::kPending);
  EXPECT_EQ(serving::next_routing_state(RS::kActive, false), RS::kReserve);
  EXPECT_EQ(serving::next_routing_state(RS::kReserve, true), RS::kActive);
  EXPECT_EQ(serving::reachability_for(RS::kActive), api::Reachability::kReachable);
  EXPECT_EQ(serving::reachability_for(RS::kReserve), api::Reachability::kUnreachable);
  EXPECT_EQ(serving::reachability_for(RS::kPending), api::Reachability::kUnknown);
  EXPECT_EQ(serving::reachability_for(RS::kActive, true), api::Reachability::kUnreachable);
}

}  // namespace
