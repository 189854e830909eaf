// `knsim cluster record` against a real Prometheus (Debian's prometheus + promtool): recorded
// series are backfilled with `promtool tsdb create-blocks-from openmetrics`, Prometheus is started on
// a loopback port (tests/adapter/prometheus_server.hpp), and the command runs against it and the fake
// API server. Both metric name sets.
#include <gtest/gtest.h>

#include <cmath>
#include <ctime>

#include "adapter/cluster/cluster_record.hpp"
#include "tests/adapter/fake_cluster.hpp"
#include "tests/adapter/prometheus_server.hpp"

namespace {
using knsim::test::FakeCluster;
using knsim::test::knsim_exe;
using knsim::test::LocalPrometheus;
using knsim::test::run_command;
using knsim::test::scratch;
using knsim::test::slurp;
namespace fs = std::filesystem;

struct NameSet {
  std::string desired, actual, panic, requests, ns, rev, svc;
};
const NameSet kOtel = {"kn_revision_pods_desired", "kn_revision_pods_count", "kn_revision_panic_mode",
                       "kn_serving_invocation_duration_seconds_count", "k8s_namespace_name", "kn_revision_name",
                       "kn_service_name"};
const NameSet kOpenCensus = {"autoscaler_desired_pods", "autoscaler_actual_pods", "autoscaler_panic_mode",
                             "revision_request_count", "namespace_name", "revision_name", "service_name"};

// 30 minutes of samples every 10 s from t0: hello-00007 at 20 requests/s (desired 3, 5 from
// minute 10 with panic on for minutes 10-12), hello-00006 at 2 requests/s.
std::string openmetrics(const NameSet& n, long t0) {
  std::string out;
  struct Rev {
    std::string name;
    double rps;
  };
  const std::vector<Rev> revs = {{"hello-00007", 20}, {"hello-00006", 2}};
  auto series = [&](const std::string& metric, const std::string& type, auto value) {
    out += "# TYPE " + metric + " " + type + "\n";
    for (const auto& r : revs) {
      for (int k = 0; k < 180; ++k) {
        const long t = t0 + 10L * k;
        out += metric + "{" + n.ns + "=\"demo\"," + n.rev + "=\"" + r.name + "\"," + n.svc + "=\"hello\"} " +
               value(r, k) + " " + std::to_string(t) + "\n";
      }
    }
  };
  series(n.desired, "gauge", [](const Rev& r, int k) { return std::string(r.rps > 10 && k >= 60 ? "5" : (r.rps > 10 ? "3" : "1")); });
  series(n.actual, "gauge", [](const Rev& r, int k) { return std::string(r.rps > 10 && k >= 63 ? "5" : (r.rps > 10 ? "3" : "1")); });
  series(n.panic, "gauge", [](const Rev& r, int k) { return std::string(r.rps > 10 && k >= 60 && k < 72 ? "1" : "0"); });
  series(n.requests, "unknown", [](const Rev& r, int k) { return std::to_string(static_cast<long>(r.rps * 10 * k)); });
  return out + "# EOF\n";
}

void check_recording(const NameSet& names, const std::string& expect_set) {
  const fs::path dir = scratch("record-" + expect_set);
  const long t0 = (static_cast<long>(std::time(nullptr)) / 10) * 10 - 3600;
  LocalPrometheus prom(dir / "prom", knsim::test::PrometheusSetup::backfilled(openmetrics(names, t0)));
  FakeCluster fc(dir / "cluster");
  const fs::path out = dir / "recorded";
  const long start = t0 + 300, end = t0 + 1200;   // minutes 5 to 20
  const auto r = run_command(knsim_exe() + " cluster record --kubeconfig " + fc.token_kubeconfig().string() +
                                 " --prometheus " + prom.url() + " -n demo --start " + std::to_string(start) +
                                 " --end " + std::to_string(end) + " --step 10s --out " + out.string(), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(expect_set + " metric names"), std::string::npos) << r.out;
  // observed.csv: 91 steps x 2 revisions; desired 3 -> 5 at minute 10, panic minutes 10-12.
  const std::string observed = slurp(out / "observed.csv");
  EXPECT_EQ(observed.rfind("t_s,revision,desired_pods,actual_pods,panic,requests_per_s\n", 0), 0u);
  EXPECT_NE(observed.find("\n0,hello-00007,3,3,0,20\n"), std::string::npos) << observed.substr(0, 400);
  EXPECT_NE(observed.find("\n300,hello-00007,5,3,1,20\n"), std::string::npos);
  EXPECT_NE(observed.find("\n900,hello-00007,5,5,0,20\n"), std::string::npos);
  EXPECT_NE(observed.find("\n900,hello-00006,1,1,0,2\n"), std::string::npos);
  // Traces: 20 requests/s for 910 s -> 18200 timestamps (exact: carried rounding).
  const std::string trace = slurp(out / "traces" / "demo-hello-00007.csv");
  EXPECT_EQ(std::count(trace.begin(), trace.end(), '\n'), 1 + 18200);
  // 200 requests per 10 s step, 0.05 s apart.
  EXPECT_EQ(trace.rfind("timestamp\n0.025\n0.075\n", 0), 0u) << trace.substr(0, 40);
  const std::string scenario = slurp(out / "scenario.yaml");
  EXPECT_NE(scenario.find("file: \"traces/demo-hello-00006.csv\""), std::string::npos);
  EXPECT_NE(scenario.find("duration: \"910s\""), std::string::npos);
  EXPECT_NE(scenario.find(R"(\"demo/hello-00007\":3)"), std::string::npos);
  EXPECT_EQ(scenario.find("# No workload"), std::string::npos);
  // The recording replays: knsim validate and run accept it.
  const auto v = run_command(knsim_exe() + " validate " + out.string(), dir);
  ASSERT_EQ(v.exit_code, 0) << v.err << v.out;
  const auto run = run_command(knsim_exe() + " run --quiet " + out.string() + " --out " + (dir / "run").string(), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto summary = nlohmann::json::parse(slurp(dir / "run" / "summary.json"));
  EXPECT_GT(summary["requests"]["total"].get<double>(), 19000);
  // compare: the replay against observed.csv (the figures themselves: compare_test.cpp).
  const auto cmp = run_command(knsim_exe() + " cluster compare " + out.string(), dir);
  ASSERT_EQ(cmp.exit_code, 0) << cmp.err;
  const auto result = nlohmann::json::parse(slurp(out / "compare" / "compare.json"));
  ASSERT_EQ(result["revisions"].size(), 2u);
  for (const auto& rev : result["revisions"]) {
    EXPECT_EQ(rev["samples"], 90) << rev.dump();   // t = 10 ... 900 s (the simulation starts at 1 s)
    EXPECT_GE(rev["mae_pods"].get<double>(), 0.0);
    EXPECT_LE(rev["within_one_pod"].get<double>(), 1.0);
  }
  EXPECT_NE(cmp.out.find("hello-00007"), std::string::npos);
}

TEST(ClusterRecord, OpenTelemetryNamesKnative119AndLater) { check_recording(kOtel, "opentelemetry"); }

TEST(ClusterRecord, OpenCensusNamesKnative118AndEarlier) { check_recording(kOpenCensus, "opencensus"); }

TEST(ClusterRecord, RequestTimesCarryFractions) {
  using knsim::adapter::request_times;
  const std::vector<double> got = request_times({0.25, 0.25}, 10);
  const std::vector<double> want = {2.5, 7.5, 10 + 10.0 / 6, 15, 20 - 10.0 / 6};
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-9);
  EXPECT_TRUE(request_times({0, std::nan(""), -1}, 10).empty());
  EXPECT_EQ(request_times({0.05, 0.05}, 10).size(), 1u);
}

}  // namespace
