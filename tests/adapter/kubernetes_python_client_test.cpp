// The fake API server checked with Debian's official client (python3-kubernetes): it must speak
// what real clients speak (tests/adapter/python_client_check.py).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/adapter/fake_cluster.hpp"

namespace {
using knsim::test::FakeCluster;

TEST(FakeApiServer, OfficialPythonClientListsPagesDecodesAndWatches) {
  FakeCluster fc(knsim::test::scratch("pyclient"));
  const auto r = knsim::test::run_command(
      knsim::test::system_python() + " " + (knsim::test::source_dir() / "tests/adapter/python_client_check.py").string() +
          " " + fc.token_kubeconfig().string(),
      fc.dir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NE(std::find(j["groups"].begin(), j["groups"].end(), "serving.knative.dev"), j["groups"].end());
  EXPECT_EQ(j["revisions"], nlohmann::json({"hello-00005", "hello-00006", "hello-00007", "worker-00002"}));
  EXPECT_EQ(j["pages"], 2);
  EXPECT_EQ(j["nodes"]["node-3"], "7910m");
  EXPECT_EQ(j["pods"].size(), 3u);
  EXPECT_EQ(j["watch"][0], nlohmann::json({"ADDED", "hello"}));
}

}  // namespace
