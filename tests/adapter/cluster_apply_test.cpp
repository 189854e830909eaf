// `knsim cluster apply` against the fake API server: the difference is printed, every write is a
// server-side apply dry run (dryRun=All, fieldManager=knsim, force=false) unless --yes; conflicts
// and webhook rejections are shown and stop --yes; with --yes and clean dry runs the changes land.
#include <gtest/gtest.h>

#include <regex>

#include "tests/adapter/fake_cluster.hpp"

namespace {
using knsim::test::FakeCluster;
using knsim::test::knsim_exe;
using knsim::test::run_command;
using knsim::test::scratch;
using knsim::test::slurp;
using knsim::test::write_text;
namespace fs = std::filesystem;

// The imported folder with some text replaced in one of its files.
void edit(const fs::path& file, const std::string& from, const std::string& to) {
  std::string s = slurp(file);
  const auto at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
  write_text(file, s);
}

std::vector<nlohmann::json> patches(const FakeCluster& fc) {
  std::vector<nlohmann::json> out;
  for (const auto& r : fc.admin("/_test/requests")) {
    if (r["method"] != "GET") out.push_back(r);
  }
  return out;
}

TEST(ClusterApply, DryRunByDefaultConflictsShownYesWrites) {
  FakeCluster fc(scratch("apply-cli"));
  const std::string kc = fc.token_kubeconfig().string();
  const fs::path dir = fc.dir() / "scenario";
  ASSERT_EQ(run_command(knsim_exe() + " cluster import --kubeconfig " + kc + " -n demo --out " + dir.string(), fc.dir()).exit_code, 0);
  // Unchanged: nothing to apply, nothing sent.
  auto r = run_command(knsim_exe() + " cluster apply --kubeconfig " + kc + " " + dir.string(), fc.dir());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("nothing to apply"), std::string::npos) << r.out;
  EXPECT_TRUE(patches(fc).empty());

  // A new annotation and a new config-autoscaler key: clean dry runs, nothing written without --yes.
  edit(dir / "scenario.yaml", "autoscaling.knative.dev/target: \"10\"\n              name: \"hello-00007\"",
       "autoscaling.knative.dev/target: \"10\"\n                autoscaling.knative.dev/window: \"90s\"\n              name: \"hello-00007\"");
  edit(dir / "config.yaml", "stable-window: \"60s\"", "stable-window: \"60s\"\n  max-scale-up-rate: \"500\"");
  r = run_command(knsim_exe() + " cluster apply --kubeconfig " + kc + " " + dir.string(), fc.dir());
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("autoscaling.knative.dev/window: (not set) -> \"90s\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("max-scale-up-rate: (not set) -> \"500\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Dry run only: nothing was written"), std::string::npos);
  auto sent = patches(fc);
  ASSERT_EQ(sent.size(), 2u);
  for (const auto& p : sent) {
    EXPECT_EQ(p["method"], "PATCH");
    EXPECT_EQ(p["query"]["dryRun"], "All");
    EXPECT_EQ(p["query"]["fieldManager"], "knsim");
    EXPECT_EQ(p["query"]["force"], "false");
    EXPECT_EQ(p["content_type"], "application/apply-patch+yaml");
  }

  // A field another manager owns (target 10 -> 20) and a value the webhook rejects: shown, --yes refuses.
  edit(dir / "scenario.yaml", "autoscaling.knative.dev/target: \"10\"\n                autoscaling.knative.dev/window",
       "autoscaling.knative.dev/target: \"20\"\n                autoscaling.knative.dev/window");
  edit(dir / "config.yaml", "max-scale-up-rate: \"500\"", "max-scale-up-rate: \"0.5\"");
  r = run_command(knsim_exe() + " cluster apply --yes --kubeconfig " + kc + " " + dir.string(), fc.dir());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("CONFLICT with another field manager"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kubectl-client-side-apply"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("config.webhook.serving.knative.dev"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Not applying"), std::string::npos);
  sent = patches(fc);
  for (const auto& p : sent) EXPECT_EQ(p["query"]["dryRun"], "All") << p.dump();

  // Back to clean changes: --yes writes them, once each, after the dry runs.
  edit(dir / "scenario.yaml", "autoscaling.knative.dev/target: \"20\"", "autoscaling.knative.dev/target: \"10\"");
  edit(dir / "config.yaml", "max-scale-up-rate: \"0.5\"", "max-scale-up-rate: \"500\"");
  const std::size_t before = patches(fc).size();
  r = run_command(knsim_exe() + " cluster apply --yes --kubeconfig " + kc + " " + dir.string(), fc.dir());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("applied Service demo/hello"), std::string::npos) << r.out;
  sent = patches(fc);
  ASSERT_EQ(sent.size(), before + 4);
  EXPECT_FALSE(sent.back()["query"].contains("dryRun"));
  // The live objects now carry the settings, owned by knsim.
  const auto again = run_command(knsim_exe() + " cluster apply --kubeconfig " + kc + " " + dir.string(), fc.dir());
  EXPECT_NE(again.out.find("nothing to apply"), std::string::npos) << again.out;
  EXPECT_EQ((r.out + r.err + again.out).find(FakeCluster::kToken), std::string::npos);
}

TEST(ClusterApply, BadScenarioPathIsInvalidInput) {
  FakeCluster fc(scratch("apply-bad"));
  write_text(fc.dir() / "broken.yaml", "a: [\n");
  const auto r = run_command(knsim_exe() + " cluster apply --kubeconfig " + fc.token_kubeconfig().string() + " " +
                                 (fc.dir() / "broken.yaml").string(), fc.dir());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.yaml:"), std::string::npos) << r.err;
}

}  // namespace
