// shadow.jsonl lines, the summary's agreement shares and lag, and which Prometheus names the shadow
// reads (adapter/shadow/shadow_report, adapter/prometheus/knative_metric_names): pure functions, no cluster.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "adapter/prometheus/knative_metric_names.hpp"
#include "adapter/prometheus/prometheus_answer.hpp"
#include "adapter/shadow/shadow_gauges.hpp"
#include "adapter/shadow/shadow_report.hpp"

namespace {
using namespace knsim::adapter;
using nlohmann::json;

ShadowLine line(double t, int twin_desired, std::optional<int> real_desired) {
  ShadowLine l;
  l.t = t;
  l.revision = "default/hello-00007";
  TwinDecision d;
  d.desired = twin_desired;
  d.decider_desired = twin_desired;
  d.valid = true;
  d.ebc = -180;
  d.stable = 14.2;
  d.panic_value = 15.0;
  l.twin = d;
  l.real.desired = real_desired;
  l.real.actual = 2;
  l.real.mode = "Proxy";
  return l;
}

TEST(ShadowReport, LineHasTheIssuesKeysInOrderAndNullsForWhatIsNotExposed) {
  ShadowLine l = line(12, 3, 3);
  l.real.stable = std::nan("");   // a NaN gauge is null, never invalid JSON
  const std::string text = to_json_line(l);
  EXPECT_EQ(text.rfind(R"({"t":12.0,"revision":"default/hello-00007","twin":{"desired":3,"panic":false,"ebc":-180,)"
                       R"("mode":"Proxy","stable":14.2,"panic_value":15.0,"decider_desired":3},)"
                       R"("real":{"desired":3,"actual":2,"mode":"Proxy","panic":null,"ebc":null,"stable":null,)", 0),
            0u)
      << text;
  const json j = json::parse(text);
  EXPECT_EQ(j["agree"], true);
  EXPECT_TRUE(j["activator"].is_null());
  EXPECT_TRUE(json::parse(to_json_line(line(14, 3, std::nullopt)))["agree"].is_null());
  ShadowLine other_mode = line(16, 3, 3);
  other_mode.real.mode = "Serve";   // same pods, other mode: not agreeing
  EXPECT_EQ(json::parse(to_json_line(other_mode))["agree"], false);
}

// Twin: 1 -> 3 at t=10, 3 -> 2 at t=40; real: 1 -> 3 at t=14, 3 -> 2 never. Lag 4 s, one match.
TEST(ShadowReport, SummarySharesLargestDifferenceAndLag) {
  ShadowSummary s;
  const int twin[] = {1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2};
  const int real[] = {1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
  for (int k = 0; k < 22; ++k) s.add(line(2.0 * k, twin[k], real[k]));
  const json j = json::parse(s.to_json())["revisions"]["default/hello-00007"];
  EXPECT_EQ(j["ticks"], 22);
  EXPECT_DOUBLE_EQ(j["desired_agree"].get<double>(), 18.0 / 22.0);
  EXPECT_EQ(j["disagreeing_ticks"], 4);
  EXPECT_EQ(j["largest_difference"], 2);
  EXPECT_EQ(j["largest_difference_t"], 10.0);
  EXPECT_EQ(j["twin_changes"], 2);
  EXPECT_EQ(j["real_changes"], 1);
  EXPECT_EQ(j["changes_matched"], 1);
  EXPECT_DOUBLE_EQ(j["lag_mean_s"].get<double>(), 4.0);
}

TEST(KnativeMetricNames, BothNameSetsAndUnitSuffixes) {
  const auto otel = find_knative_metric_names({"kn_revision_pods_desired", "kn_revision_panic_mode",
                                                "kn_revision_capacity_excess_concurrency", "kn_revision_concurrency_stable",
                                                "kn_revision_request_concurrency", "up"});
  EXPECT_EQ(otel.set, "opentelemetry");
  EXPECT_EQ(otel.ebc, "kn_revision_capacity_excess_concurrency");
  EXPECT_EQ(otel.panic_concurrency, "");   // not exported: null in the lines
  EXPECT_EQ(otel.activator, "kn_revision_request_concurrency");
  EXPECT_EQ(otel.revision_label, "kn_revision_name");
  const auto oc = find_knative_metric_names({"autoscaler_desired_pods", "activator_request_concurrency"});
  EXPECT_EQ(oc.set, "opencensus");
  EXPECT_EQ(oc.desired, "autoscaler_desired_pods");
  EXPECT_EQ(oc.activator, "activator_request_concurrency");
  EXPECT_EQ(oc.namespace_label, "namespace_name");
  EXPECT_EQ(find_knative_metric_names({"up", "node_cpu_seconds_total"}).set, "");
}

// record and shadow read one table: record's metrics (desired, actual, panic, the request counter)
// come from the same detection as the shadow's gauges.
TEST(KnativeMetricNames, RecordReadsTheSameTable) {
  struct Case {
    std::set<std::string> names;
    std::string set, desired, actual, requests, service_label;
  };
  const std::vector<Case> cases = {
      {{"kn_revision_pods_desired", "kn_revision_pods_count", "kn_serving_invocation_duration_seconds_count",
        "kn_queueproxy_app_duration_seconds_count"},
       "opentelemetry", "kn_revision_pods_desired", "kn_revision_pods_count",
       "kn_serving_invocation_duration_seconds_count", "kn_service_name"},
      {{"kn_revision_pods_desired", "kn_queueproxy_app_duration_seconds_count",
        "kn_queueproxy_app_duration_seconds_bucket"},
       "opentelemetry", "kn_revision_pods_desired", "", "kn_queueproxy_app_duration_seconds_count", "kn_service_name"},
      {{"autoscaler_desired_pods", "autoscaler_actual_pods", "revision_request_count"},
       "opencensus", "autoscaler_desired_pods", "autoscaler_actual_pods", "revision_request_count", "service_name"},
      {{"autoscaler_desired_pods", "revision_request_latencies_bucket"},
       "opencensus", "autoscaler_desired_pods", "", "", "service_name"},
  };
  for (const auto& c : cases) {
    const KnativeMetricNames m = detect_metric_names(c.names);
    EXPECT_EQ(m.set, c.set) << c.desired;
    EXPECT_EQ(m.desired, c.desired);
    EXPECT_EQ(m.actual, c.actual) << c.desired;
    EXPECT_EQ(m.requests, c.requests) << c.desired;
    EXPECT_EQ(m.service_label, c.service_label);
    EXPECT_EQ(find_knative_metric_names(c.names).desired, m.desired);
  }
  // Only the activator's gauge: the shadow can use it, record cannot work without desired pods.
  EXPECT_EQ(find_knative_metric_names({"activator_request_concurrency"}).set, "opencensus");
  try {
    detect_metric_names({"activator_request_concurrency", "up"});
    ADD_FAILURE() << "no desired-pods gauge must be an error";
  } catch (const PrometheusError& e) {
    EXPECT_NE(std::string(e.what()).find("looked for kn_revision_pods_desired"), std::string::npos) << e.what();
  }
}

}  // namespace
