// Every `kpa_scaler` vector of tests/data/knative/knative-serving-tests.json (transcribed from
// knative/serving pkg/reconciler/autoscaling/kpa/scaler_test.go TestScaler and
// TestDisableScaleToZero) run through core::autoscaler::kpa_scale, loaded as data.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/autoscaler/kpa_scaler.hpp"
#include "tests/support/test_data.hpp"

namespace {

using knsim::core::Seconds;
using namespace knsim::core::autoscaler;
namespace api = knsim::core::api;
using nlohmann::json;

std::vector<json> vectors_of_kind(const std::string& kind) {
  const json doc = knsim::test::load_json_file(knsim::test::knative_vectors_dir() / "knative-serving-tests.json");
  std::vector<json> out;
  for (const auto& v : doc.at("vectors")) {
    if (v.at("kind") == kind) out.push_back(v);
  }
  return out;
}

KpaClusterConfig cluster_from(const json& c) {
  KpaClusterConfig k;
  k.stable_window = c.at("stable_window_s").get<double>();
  k.scale_to_zero_grace_period = c.at("scale_to_zero_grace_period_s").get<double>();
  k.scale_to_zero_pod_retention_period = c.at("scale_to_zero_pod_retention_period_s").get<double>();
  k.enable_scale_to_zero = c.at("enable_scale_to_zero").get<bool>();
  k.progress_deadline = c.at("progress_deadline_s").get<double>();
  k.target_burst_capacity = c.at("target_burst_capacity").get<double>();
  k.initial_scale = c.at("initial_scale").get<int>();
  k.allow_zero_initial_scale = c.at("allow_zero_initial_scale").get<bool>();
  k.min_scale = c.at("min_scale").get<int>();
  k.max_scale = c.at("max_scale").get<int>();
  return k;
}

api::ConditionStatus status_of(const std::string& s) {
  if (s == "True") return api::ConditionStatus::kTrue;
  if (s == "False") return api::ConditionStatus::kFalse;
  return api::ConditionStatus::kUnknown;
}

api::Reachability reachability_of(const std::string& s) {
  if (s == "Reachable") return api::Reachability::kReachable;
  if (s == "Unreachable") return api::Reachability::kUnreachable;
  return api::Reachability::kUnknown;
}

struct Case {
  KpaScalerSettings settings;
  KpaScalerInput input;
  Seconds now = 0;
  bool probe_must_not_be_called = false;
};

Case case_from(const json& config, const json& step) {
  Case c;
  const Seconds base = 1'000'000;  // arbitrary instant; the vectors give times relative to it
  c.now = base + step.value("t_s", 0.0);
  KpaScalerOverrides o;
  o.min_scale = step.at("revision_min_scale").get<int>();
  o.max_scale = step.at("revision_max_scale").get<int>();
  c.input.desired_scale = step.at("decider_desired_scale").get<int>();
  c.input.deployment_replicas = step.at("deployment_replicas").get<int>();
  // TestDisableScaleToZero has no PA state: an Active PA that just became active.
  c.input.pa.active.status = api::ConditionStatus::kTrue;
  c.input.pa.active.last_transition_time = c.now;
  if (step.contains("pa")) {
    const json& pa = step.at("pa");
    c.input.pa.active.status = status_of(pa.at("active"));
    c.input.pa.active.last_transition_time = c.now - pa.at("in_state_for_s").get<double>();
    c.input.pa.scale_target_initialized = pa.value("scale_target_initialized", false);
    c.input.reachability = reachability_of(pa.value("reachability", std::string("Unknown")));
    if (pa.contains("window_annotation_s")) o.window = pa.at("window_annotation_s").get<double>();
    if (pa.contains("retention_annotation_s"))
      o.scale_to_zero_pod_retention_period = pa.at("retention_annotation_s").get<double>();
    if (pa.contains("tbc_annotation")) o.target_burst_capacity = pa.at("tbc_annotation").get<double>();
    if (pa.contains("progress_deadline_annotation_s"))
      o.progress_deadline = pa.at("progress_deadline_annotation_s").get<double>();
    if (pa.contains("initial_scale_annotation")) o.initial_scale = pa.at("initial_scale_annotation").get<int>();
  }
  if (step.contains("sks")) {
    const json& sks = step.at("sks");
    c.input.sks_spec_mode = sks.at("mode") == "Proxy" ? api::SksMode::kProxy : api::SksMode::kServe;
    c.input.sks_proxy_for = sks.contains("activator_endpoints_populated_for_s")
                                ? sks.at("activator_endpoints_populated_for_s").get<double>()
                                : sks.value("proxy_for_s", 0.0);
  }
  const std::string probe = step.value("activator_probe", std::string("ok"));
  c.input.activator_probe = probe == "ok" || probe == "must_not_be_called" ? ActivatorProbe::kOk : ActivatorProbe::kFailed;
  c.probe_must_not_be_called = probe == "must_not_be_called";
  c.settings = resolve_kpa_scaler_settings(cluster_from(config), o);
  return c;
}

TEST(KpaScalerVectors, AllCasesMatchKnative) {
  const auto vectors = vectors_of_kind("kpa_scaler");
  ASSERT_EQ(vectors.size(), 41u);
  int passed = 0;
  for (const auto& v : vectors) {
    SCOPED_TRACE(v.at("id").get<std::string>());
    EXPECT_EQ(v.at("config").at("activation_timeout_buffer_s").get<double>(), kActivationTimeoutBuffer);
    const auto& steps = v.at("steps");
    const auto& expects = v.at("expect");
    ASSERT_EQ(steps.size(), expects.size());
    bool ok = true;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const Case c = case_from(v.at("config"), steps[i]);
      const KpaScaleDecision d = kpa_scale(c.settings, c.input, c.now);
      const json& e = expects[i];
      ok &= d.scale == e.at("returned_scale").get<int>();
      EXPECT_EQ(d.scale, e.at("returned_scale").get<int>()) << d.reason;
      ok &= d.patch == e.at("deployment_patched").get<bool>();
      EXPECT_EQ(d.patch, e.at("deployment_patched").get<bool>()) << d.reason;
      if (e.contains("reenqueue_callbacks")) {
        const int requeues = d.requeue_after ? 1 : 0;
        ok &= requeues == e.at("reenqueue_callbacks").get<int>();
        EXPECT_EQ(requeues, e.at("reenqueue_callbacks").get<int>()) << d.reason;
      }
      if (e.contains("async_probe_offers")) {
        const int offers = d.start_async_probe ? 1 : 0;
        ok &= offers == e.at("async_probe_offers").get<int>();
        EXPECT_EQ(offers, e.at("async_probe_offers").get<int>()) << d.reason;
      }
      if (c.probe_must_not_be_called) {
        ok &= !d.probed_activator;
        EXPECT_FALSE(d.probed_activator);
      }
    }
    passed += ok ? 1 : 0;
  }
  EXPECT_EQ(passed, 41);
}

// One test per vector, named after its id, so a failure names the Knative test case.
class KpaScalerVector : public ::testing::TestWithParam<std::size_t> {};

TEST_P(KpaScalerVector, MatchesKnative) {
  const json v = vectors_of_kind("kpa_scaler").at(GetParam());
  for (std::size_t i = 0; i < v.at("steps").size(); ++i) {
    const Case c = case_from(v.at("config"), v.at("steps")[i]);
    const KpaScaleDecision d = kpa_scale(c.settings, c.input, c.now);
    const json& e = v.at("expect")[i];
    EXPECT_EQ(d.scale, e.at("returned_scale").get<int>()) << d.reason;
    EXPECT_EQ(d.patch, e.at("deployment_patched").get<bool>()) << d.reason;
    if (e.contains("reenqueue_callbacks")) {
      EXPECT_EQ(d.requeue_after ? 1 : 0, e.at("reenqueue_callbacks").get<int>());
    }
    if (e.contains("async_probe_offers")) {
      EXPECT_EQ(d.start_async_probe ? 1 : 0, e.at("async_probe_offers").get<int>());
    }
  }
}

// Runs while tests are discovered, so it never throws: with an unreadable file the cases keep
// placeholder names and each fails in its body with a message naming the file.
std::string vector_name(const ::testing::TestParamInfo<std::size_t>& param_info) {
  std::string id = "unreadable_vector_file";
  try {
    id = vectors_of_kind("kpa_scaler").at(param_info.param).at("id").get<std::string>();
  } catch (const std::exception&) {
  }
  for (char& ch : id) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return id + "_" + std::to_string(param_info.param);
}

INSTANTIATE_TEST_SUITE_P(Knative, KpaScalerVector, ::testing::Range<std::size_t>(0, 41), vector_name);

}  // namespace
