// `knsim cluster shadow --prometheus URL` against Debian's real `prometheus` scraping, every second, a
// stand-in for Knative's autoscaler and activator metrics endpoints (tests/adapter/metrics_exporter.py
// serving a text exposition the test rewrites), beside the fake API server's shadow script
// (tests/adapter/fake_apiserver.py: one pod of hello-00001 at a steady concurrency). Checked, for
// both metric name sets (Knative <= 1.18 OpenCensus, >= 1.19 OpenTelemetry):
//   - the real.* gauge fields of shadow.jsonl equal the exporter's values (max per revision, only
//     the shadowed namespace), and change when the exporter's do;
//   - the activators' concurrency (summed over activator pods) is added to the twin's input: the
//     twin decides as core's replay of the pod's stats plus that concurrency, which differs from the
//     replay of the pod's stats alone;
//   - without the activator's series the output says so: no metric at all -> a note on stderr and
//     "activator_share": "missing"; no series for a revision in Proxy mode -> a note naming it;
//     either way "activator": null and the twin follows the pods alone.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "core/autoscaler/replay.hpp"
#include "core/metrics/stats_scraper.hpp"
#include "tests/adapter/fake_cluster.hpp"
#include "tests/adapter/prometheus_server.hpp"
#include "tests/adapter/shadow_test_util.hpp"

namespace {
using knsim::test::FakeCluster;
using knsim::test::json_lines;
using knsim::test::knsim_exe;
using knsim::test::LocalPrometheus;
using knsim::test::MetricsExporter;
using knsim::test::PrometheusSetup;
using knsim::test::run_command;
using knsim::test::scratch;
using knsim::test::slurp;
using nlohmann::json;
namespace ca = knsim::core::autoscaler;
namespace cm = knsim::core::metrics;

constexpr int kSeconds = 30;             // shadow seconds per run (15 decider ticks)
constexpr double kPodConcurrency = 4.0;  // hello-00001's one pod; target 10 (x 0.7 = 7 per pod)

struct NameSet {
  std::string set, desired, panic, ebc, stable, panic_concurrency, activator, ns_label, rev_label, pod_label;
};
const NameSet kOtel = {"opentelemetry", "kn_revision_pods_desired", "kn_revision_panic_mode",
                       "kn_revision_capacity_excess", "kn_revision_concurrency_stable", "kn_revision_concurrency_panic",
                       "kn_revision_request_concurrency", "k8s_namespace_name", "kn_revision_name", "k8s_pod_name"};
const NameSet kOpenCensus = {"opencensus", "autoscaler_desired_pods", "autoscaler_panic_mode",
                             "autoscaler_excess_burst_capacity", "autoscaler_stable_request_concurrency",
                             "autoscaler_panic_request_concurrency", "activator_request_concurrency", "namespace_name",
                             "revision_name", "pod_name"};

// What the exporter says about hello-00001 (and, to be ignored, the same revision name in another
// namespace). `activators`: one value per activator pod; empty: no series for hello-00001.
struct Exposition {
  double desired = 0, panic = 0, ebc = 0, stable = 0, panic_value = 0;
  std::vector<double> activators;
  bool activator_metric = true;   // false: the exporter has no activator metric at all
};

std::string exposition(const NameSet& n, const Exposition& e) {
  std::string out;
  const auto labels = [&](const std::string& ns, const std::string& extra = "") {
    return "{" + n.ns_label + "=\"" + ns + "\"," + n.rev_label + "=\"hello-00001\"" + extra + "}";
  };
  const auto gauge = [&](const std::string& metric, double value) {
    out += "# TYPE " + metric + " gauge\n" + metric + labels("shadow") + " " + json(value).dump() + "\n" + metric +
           labels("elsewhere") + " 999\n";
  };
  gauge(n.desired, e.desired);
  gauge(n.panic, e.panic);
  gauge(n.ebc, e.ebc);
  gauge(n.stable, e.stable);
  gauge(n.panic_concurrency, e.panic_value);
  if (!e.activator_metric) return out;
  out += "# TYPE " + n.activator + " gauge\n";
  for (std::size_t i = 0; i < e.activators.size(); ++i)
    out += n.activator + labels("shadow", "," + n.pod_label + "=\"activator-" + std::to_string(i) + "\"") + " " +
           json(e.activators[i]).dump() + "\n";
  // Another revision's activator series: the metric exists even when hello-00001 has none.
  out += n.activator + "{" + n.ns_label + "=\"shadow\"," + n.rev_label + "=\"other-00001\"," + n.pod_label +
         "=\"activator-0\"} 1\n";
  return out;
}

// The fake API server's script: one row, repeated (hello-00001's one pod, its PA and SKS).
json script(const std::string& sks_mode) {
  json row;
  row["pods"]["hello-00001-deployment-0"] = {
      {"revision", "hello-00001"}, {"stat", {{"c", kPodConcurrency}, {"rc", 8.0}, {"up", 500}}}};
  row["pas"]["hello-00001"] = {{"desired", 1}, {"actual", 1}, {"annotations", {{"autoscaling.knative.dev/target", "10"}}}};
  row["sks"]["hello-00001"] = sks_mode;
  return {{"namespace", "shadow"}, {"ticks", json::array({row})}};
}

// core's replay of what the twin is fed: every second the pod's stat through core's scraper and,
// when given, the activators' concurrency as one more stat; a tick every 2 s with one ready pod.
ca::ReplayOutput replay(std::optional<double> activator) {
  ca::ReplayInput in;
  in.name = "hello-00001";
  in.config = knsim::test::fixture_autoscaler_config();
  in.annotations = {{"autoscaling.knative.dev/target", "10"}};
  knsim::core::Rng rng(1);
  for (int t = 0; t < kSeconds; ++t) {
    cm::Stat pod;
    pod.pod_name = "hello-00001-deployment-0";
    pod.average_concurrency = kPodConcurrency;
    pod.request_count = 8.0;
    pod.process_uptime = 500;
    ca::ReplayEvent stat;
    stat.kind = ca::ReplayEvent::Kind::kStat;
    stat.t = t;
    stat.stat = *cm::scrape_pods({pod}, 60, t, rng);
    in.events.push_back(stat);
    if (activator) {
      stat.stat = cm::Stat{};
      stat.stat.pod_name = "activator";
      stat.stat.average_concurrency = *activator;
      in.events.push_back(stat);
    }
    if (t % 2 == 0) {
      ca::ReplayEvent tick;
      tick.t = t;
      tick.ready_pods = 1;
      in.events.push_back(tick);
    }
  }
  return ca::run_replay(in);
}

struct Shadow {
  int exit_code = -1;
  std::string err;
  std::vector<json> lines;
  json summary;
};

Shadow run_shadow(const FakeCluster& fc, const LocalPrometheus& prom, const std::string& sks_mode, const std::string& name) {
  fc.admin("/_test/shadow-script", script(sks_mode));
  const auto out = fc.dir() / name;
  const auto r = run_command(knsim_exe() + " cluster shadow --kubeconfig " + fc.token_kubeconfig().string() +
                                 " -n shadow --prometheus " + prom.url() + " --duration " + std::to_string(kSeconds) +
                                 "s --tick-seconds 0 --out " + out.string(), fc.dir());
  Shadow s{r.exit_code, r.err, json_lines(slurp(out / "shadow.jsonl")), json::object()};
  if (r.exit_code == 0) s.summary = json::parse(slurp(out / "shadow-summary.json"));
  return s;
}

// Every line's real gauges are the exposition's; the twin's decisions are `want`'s ticks.
void expect_lines(const Shadow& s, const Exposition& e, const ca::ReplayOutput& want) {
  ASSERT_EQ(s.lines.size(), static_cast<std::size_t>(kSeconds / 2)) << s.err;
  double activator_sum = 0;
  for (double a : e.activators) activator_sum += a;
  for (const json& l : s.lines) {
    const int t = static_cast<int>(l["t"].get<double>());
    SCOPED_TRACE("t=" + std::to_string(t));
    ASSERT_EQ(l["revision"], "shadow/hello-00001");
    const json& real = l["real"];
    EXPECT_EQ(real["decider_desired"], static_cast<int>(e.desired));
    EXPECT_EQ(real["panic"], e.panic != 0);
    EXPECT_DOUBLE_EQ(real["ebc"].get<double>(), e.ebc);
    EXPECT_DOUBLE_EQ(real["stable"].get<double>(), e.stable);
    EXPECT_DOUBLE_EQ(real["panic_value"].get<double>(), e.panic_value);
    EXPECT_EQ(real["desired"], 1);   // from the PodAutoscaler, not Prometheus
    if (e.activators.empty()) {
      EXPECT_TRUE(l["activator"].is_null());
    } else {
      EXPECT_DOUBLE_EQ(l["activator"].get<double>(), activator_sum);
    }
    const auto& tick = want.ticks[static_cast<std::size_t>(t / 2)];
    ASSERT_TRUE(tick.valid);
    EXPECT_EQ(l["twin"]["decider_desired"], tick.desired);
    EXPECT_EQ(l["twin"]["desired"], tick.desired);
    EXPECT_EQ(l["twin"]["panic"], tick.panic);
    EXPECT_EQ(l["twin"]["ebc"], tick.ebc);
    EXPECT_DOUBLE_EQ(l["twin"]["stable"].get<double>(), tick.observed_stable);
    EXPECT_DOUBLE_EQ(l["twin"]["panic_value"].get<double>(), tick.observed_panic);
  }
}

// Phase 1: all gauges and two activator pods (3 + 5 in flight) -> the activator's 8 is added.
// Phase 2: new gauge values and no activator series for hello-00001, whose SKS is in Proxy mode.
void check_name_set(const NameSet& n) {
  const auto dir = scratch("shadow-prom-" + n.set);
  MetricsExporter exporter(dir / "exporter");
  Exposition e{3, 1, -37.5, 12.25, 20.5, {3.0, 5.0}};
  exporter.set(exposition(n, e));
  LocalPrometheus prom(dir / "prom", PrometheusSetup::scraping({exporter.target()}));
  ASSERT_TRUE(prom.wait_for(n.activator + "{" + n.rev_label + "=\"hello-00001\"}", 2)) << prom.log();
  FakeCluster fc(dir / "cluster");

  const auto with_activator = replay(8.0), pods_only = replay(std::nullopt);
  ASSERT_TRUE(with_activator.ok() && pods_only.ok());
  // The activator's share matters here: core decides 2 pods with it (12 in flight), 1 without (4).
  EXPECT_EQ(with_activator.ticks.back().desired, 2);
  EXPECT_EQ(pods_only.ticks.back().desired, 1);

  const Shadow one = run_shadow(fc, prom, "Serve", "out1");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  expect_lines(one, e, with_activator);
  EXPECT_EQ(one.summary["metric_names"], n.set);
  EXPECT_EQ(one.summary["activator_share"], n.activator);
  EXPECT_EQ(one.summary["prometheus_failures"], "0");
  EXPECT_EQ(one.err.find("activator share missing"), std::string::npos) << one.err;

  e = {5, 0, 12, 33.5, 40, {}};
  exporter.set(exposition(n, e));
  ASSERT_TRUE(prom.wait_for(n.desired + "{" + n.ns_label + "=\"shadow\"} == 5", 1)) << prom.log();
  ASSERT_TRUE(prom.wait_for(n.activator + "{" + n.rev_label + "=\"hello-00001\"}", 0)) << prom.log();
  const Shadow two = run_shadow(fc, prom, "Proxy", "out2");
  ASSERT_EQ(two.exit_code, 0) << two.err;
  expect_lines(two, e, pods_only);
  EXPECT_EQ(two.summary["activator_share"], n.activator);   // the metric is there, not for this revision
  EXPECT_NE(two.err.find("shadow/hello-00001: in Proxy mode but Prometheus has no " + n.activator + " series"),
            std::string::npos) << two.err;
}

TEST(ClusterShadowPrometheus, OpenTelemetryNamesKnative119AndLater) { check_name_set(kOtel); }

TEST(ClusterShadowPrometheus, OpenCensusNamesKnative118AndEarlier) { check_name_set(kOpenCensus); }

// No activator metric in Prometheus at all: said on stderr and in the summary; the gauges still read.
TEST(ClusterShadowPrometheus, MissingActivatorMetricIsSaid) {
  const auto dir = scratch("shadow-prom-noact");
  MetricsExporter exporter(dir / "exporter");
  Exposition e{2, 0, 5, 4, 4, {}};
  e.activator_metric = false;
  exporter.set(exposition(kOtel, e));
  LocalPrometheus prom(dir / "prom", PrometheusSetup::scraping({exporter.target()}));
  ASSERT_TRUE(prom.wait_for(kOtel.desired + "{k8s_namespace_name=\"shadow\"}", 1)) << prom.log();
  FakeCluster fc(dir / "cluster");
  const Shadow s = run_shadow(fc, prom, "Serve", "out");
  ASSERT_EQ(s.exit_code, 0) << s.err;
  expect_lines(s, e, replay(std::nullopt));
  EXPECT_EQ(s.summary["metric_names"], "opentelemetry");
  EXPECT_EQ(s.summary["activator_share"], "missing");
  EXPECT_NE(s.err.find("activator share missing (no Prometheus activator_request_concurrency / "
                       "kn_revision_request_concurrency)"), std::string::npos) << s.err;
}

}  // namespace
