// config-defaults, config-deployment, config-network, config-gc, config-features: Knative defaults,
// parsing, and every validation rule with the input that breaks it.
#include <gtest/gtest.h>

#include "core/config/defaults_config.hpp"
#include "core/config/deployment_config.hpp"
#include "core/config/features_config.hpp"
#include "core/config/gc_config.hpp"
#include "core/config/network_config.hpp"

namespace {

using namespace knsim::core::config;

bool has(const std::vector<ConfigError>& errs, const std::string& key, const std::string& message) {
  for (const auto& e : errs) {
    if (e.key == key && e.message == message) return true;
  }
  return false;
}

std::string dump(const std::vector<ConfigError>& errs) {
  std::string s;
  for (const auto& e : errs) s += "  " + e.key + ": " + e.message + "\n";
  return s;
}

TEST(DefaultsConfig, KnativeDefaults) {
  const auto r = parse_defaults_config({});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.revision_timeout_seconds, 300);
  EXPECT_EQ(r.config.max_revision_timeout_seconds, 600);
  EXPECT_EQ(r.config.revision_response_start_timeout_seconds, 300);
  EXPECT_EQ(r.config.revision_idle_timeout_seconds, 0);
  EXPECT_EQ(r.config.container_concurrency, 0);
  EXPECT_EQ(r.config.container_concurrency_max_limit, 1000);
  EXPECT_TRUE(r.config.allow_container_concurrency_zero);
  EXPECT_EQ(r.config.container_name_template, "user-container");
}

TEST(DefaultsConfig, ParsesValuesAndResponseStartFollowsTimeout) {
  const auto r = parse_defaults_config({{"revision-timeout-seconds", "120"},
                                        {"container-concurrency", "10"},
                                        {"revision-cpu-request", "250m"},
                                        {"allow-container-concurrency-zero", "false"}});
  ASSERT_TRUE(r.ok()) << dump(r.errors);
  EXPECT_EQ(r.config.revision_timeout_seconds, 120);
  EXPECT_EQ(r.config.revision_response_start_timeout_seconds, 120);
  EXPECT_EQ(r.config.container_concurrency, 10);
  ASSERT_TRUE(r.config.revision_cpu_request.has_value());
  EXPECT_DOUBLE_EQ(r.config.revision_cpu_request->value, 0.25);
  EXPECT_FALSE(r.config.allow_container_concurrency_zero);
}

TEST(DefaultsConfig, EveryRule) {
  struct Row {
    std::map<std::string, std::string> data;
    const char* key;
    const char* message;
  } rows[] = {
      {{{"revision-timeout-seconds", "abc"}}, "revision-timeout-seconds",
       "failed to parse \"revision-timeout-seconds\": strconv.ParseInt: parsing \"abc\": invalid syntax"},
      {{{"allow-container-concurrency-zero", "yes"}}, "allow-container-concurrency-zero",
       "failed to parse \"allow-container-concurrency-zero\": strconv.ParseBool: parsing \"yes\": invalid syntax"},
      {{{"revision-timeout-seconds", "700"}}, "revision-timeout-seconds",
       "revision-timeout-seconds (700) cannot be greater than max-revision-timeout-seconds (600)"},
      {{{"revision-response-start-timeout-seconds", "400"}}, "revision-response-start-timeout-seconds",
       "revision-response-start-timeout-seconds (400) cannot be greater than revision-timeout-seconds (300)"},
      {{{"revision-idle-timeout-seconds", "301"}}, "revision-idle-timeout-seconds",
       "revision-idle-timeout-seconds (301) cannot be greater than revision-timeout-seconds (300)"},
      {{{"container-concurrency-max-limit", "0"}}, "container-concurrency-max-limit",
       "expected 1 <= 0 <= 2147483647: container-concurrency-max-limit"},
      {{{"container-concurrency", "2000"}}, "container-concurrency",
       "expected 0 <= 2000 <= 1000: container-concurrency"},
      {{{"revision-memory-limit", "lots"}}, "revision-memory-limit", ""},
  };
  for (const auto& r : rows) {
    const auto res = parse_defaults_config(r.data);
    if (std::string(r.message).empty()) {
      ASSERT_EQ(res.errors.size(), 1u) << dump(res.errors);
      EXPECT_EQ(res.errors[0].key, r.key);
    } else {
      EXPECT_TRUE(has(res.errors, r.key, r.message)) << r.key << "\n" << dump(res.errors);
    }
  }
}

TEST(DeploymentConfig, DefaultsAndRules) {
  auto r = parse_deployment_config({});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r.config.progress_deadline, 600);
  r = parse_deployment_config({{"progress-deadline", "121s"}});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r.config.progress_deadline, 121);
  EXPECT_TRUE(has(parse_deployment_config({{"progress-deadline", "0s"}}).errors, "progress-deadline",
                  "progress-deadline cannot be a non-positive duration, was 0s"));
  EXPECT_TRUE(has(parse_deployment_config({{"progress-deadline", "1500ms"}}).errors, "progress-deadline",
                  "progress-deadline must be rounded to a whole second, was: 1.5s"));
  EXPECT_TRUE(has(parse_deployment_config({{"progress-deadline", "soon"}}).errors, "progress-deadline",
                  "failed to parse \"progress-deadline\": time: invalid duration \"soon\""));
}

TEST(NetworkConfig, RolloutDurationAndHosts) {
  auto r = parse_network_config({{"rollout-duration", "120"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.rollout_duration_seconds, 120);
  EXPECT_TRUE(has(parse_network_config({{"rollout-duration", "-5"}}).errors, "rollout-duration",
                  "rollout-duration must be a non-negative value, was: -5"));
  EXPECT_FALSE(parse_network_config({{"rollout-duration", "2m"}}).ok());
  EXPECT_FALSE(parse_network_config({{"domain-template", "{{.Namespace}}.x"}}).ok());
  NetworkConfig n;
  n.domain = "example.com";
  EXPECT_EQ(route_host(n, "hello", "prod"), "hello.prod.example.com");
  EXPECT_EQ(tag_host(n, "canary", "hello", "prod"), "canary-hello.prod.example.com");
}

TEST(GcConfig, DefaultsDisabledAndRules) {
  auto r = parse_gc_config({});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r.config.retain_since_create_time, 48 * 3600);
  EXPECT_DOUBLE_EQ(r.config.retain_since_last_active_time, 15 * 3600);
  EXPECT_EQ(r.config.min_non_active_revisions, 20);
  EXPECT_EQ(r.config.max_non_active_revisions, 1000);
  r = parse_gc_config({{"retain-since-create-time", "disabled"}, {"max-non-active-revisions", "Disabled"}});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r.config.retain_since_create_time, kGcDisabled);
  EXPECT_EQ(r.config.max_non_active_revisions, kGcDisabled);
  EXPECT_TRUE(has(parse_gc_config({{"min-non-active-revisions", "30"}, {"max-non-active-revisions", "10"}}).errors,
                  "min-non-active-revisions", "min-non-active-revisions(30) must be <= max-non-active-revisions(10)"));
  EXPECT_FALSE(parse_gc_config({{"min-non-active-revisions", "-1"}}).ok());
  EXPECT_FALSE(parse_gc_config({{"retain-since-create-time", "forever"}}).ok());
}

TEST(FeaturesConfig, FlagsAnyCaseAndPrefix) {
  const auto r = parse_features_config({{"multi-container", "disabled"}, {"features.tag-header-based-routing", "ENABLED"},
                                        {"kubernetes.podspec-init-containers", "bogus"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.multi_container, Flag::kDisabled);
  EXPECT_EQ(r.config.tag_header_based_routing, Flag::kEnabled);
  EXPECT_EQ(r.config.podspec_init_containers, Flag::kDisabled);  // unknown value ignored
}

}  // namespace
