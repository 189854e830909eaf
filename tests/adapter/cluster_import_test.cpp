// `knsim cluster import` end to end against the fake API server: clean manifests with the live
// revision names, traffic and tags; then `knsim validate DIR` and `knsim run DIR` succeed and the
// simulation's revisions carry the live names. Errors: 401, 403, unreachable, wrong CA, bad
// kubeconfig, with the right exit codes and never the token in any output.
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/adapter/fake_cluster.hpp"

namespace {
using knsim::test::FakeCluster;
using knsim::test::knsim_exe;
using knsim::test::run_command;
using knsim::test::scratch;
using knsim::test::slurp;
namespace fs = std::filesystem;

std::string all_files_text(const fs::path& dir) {
  std::string all;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) all += slurp(e.path());
  }
  return all;
}

TEST(ClusterImport, RoundTripValidateAndRunWithLiveRevisionNames) {
  FakeCluster fc(scratch("import"));
  const fs::path out = fc.dir() / "imported";
  const auto r = run_command(knsim_exe() + " cluster import --kubeconfig " + fc.token_kubeconfig().string() +
                                 " -n demo --out " + out.string(), fc.dir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 serving revisions"), std::string::npos) << r.out;
  const std::string serving = slurp(out / "serving.yaml");
  const std::string scenario = slurp(out / "scenario.yaml");
  const std::string files = all_files_text(out);
  for (const char* gone : {"status:", "uid:", "resourceVersion", "managedFields", "creationTimestamp", "generation:",
                           "last-applied-configuration", "serving.knative.dev/creator", "_example", "ownerReferences"}) {
    EXPECT_EQ(files.find(gone), std::string::npos) << gone;
  }
  EXPECT_EQ(files.find(FakeCluster::kToken), std::string::npos);
  EXPECT_EQ((r.out + r.err).find(FakeCluster::kToken), std::string::npos);
  // The oldest serving revision first, the live template (hello-00007) and traffic in the timeline.
  EXPECT_NE(serving.find("name: \"hello-00006\""), std::string::npos);
  EXPECT_NE(scenario.find("name: \"hello-00007\""), std::string::npos);
  EXPECT_NE(scenario.find("revisionName: \"hello-00006\""), std::string::npos);
  EXPECT_NE(scenario.find("tag: \"previous\""), std::string::npos);
  EXPECT_NE(scenario.find("percent: 90"), std::string::npos);
  EXPECT_NE(scenario.find("autoscaling.knative.dev/target: \"10\""), std::string::npos);
  EXPECT_NE(scenario.find(R"(knsim.dev/starting-pods: "{\"demo/hello-00007\":3,\"demo/hello-00006\":1}")"), std::string::npos);
  EXPECT_NE(scenario.find("count: 2\n        cpu: \"3920m\""), std::string::npos) << scenario;
  EXPECT_NE(scenario.find("# No workload"), std::string::npos);
  EXPECT_NE(scenario.find("# Imported by `knsim cluster import` from " + fc.server()), std::string::npos);
  // The standalone Configuration and Route, the config maps (without other namespaces' objects).
  EXPECT_NE(serving.find("kind: \"Route\"\nmetadata:\n  name: \"worker\""), std::string::npos);
  EXPECT_EQ(serving.find("namespace: \"other\""), std::string::npos);
  EXPECT_NE(slurp(out / "config.yaml").find("stable-window: \"60s\""), std::string::npos);
  EXPECT_NE(slurp(out / "eventing.yaml").find("kind: \"Trigger\""), std::string::npos);
  // Only reads: every request was a GET.
  for (const auto& req : fc.admin("/_test/requests")) EXPECT_EQ(req["method"], "GET");

  const auto v = run_command(knsim_exe() + " validate " + out.string(), fc.dir());
  ASSERT_EQ(v.exit_code, 0) << v.err << v.out;
  EXPECT_NE(v.out.find("demo/hello: revision hello-00006"), std::string::npos) << v.out;
  const auto run = run_command(knsim_exe() + " run --quiet " + out.string() + " --out " + (fc.dir() / "run").string(), fc.dir());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto summary = nlohmann::json::parse(slurp(fc.dir() / "run" / "summary.json"));
  std::vector<std::string> names;
  for (const auto& rev : summary["revisions"]) names.push_back(rev["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"hello-00006", "hello-00007", "worker-00002"}));
  // The run starts with the imported Ready pods (knsim.dev/starting-pods): 3 of hello-00007 and 1 of
  // hello-00006 Ready at t = 0.
  std::map<std::string, int> ready_at_zero;
  std::istringstream events(slurp(fc.dir() / "run" / "events.jsonl"));
  for (std::string line; std::getline(events, line);) {
    const auto e = nlohmann::json::parse(line);
    if (e["kind"] == "pod_phase" && e["to"] == "Ready" && e["t_s"] == 0.0) ++ready_at_zero[e["revision"]];
  }
  EXPECT_EQ(ready_at_zero["hello-00007"], 3);
  EXPECT_EQ(ready_at_zero["hello-00006"], 1);
}

TEST(ClusterImport, AllNamespacesAndNoEventing) {
  FakeCluster fc(scratch("import-all"), {false, ""});
  const fs::path out = fc.dir() / "all";
  const auto r = run_command(knsim_exe() + " cluster import -A --kubeconfig " + fc.token_kubeconfig().string() +
                                 " --out " + out.string(), fc.dir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Knative Eventing is not installed"), std::string::npos);
  EXPECT_FALSE(fs::exists(out / "eventing.yaml"));
  EXPECT_NE(slurp(out / "serving.yaml").find("name: \"api-00001\""), std::string::npos);
  EXPECT_EQ(run_command(knsim_exe() + " validate " + out.string(), fc.dir()).exit_code, 0);
}

TEST(ClusterImport, ErrorsAreClearAndExitCodesRight) {
  FakeCluster fc(scratch("import-errors"));
  const std::string token = "not-the-token-5e2b";
  struct Case {
    std::string kubeconfig, expect;
    int exit_code;
  };
  fc.admin("/_test/forbid", {{"verb", "list"}, {"resource", "nodes"}});
  const std::vector<Case> cases = {
      {fc.kubeconfig("bad-token", "    token: " + token + "\n").string(), "401 Unauthorized", 1},
      {fc.token_kubeconfig().string(), "missing permission \"list\" on nodes (cluster scope)", 1},
      {fc.kubeconfig("wrong-ca", "    token: " + token + "\n", "    certificate-authority: pki/other-ca.crt\n", false).string(),
       "certificate-authority", 1},
      {fc.kubeconfig("no-users", "    exec: {apiVersion: client.authentication.k8s.io/v1, command: x}\n").string(),
       "interactiveMode", 2},
      {(fc.dir() / "missing-kubeconfig").string(), "no such file", 2},
  };
  for (const auto& c : cases) {
    const auto r = run_command(knsim_exe() + " cluster import --kubeconfig " + c.kubeconfig + " --out " +
                                   (fc.dir() / "never").string(), fc.dir());
    EXPECT_EQ(r.exit_code, c.exit_code) << c.kubeconfig << ": " << r.err;
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(token), std::string::npos) << r.err;
  }
  // Unreachable: a closed port.
  const fs::path closed = fc.dir() / "closed";
  knsim::test::write_text(closed, "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters: [{name: c, cluster: {server: "
                                  "\"https://127.0.0.1:1\"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\n"
                                  "users: [{name: u, user: {token: x}}]\n");
  const auto u = run_command(knsim_exe() + " cluster import --kubeconfig " + closed.string() + " --out x", fc.dir());
  EXPECT_EQ(u.exit_code, 1);
  EXPECT_NE(u.err.find("cannot reach https://127.0.0.1:1"), std::string::npos) << u.err;
  // insecure-skip-tls-verify works, with a warning.
  const auto insecure = fc.kubeconfig("insecure", std::string("    token: ") + FakeCluster::kToken + "\n",
                                      "    insecure-skip-tls-verify: true\n", false);
  const auto w = run_command(knsim_exe() + " cluster import --kubeconfig " + insecure.string() + " --out " +
                                 (fc.dir() / "insecure-out").string(), fc.dir());
  EXPECT_NE(w.err.find("WARNING: insecure-skip-tls-verify"), std::string::npos) << w.err;
  EXPECT_EQ(w.exit_code, 1);   // the forbidden node list still stops it
}

}  // namespace
