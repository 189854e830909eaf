// Sweeps beyond one machine: every shard run locally with JOB_COMPLETION_INDEX set (as the Job's
// pods get it), `knsim sweep collect` giving exactly the local sweep's files; the --k8s-job manifest
// checked against batch/v1 Job rules and by python3-kubernetes' models, and its pods' command run
// here to show it produces the shards.
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include "plan/k8s_job.hpp"
#include "tests/plan/plan_cli_support.hpp"

namespace knsim::plan::test {
namespace {

const std::string kParams = " --param config-autoscaler.stable-window=6s,60s --param config-autoscaler.target-burst-capacity=0,200"
                            " --set scenario.duration=4m --seeds 2 --quiet";

void expect_same_files(const fs::path& a, const fs::path& b) {
  for (const char* f : {"results.csv", "summary.csv", "pareto.csv", "report.html", "sweep.json"}) {
    ASSERT_TRUE(fs::exists(b / f)) << f;
    EXPECT_TRUE(slurp(a / f) == slurp(b / f)) << f << " differs";
  }
}

TEST(SweepShards, CollectGivesExactlyTheLocalSweep) {
  const auto dir = temp_dir("shards");
  const std::string s = scenario("scale-to-zero.yaml");
  ASSERT_EQ(run("sweep " + s + kParams + " --jobs 2 --out " + (dir / "local").string()).code, 0);
  for (int i = 0; i < 3; ++i) {
    const auto r = run("sweep shard " + s + kParams + " --jobs 1 --of 3 --out " + (dir / "k8s").string(),
                       "JOB_COMPLETION_INDEX=" + std::to_string(i));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "k8s" / ("shard-000" + std::to_string(i)) / "results.csv"));
  }
  // 8 runs over 3 shards: 3, 3, 2 rows (run index mod 3).
  EXPECT_EQ(std::count(std::istreambuf_iterator<char>(std::ifstream(dir / "k8s" / "shard-0002" / "results.csv").rdbuf()), {}, '\n'), 3);
  const auto c = run("sweep collect " + (dir / "k8s").string() + " --out " + (dir / "merged").string());
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_NE(c.out.find("8 of 8 runs"), std::string::npos) << c.out;
  expect_same_files(dir / "local", dir / "merged");
  EXPECT_TRUE(fs::exists(dir / "merged" / "runs" / "p0003-s4" / "summary.json"));
  // Shard folders named one by one work the same.
  const auto c2 = run("sweep collect " + (dir / "k8s" / "shard-0002").string() + " " + (dir / "k8s" / "shard-0000").string() +
                      " " + (dir / "k8s" / "shard-0001").string() + " --out " + (dir / "merged2").string());
  ASSERT_EQ(c2.code, 0) << c2.err;
  expect_same_files(dir / "local", dir / "merged2");
  // A missing shard: files written from what is there, exit 1, the gap named.
  fs::remove_all(dir / "k8s" / "shard-0001");
  const auto c3 = run("sweep collect " + (dir / "k8s").string() + " --out " + (dir / "partial").string());
  EXPECT_EQ(c3.code, 1);
  EXPECT_NE(c3.err.find("shard 1 of 3 is missing"), std::string::npos) << c3.err;
  EXPECT_NE(c3.err.find("3 of 8 runs have no row"), std::string::npos) << c3.err;
  // Not a shard folder, or a shard of another sweep: invalid input.
  EXPECT_EQ(run("sweep collect " + (dir / "local").string() + " --out " + (dir / "x").string()).code, 2);
  ASSERT_EQ(run("sweep shard " + s + kParams + " --set scenario.duration=3m --index 1 --of 3 --out " + (dir / "other").string()).code, 0);
  const auto c4 = run("sweep collect " + (dir / "k8s" / "shard-0000").string() + " " + (dir / "other" / "shard-0001").string() +
                      " --out " + (dir / "y").string());
  EXPECT_EQ(c4.code, 2);
  EXPECT_NE(c4.err.find("different sweep"), std::string::npos) << c4.err;
  // Bad shard flags.
  EXPECT_EQ(run("sweep shard " + s + kParams + " --of 3 --out " + (dir / "z").string()).code, 2);  // no index anywhere
  EXPECT_EQ(run("sweep shard " + s + kParams + " --index 3 --of 3 --out " + (dir / "z").string()).code, 2);
  EXPECT_EQ(run("sweep shard " + s + kParams + " --of 3 --out " + (dir / "z").string(), "JOB_COMPLETION_INDEX=x").code, 2);
  fs::remove_all(dir);
}

TEST(SweepK8sJob, ManifestIsAValidIndexedJobWhosePodsProduceTheShards) {
  const auto dir = temp_dir("job");
  fs::create_directories(dir);
  const std::string s = scenario("scale-to-zero.yaml");
  const auto r = run("sweep " + s + kParams + " --k8s-job " + (dir / "job.yaml").string() +
                     " --shards 3 --image registry.example.com/knsim:0.1 --out results");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(fs::exists(dir / "results")) << "writing the Job runs nothing";
  const YAML::Node job = YAML::LoadFile((dir / "job.yaml").string());
  EXPECT_EQ(job["apiVersion"].as<std::string>(), "batch/v1");
  EXPECT_EQ(job["kind"].as<std::string>(), "Job");
  const std::string name = job["metadata"]["name"].as<std::string>();
  EXPECT_EQ(name, "knsim-sweep-scale-to-zero");
  EXPECT_EQ(k8s_job_name("Knsim Sweep: Ünïcode/..x--"), "knsim-sweep-n-code-x");  // DNS-1123 label: [a-z0-9-]
  const YAML::Node spec = job["spec"];
  EXPECT_EQ(spec["completionMode"].as<std::string>(), "Indexed");
  EXPECT_EQ(spec["completions"].as<int>(), 3);
  EXPECT_EQ(spec["parallelism"].as<int>(), 3);
  EXPECT_GE(spec["backoffLimitPerIndex"].as<int>(), 0);
  const YAML::Node pod = spec["template"]["spec"];
  EXPECT_EQ(pod["restartPolicy"].as<std::string>(), "Never");  // required with backoffLimitPerIndex
  ASSERT_EQ(pod["containers"].size(), 1u);
  const YAML::Node c = pod["containers"][0];
  EXPECT_EQ(c["image"].as<std::string>(), "registry.example.com/knsim:0.1");
  EXPECT_EQ(c["env"][0]["name"].as<std::string>(), "JOB_COMPLETION_INDEX");
  EXPECT_EQ(c["env"][0]["valueFrom"]["fieldRef"]["fieldPath"].as<std::string>(),
            "metadata.annotations['batch.kubernetes.io/job-completion-index']");
  EXPECT_EQ(c["volumeMounts"][0]["mountPath"].as<std::string>(), c["workingDir"].as<std::string>());
  EXPECT_EQ(pod["volumes"][0]["name"].as<std::string>(), c["volumeMounts"][0]["name"].as<std::string>());

  // python3-kubernetes' models take it as a V1Job.
  const std::string check = "/usr/bin/python3 " + (knsim::test::source_dir() / "tests" / "plan" / "k8s_job_check.py").string() + " " +
                            (dir / "job.yaml").string();
  std::string out;
  EXPECT_EQ(knsim::test::run_shell(check, &out), 0) << out;
  EXPECT_EQ(out.rfind("ok Indexed 3 3", 0), 0u) << out;

  // Each pod's command, run here as the kubelet would (workingDir, $(JOB_COMPLETION_INDEX) expanded),
  // then collect: the local sweep's files.
  std::vector<std::string> args;
  for (const auto& a : c["args"]) args.push_back(a.as<std::string>());
  ASSERT_GE(args.size(), 2u);
  EXPECT_EQ(args[0], "sweep");
  EXPECT_EQ(args[1], "shard");
  fs::create_directories(dir / "data");
  for (int i = 0; i < 3; ++i) {
    std::string cmd = "cd " + (dir / "data").string() + " && JOB_COMPLETION_INDEX=" + std::to_string(i) + " " + knsim();
    for (const auto& a : args) cmd += " '" + (a == "$(JOB_COMPLETION_INDEX)" ? std::to_string(i) : a) + "'";
    EXPECT_EQ(std::system((cmd + " >/dev/null 2>&1").c_str()), 0) << cmd;
  }
  ASSERT_EQ(run("sweep " + s + kParams + " --jobs 2 --out " + (dir / "local").string()).code, 0);
  ASSERT_EQ(run("sweep collect " + (dir / "data" / "results").string() + " --out " + (dir / "merged").string()).code, 0);
  expect_same_files(dir / "local", dir / "merged");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace knsim::plan::test
