// `knsim cluster shadow` end to end against the fake API server's shadow script
// (tests/adapter/fake_apiserver.py): pods whose pod-proxy endpoints serve protobuf Stats from a
// scripted load, and PodAutoscalers/ServerlessServices whose status follows the script. The script
// runs in lock-step with the shadow (its clock is the shadow's pod LIST), so five shadow minutes take
// seconds with --tick-seconds 0. The twin must agree with core's replay (core::autoscaler::run_replay)
// of the same stats on every tick (four pods or fewer: the scraper takes every pod), and a PA that
// deviates must be reported as a disagreement on exactly the ticks it deviates.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/autoscaler/replay.hpp"
#include "core/autoscaler/sks_mode.hpp"
#include "core/metrics/stats_scraper.hpp"
#include "tests/adapter/fake_cluster.hpp"
#include "tests/adapter/shadow_test_util.hpp"

namespace {
using knsim::test::FakeCluster;
using knsim::test::json_lines;
using knsim::test::knsim_exe;
using knsim::test::run_command;
using knsim::test::scratch;
using knsim::test::slurp;
using nlohmann::json;
namespace ca = knsim::core::autoscaler;
namespace cm = knsim::core::metrics;

constexpr int kSeconds = 300;
const std::set<int> kDeviating = {100, 102, 104, 220};   // the real PA says one pod more on these ticks

// The scripted load of hello-00001: total in-flight requests and the ready pods serving them.
// Target 10 per pod (x 0.7 = 7): steady at 1 pod, a scale-up, a panic, a scale-down.
struct Load {
  double concurrency;
  int pods;
};
Load load_at(int t) {
  if (t < 60) return {4.0, 1};
  if (t < 120) return {12.0, 2};
  if (t < 150) return {60.0, 3};
  if (t < 200) return {5.0, 4};
  return {2.5, 2};
}

std::vector<cm::Stat> pod_stats(int t) {
  const Load l = load_at(t);
  std::vector<cm::Stat> out;
  for (int p = 0; p < l.pods; ++p) {
    cm::Stat s;
    s.pod_name = "hello-00001-deployment-" + std::to_string(p);
    s.average_concurrency = l.concurrency / l.pods;
    s.request_count = 2 * l.concurrency / l.pods;
    s.process_uptime = 100 + t;
    out.push_back(s);
  }
  return out;
}

// core's replay of the same stats: one scrape (core's scraper) per second, a tick every 2 s.
ca::ReplayOutput replay() {
  ca::ReplayInput in;
  in.name = "hello-00001";
  in.config = knsim::test::fixture_autoscaler_config();
  in.annotations = {{"autoscaling.knative.dev/target", "10"}};
  knsim::core::Rng rng(1);
  for (int t = 0; t < kSeconds; ++t) {
    ca::ReplayEvent stat;
    stat.kind = ca::ReplayEvent::Kind::kStat;
    stat.t = t;
    stat.stat = *cm::scrape_pods(pod_stats(t), 60, t, rng);
    in.events.push_back(stat);
    if (t % 2 == 0) {
      ca::ReplayEvent tick;
      tick.t = t;
      tick.ready_pods = load_at(t).pods;
      in.events.push_back(tick);
    }
  }
  return ca::run_replay(in);
}

// The script: per second, hello's pods and PA (desired = the replay's, but +1 on kDeviating) and a
// second revision bye-00001 whose pod fails 5 scrapes and whose PA is deleted at t = 40.
json script(const ca::ReplayOutput& r) {
  json ticks = json::array();
  std::int32_t desired = 1, ebc = 0;
  for (int t = 0; t < kSeconds; ++t) {
    if (t % 2 == 0) {
      const auto& tick = r.ticks[static_cast<std::size_t>(t / 2)];
      desired = tick.desired;
      ebc = tick.ebc;
    }
    json row;
    for (const auto& s : pod_stats(t))
      row["pods"][s.pod_name] = {{"revision", "hello-00001"},
                                 {"stat", {{"c", s.average_concurrency}, {"rc", s.request_count}, {"up", s.process_uptime}, {"ts", 1765000000 + t}}}};
    row["pas"]["hello-00001"] = {{"desired", desired + (kDeviating.count(t) ? 1 : 0)},
                                 {"actual", load_at(t).pods},
                                 {"annotations", {{"autoscaling.knative.dev/target", "10"}}}};
    row["sks"]["hello-00001"] = knsim::core::api::to_string(ca::sks_spec_mode(desired, ebc, false).mode);
    if (t < 40) {
      row["pods"]["bye-00001-deployment-0"] = {{"revision", "bye-00001"}, {"stat", {{"c", 1.0}, {"up", 500}}}};
      if (t >= 10 && t < 15) row["pods"]["bye-00001-deployment-0"]["status"] = 503;
      row["pas"]["bye-00001"] = {{"desired", 1}, {"actual", 1}};
    }
    ticks.push_back(row);
  }
  return {{"namespace", "shadow"}, {"ticks", ticks}};
}

TEST(ClusterShadow, FiveMinutesAgreeWithCoreReplayAndDeviationsAreReportedOnTheirTicks) {
  FakeCluster fc(scratch("shadow"));
  const auto r = replay();
  ASSERT_TRUE(r.ok());
  fc.admin("/_test/shadow-script", script(r));
  const auto out = fc.dir() / "out";
  const auto res = run_command(knsim_exe() + " cluster shadow --kubeconfig " + fc.token_kubeconfig().string() +
                                   " -n shadow --duration 300s --tick-seconds 0 --stream --out " + out.string(),
                               fc.dir());
  ASSERT_EQ(res.exit_code, 0) << res.err;
  const std::string file = slurp(out / "shadow.jsonl");
  EXPECT_EQ(res.out, file);   // --stream prints exactly the file's lines
  int hello = 0, bye = 0, panics = 0, max_desired = 0;
  for (const json& l : json_lines(file)) {
    const int t = static_cast<int>(l["t"].get<double>());
    if (l["revision"] == "shadow/bye-00001") {
      EXPECT_LT(t, 40) << "a deleted revision is no longer shadowed";
      ++bye;
      continue;
    }
    ASSERT_EQ(l["revision"], "shadow/hello-00001");
    const auto& want = r.ticks[static_cast<std::size_t>(t / 2)];
    const json& twin = l["twin"];
    SCOPED_TRACE("t=" + std::to_string(t));
    ASSERT_TRUE(want.valid);
    EXPECT_EQ(twin["decider_desired"], want.desired);
    EXPECT_EQ(twin["desired"], want.desired);
    EXPECT_EQ(twin["panic"], want.panic);
    EXPECT_EQ(twin["ebc"], want.ebc);
    EXPECT_DOUBLE_EQ(twin["stable"].get<double>(), want.observed_stable);
    EXPECT_DOUBLE_EQ(twin["panic_value"].get<double>(), want.observed_panic);
    EXPECT_EQ(l["real"]["actual"], load_at(t).pods);
    EXPECT_EQ(l["agree"], kDeviating.count(t) == 0);
    EXPECT_TRUE(l["real"]["panic"].is_null() && l["activator"].is_null());   // no Prometheus
    panics += want.panic ? 1 : 0;
    max_desired = std::max(max_desired, want.desired);
    ++hello;
  }
  EXPECT_EQ(hello, kSeconds / 2);
  EXPECT_EQ(bye, 20);
  EXPECT_GT(panics, 0);       // the script does scale up, panic and scale down
  EXPECT_GE(max_desired, 9);
  EXPECT_EQ(r.ticks.back().desired, 1);

  const json s = json::parse(slurp(out / "shadow-summary.json"));
  const json& h = s["revisions"]["shadow/hello-00001"];
  EXPECT_EQ(h["ticks"], 150);
  EXPECT_EQ(h["disagreeing_ticks"], 4);
  EXPECT_DOUBLE_EQ(h["desired_agree"].get<double>(), 146.0 / 150.0);
  EXPECT_DOUBLE_EQ(h["mode_agree"].get<double>(), 1.0);
  EXPECT_EQ(h["largest_difference"], 1);
  EXPECT_EQ(h["largest_difference_t"], 100.0);
  EXPECT_EQ(s["revisions"]["shadow/bye-00001"]["scrape_failures"], 5);
  EXPECT_EQ(s["activator_share"], "missing");
  EXPECT_NE(res.err.find("activator share missing"), std::string::npos) << res.err;
  EXPECT_NE(res.err.find("bye-00001: its PodAutoscaler is gone"), std::string::npos) << res.err;
  EXPECT_NE(res.err.find("scrape of shadow/bye-00001-deployment-0 failed"), std::string::npos) << res.err;
}

TEST(ClusterShadow, MissingPodProxyPermissionIsNamedAndNotFatal) {
  FakeCluster fc(scratch("shadow-403"));
  json row;
  row["pods"]["a-00001-deployment-0"] = {{"revision", "a-00001"}, {"stat", {{"c", 1.0}}}};
  row["pas"]["a-00001"] = {{"desired", 1}, {"actual", 1}};
  fc.admin("/_test/shadow-script", {{"namespace", "shadow"}, {"ticks", json::array({row})}});
  fc.admin("/_test/forbid", {{"verb", "get"}, {"resource", "pods/proxy"}});
  const auto out = fc.dir() / "out";
  const auto res = run_command(knsim_exe() + " cluster shadow --kubeconfig " + fc.token_kubeconfig().string() +
                                   " -n shadow --duration 6s --tick-seconds 0 --out " + out.string(), fc.dir());
  ASSERT_EQ(res.exit_code, 0) << res.err;
  EXPECT_NE(res.err.find("missing permission \"get\" on pods/proxy"), std::string::npos) << res.err;
  const json s = json::parse(slurp(out / "shadow-summary.json"));
  EXPECT_EQ(s["revisions"]["shadow/a-00001"]["scrape_failures"], 6);
  for (const json& l : json_lines(slurp(out / "shadow.jsonl"))) EXPECT_TRUE(l["twin"]["stable"].is_null());
}

// Ctrl-C (SIGINT) ends an open-ended shadow cleanly: exit 0, the lines so far and the summary written.
TEST(ClusterShadow, InterruptWritesTheSummary) {
  FakeCluster fc(scratch("shadow-int"));
  json row;
  row["pods"]["a-00001-deployment-0"] = {{"revision", "a-00001"}, {"stat", {{"c", 3.0}, {"up", 500}}}};
  row["pas"]["a-00001"] = {{"desired", 1}, {"actual", 1}};
  fc.admin("/_test/shadow-script", {{"namespace", "shadow"}, {"ticks", json::array({row})}});
  const auto out = fc.dir() / "out";
  const auto res = run_command("{ " + knsim_exe() + " cluster shadow --kubeconfig " + fc.token_kubeconfig().string() +
                                   " -n shadow --tick-seconds 0.25 --out " + out.string() +
                                   " & p=$!; sleep 3; kill -INT $p; wait $p; }", fc.dir());
  ASSERT_EQ(res.exit_code, 0) << res.err;
  EXPECT_NE(res.err.find("stopped by signal"), std::string::npos) << res.err;
  const json s = json::parse(slurp(out / "shadow-summary.json"));
  const int ticks = s["revisions"]["shadow/a-00001"]["ticks"].get<int>();
  EXPECT_GE(ticks, 2);
  EXPECT_EQ(static_cast<int>(json_lines(slurp(out / "shadow.jsonl")).size()), ticks);
}

// --scrape direct reads the pod IP's :PORT/metrics (plain HTTP, Accept application/protobuf), not
// the API server's pod proxy.
TEST(ClusterShadow, DirectScrapeReadsPodIps) {
  FakeCluster fc(scratch("shadow-direct"));
  json row;
  row["pods"]["a-00001-deployment-0"] = {{"revision", "a-00001"}, {"ip", "127.0.0.1"}, {"stat", {{"c", 3.5}, {"up", 500}}}};
  row["pas"]["a-00001"] = {{"desired", 1}, {"actual", 1}};
  fc.admin("/_test/shadow-script", {{"namespace", "shadow"}, {"ticks", json::array({row})}});
  const int port = fc.admin("/_test/direct-listener")["port"].get<int>();
  const auto out = fc.dir() / "out";
  const auto res = run_command(knsim_exe() + " cluster shadow --kubeconfig " + fc.token_kubeconfig().string() +
                                   " -n shadow --scrape direct --metrics-port " + std::to_string(port) +
                                   " --duration 4s --tick-seconds 0 --out " + out.string(), fc.dir());
  ASSERT_EQ(res.exit_code, 0) << res.err;
  const auto lines = json_lines(slurp(out / "shadow.jsonl"));
  ASSERT_EQ(lines.size(), 2u);
  for (const json& l : lines) {
    EXPECT_EQ(l["scrape"]["pods"], 1);
    EXPECT_DOUBLE_EQ(l["twin"]["stable"].get<double>(), 3.5);
  }
  int direct = 0, proxied = 0;
  for (const json& r : fc.admin("/_test/requests")) {
    const std::string path = r["path"];
    direct += path.rfind("direct:127.0.0.1/metrics", 0) == 0 ? 1 : 0;
    proxied += path.find("/proxy/") != std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(direct, 4);
  EXPECT_EQ(proxied, 0);
}

TEST(ClusterShadow, BadFlagsExitTwo) {
  for (const char* flags : {"--scrape sideways", "--duration soon", "--duration 0s"}) {
    const auto d = scratch("shadow-flags");
    const auto res = run_command(knsim_exe() + " cluster shadow --kubeconfig /nonexistent " + flags, d);
    EXPECT_EQ(res.exit_code, 2) << flags << ": " << res.err;
  }
}

}  // namespace
