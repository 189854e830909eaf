// One case per webhook validation rule, each with the input that breaks it: the exact field path
// and Knative's message (pkg/apis/serving/v1/*_validation.go).
#include "core/serving/validation.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <string>

#include "core/serving/defaults.hpp"

namespace {

using namespace knsim::core;
using api::FieldErrors;

api::Service valid_service() {
  api::Service s;
  s.metadata.name = "hello";
  api::Container c;
  c.image = "ghcr.io/knative/helloworld-go:latest";
  s.spec.configuration.revision_template.spec.containers.push_back(c);
  serving::set_service_defaults(s, config::DefaultsConfig{});
  return s;
}

api::TrafficTarget target(const std::string& revision, std::int64_t percent, const std::string& tag = "") {
  api::TrafficTarget t;
  t.revision_name = revision;
  t.percent = percent;
  t.tag = tag;
  t.latest_revision = revision.empty();
  return t;
}

struct Rule {
  const char* name;
  std::function<void(api::Service&, serving::ValidationConfig&)> breaks;
  const char* path;
  const char* message;  // a prefix of the message
};

bool has_error(const api::FieldErrors& errs, const std::string& path, const std::string& message_prefix) {
  for (const auto& e : errs) {
    if (e.path == path && e.message.rfind(message_prefix, 0) == 0) return true;
  }
  return false;
}

std::string dump(const api::FieldErrors& errs) {
  std::string s;
  for (const auto& e : errs) s += "  " + api::to_string(e) + "\n";
  return s;
}

TEST(ServingValidation, ValidServiceHasNoErrors) {
  serving::ValidationConfig cfg;
  const auto errs = serving::validate_service(valid_service(), cfg);
  EXPECT_TRUE(errs.empty()) << dump(errs);
}

const std::vector<Rule>& rules() {
  static const std::vector<Rule> kRules = {
      {"traffic sum", [](api::Service& s, auto&) { s.spec.route.traffic[0].percent = 90; },
       "spec.traffic", "Traffic targets sum to 90, want 100"},
      {"percent over 100",
       [](api::Service& s, auto&) { s.spec.route.traffic = {target("", 101), target("hello-00001", -1)}; },
       "spec.traffic[0].percent", "expected 0 <= 101 <= 100"},
      {"percent negative",
       [](api::Service& s, auto&) { s.spec.route.traffic = {target("", 101), target("hello-00001", -1)}; },
       "spec.traffic[1].percent", "expected 0 <= -1 <= 100"},
      {"duplicate tag",
       [](api::Service& s, auto&) {
         s.spec.route.traffic = {target("", 50, "a"), target("hello-00001", 50, "a")};
       },
       "spec.traffic[1].tag, spec.traffic[0].tag", "Multiple definitions for \"a\""},
      {"tag not DNS-1035", [](api::Service& s, auto&) { s.spec.route.traffic[0].tag = "1abc"; },
       "spec.traffic[0].tag", "invalid value: not a DNS 1035 label: [a DNS-1035 label must consist"},
      {"configurationName in a Service",
       [](api::Service& s, auto&) { s.spec.route.traffic[0].configuration_name = "other"; },
       "spec.traffic[0].configurationName", "must not set the field(s)"},
      {"latestRevision with revisionName",
       [](api::Service& s, auto&) {
         s.spec.route.traffic[0].revision_name = "hello-00001";
         s.spec.route.traffic[0].latest_revision = true;
       },
       "spec.traffic[0].latestRevision", "may not set revisionName \"hello-00001\" when latestRevision is true"},
      {"latestRevision false without revisionName",
       [](api::Service& s, auto&) { s.spec.route.traffic[0].latest_revision = false; },
       "spec.traffic[0].latestRevision", "may not set revisionName \"\" when latestRevision is false"},
      {"revisionName not a qualified name",
       [](api::Service& s, auto&) { s.spec.route.traffic = {target("bad name!", 100)}; },
       "spec.traffic[0].revisionName", "invalid key name \"bad name!\""},
      {"url in spec", [](api::Service& s, auto&) { s.spec.route.traffic[0].url = "http://x"; },
       "spec.traffic[0].url", "must not set the field(s)"},
      {"containerConcurrency over the limit",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.spec.container_concurrency = 2000; },
       "spec.template.spec.containerConcurrency", "expected 0 <= 2000 <= 1000"},
      {"containerConcurrency zero not allowed",
       [](api::Service& s, serving::ValidationConfig& c) {
         c.defaults.allow_container_concurrency_zero = false;
         s.spec.configuration.revision_template.spec.container_concurrency = 0;
       },
       "spec.template.spec.containerConcurrency", "expected 1 <= 0 <= 1000"},
      {"timeout over max-revision-timeout-seconds",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.spec.timeout_seconds = 601; },
       "spec.template.spec.timeoutSeconds", "expected 0 <= 601 <= 600"},
      {"negative timeout",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.spec.timeout_seconds = -5; },
       "spec.template.spec.timeoutSeconds", "expected 0 <= -5 <= 600"},
      {"response start over the timeout",
       [](api::Service& s, auto&) {
         s.spec.configuration.revision_template.spec.response_start_timeout_seconds = 400;
       },
       "spec.template.spec.responseStartTimeoutSeconds", "expected 0 <= 400 <= 300"},
      {"idle timeout over the timeout",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.spec.idle_timeout_seconds = 301; },
       "spec.template.spec.idleTimeoutSeconds", "expected 0 <= 301 <= 300"},
      {"no containers",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.spec.containers.clear(); },
       "spec.template.spec.containers", "missing field(s)"},
      {"no image",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.spec.containers[0].image.clear(); },
       "spec.template.spec.containers[0].image", "missing field(s)"},
      {"reserved container name",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.spec.containers[0].name = "queue-proxy"; },
       "spec.template.spec.containers[0].name", "\"queue-proxy\" is a reserved container name"},
      {"reserved env var",
       [](api::Service& s, auto&) {
         s.spec.configuration.revision_template.spec.containers[0].env.push_back({"PORT", "1"});
       },
       "spec.template.spec.containers[0].env[0].name", "\"PORT\" is a reserved environment variable"},
      {"reserved port",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.spec.containers[0].container_port = 8012; },
       "spec.template.spec.containers[0].ports.containerPort", "invalid value: 8012 is a reserved port"},
      {"request over limit",
       [](api::Service& s, auto&) {
         auto& r = s.spec.configuration.revision_template.spec.containers[0].resources;
         r.requests.cpu = api::Quantity{"2", 2};
         r.limits.cpu = api::Quantity{"1", 1};
       },
       "spec.template.spec.containers[0].resources.requests.cpu", "must be less than or equal to cpu limit of 1"},
      {"two containers with two ports",
       [](api::Service& s, auto&) {
         auto& cs = s.spec.configuration.revision_template.spec.containers;
         cs[0].container_port = 8080;
         api::Container side = cs[0];
         side.name = "side";
         side.container_port = 9000;
         cs.push_back(side);
       },
       "spec.template.spec.containers[*].ports", "more than one container port is set"},
      {"BYO name without the prefix",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.metadata.name = "other-v1"; },
       "spec.template.metadata.name", "invalid value: \"other-v1\" must have prefix \"hello-\""},
      {"BYO name not DNS-1035",
       [](api::Service& s, auto&) { s.spec.configuration.revision_template.metadata.name = "hello_v1"; },
       "spec.template.metadata.name", "invalid value: not a DNS 1035 label"},
      {"service name missing", [](api::Service& s, auto&) { s.metadata.name.clear(); }, "metadata.name",
       "name or generateName is required"},
      {"service name not DNS-1035", [](api::Service& s, auto&) { s.metadata.name = "Hello"; }, "metadata.name",
       "not a DNS 1035 label"},
      {"autoscaling annotation on the Service",
       [](api::Service& s, auto&) { s.metadata.annotations["autoscaling.knative.dev/min-scale"] = "1"; },
       "metadata.annotations", "invalid key name \"autoscaling.knative.dev/min-scale\""},
      {"unknown serving annotation",
       [](api::Service& s, auto&) { s.metadata.annotations["serving.knative.dev/foo"] = "1"; },
       "metadata.annotations", "invalid key name \"serving.knative.dev/foo\""},
      {"rollout-duration not a duration",
       [](api::Service& s, auto&) { s.metadata.annotations["serving.knative.dev/rollout-duration"] = "soon"; },
       "metadata.annotations.serving.knative.dev/rollout-duration", "invalid value: soon"},
      {"rollout-duration not whole seconds",
       [](api::Service& s, auto&) { s.metadata.annotations["serving.knative.dev/rollout-duration"] = "1500ms"; },
       "metadata.annotations.serving.knative.dev/rollout-duration",
       "rollout-duration=1500ms is not at second precision"},
      {"rollout-duration negative",
       [](api::Service& s, auto&) { s.metadata.annotations["serving.knative.dev/rollout-duration"] = "-10s"; },
       "metadata.annotations.serving.knative.dev/rollout-duration", "rollout-duration=-10s must be positive"},
      {"visibility label", [](api::Service& s, auto&) { s.metadata.labels["networking.knative.dev/visibility"] = "x"; },
       "metadata.labels.networking.knative.dev/visibility", "invalid value: x"},
      {"serving label", [](api::Service& s, auto&) { s.metadata.labels["serving.knative.dev/route"] = "x"; },
       "metadata.labels", "invalid key name \"serving.knative.dev/route\""},
      {"queue sidecar percentage",
       [](api::Service& s, auto&) {
         s.spec.configuration.revision_template.metadata.annotations
             ["queue.sidecar.serving.knative.dev/resource-percentage"] = "200";
       },
       "spec.template.metadata.annotations.queue.sidecar.serving.knative.dev/resource-percentage",
       "expected 0.1 <= 200 <= 100"},
  };
  return kRules;
}

// One test per rule: a valid Service broken in exactly one way must report that rule's field and
// message.
class ServingValidationRule : public ::testing::TestWithParam<std::size_t> {};

TEST_P(ServingValidationRule, ReportsItsFieldAndMessage) {
  const Rule& rule = rules().at(GetParam());
  api::Service s = valid_service();
  serving::ValidationConfig cfg;
  rule.breaks(s, cfg);
  const auto errs = serving::validate_service(s, cfg);
  EXPECT_TRUE(has_error(errs, rule.path, rule.message))
      << rule.name << ": want " << rule.path << ": " << rule.message << "\n got:\n" << dump(errs);
}

std::string rule_name(const ::testing::TestParamInfo<std::size_t>& param_info) {
  std::string n = rules().at(param_info.param).name;
  for (char& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Webhook, ServingValidationRule, ::testing::Range<std::size_t>(0, rules().size()),
                         rule_name);

TEST(ServingValidation, AutoscalingAnnotationsOnTheTemplateUseTheAnnotationValidator) {
  api::Service s = valid_service();
  s.spec.configuration.revision_template.metadata.annotations["autoscaling.knative.dev/min-scale"] = "-1";
  const auto errs = serving::validate_service(s, serving::ValidationConfig{});
  ASSERT_FALSE(errs.empty());
  EXPECT_EQ(errs[0].path.rfind("spec.template.metadata.annotations.autoscaling.knative.dev/min-scale", 0), 0u)
      << dump(errs);
}

TEST(ServingValidation, AllErrorsAreReportedAtOnce) {
  api::Service s = valid_service();
  s.spec.route.traffic = {target("", 30, "a"), target("hello-00001", 30, "a")};
  s.spec.configuration.revision_template.spec.container_concurrency = -1;
  s.spec.configuration.revision_template.spec.containers[0].image.clear();
  const auto errs = serving::validate_service(s, serving::ValidationConfig{});
  EXPECT_GE(errs.size(), 4u) << dump(errs);
  EXPECT_TRUE(has_error(errs, "spec.traffic", "Traffic targets sum to 60, want 100"));
}

TEST(ServingValidation, RouteNeedsATargetName) {
  api::Route r;
  r.metadata.name = "hello";
  api::TrafficTarget t;
  t.percent = 100;
  r.spec.traffic.push_back(t);
  serving::set_route_defaults(r);
  const auto errs = serving::validate_route(r, serving::ValidationConfig{});
  EXPECT_TRUE(has_error(errs, "spec.traffic[0].revisionName, spec.traffic[0].configurationName", "expected exactly one, got neither"))
      << dump(errs);
  r.spec.traffic[0].revision_name = "hello-00001";
  r.spec.traffic[0].configuration_name = "hello";
  r.spec.traffic[0].latest_revision = false;
  const auto both = serving::validate_route(r, serving::ValidationConfig{});
  EXPECT_TRUE(has_error(both, "spec.traffic[0].revisionName, spec.traffic[0].configurationName", "expected exactly one, got both"))
      << dump(both);
}

TEST(ServingValidation, ConfigurationAndRevision) {
  api::Configuration c;
  c.metadata.name = "hello";
  c.spec.revision_template.spec.containers.push_back({});
  c.metadata.annotations["autoscaling.knative.dev/window"] = "10s";
  const auto errs = serving::validate_configuration(c, serving::ValidationConfig{});
  EXPECT_TRUE(has_error(errs, "spec.template.spec.containers[0].image", "missing field(s)")) << dump(errs);
  EXPECT_TRUE(has_error(errs, "metadata.annotations", "invalid key name \"autoscaling.knative.dev/window\""));
  api::Revision r;
  r.metadata.name = "hello-00001";
  r.metadata.labels["serving.knative.dev/routingState"] = "active";
  r.spec.container_concurrency = 1001;
  r.spec.containers.push_back({"", "img", {}, {}, std::nullopt});
  const auto rerrs = serving::validate_revision(r, serving::ValidationConfig{});
  ASSERT_EQ(rerrs.size(), 1u) << dump(rerrs);
  EXPECT_EQ(rerrs[0].path, "spec.containerConcurrency");
}

TEST(ServingValidation, ByoNameMustChangeWithTheTemplate) {
  api::RevisionTemplate before;
  before.metadata.name = "hello-v1";
  before.spec.containers.push_back({"", "img:1", {}, {}, std::nullopt});
  api::RevisionTemplate after = before;
  EXPECT_TRUE(serving::validate_template_name_change(before, after).empty());
  after.spec.containers[0].image = "img:2";
  const auto errs = serving::validate_template_name_change(before, after);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].path, "spec.template.metadata.name");
  after.metadata.name = "hello-v2";
  EXPECT_TRUE(serving::validate_template_name_change(before, after).empty());
}

}  // namespace
