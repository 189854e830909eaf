// Hostile input (issue 17): each case a user or a live cluster could send, from the outside through the
// built `knsim` binary. Every one must end in a clear message naming the file, the field and, for
// knsim's own bounds, the limit (manifests/limits.hpp) with exit 2, or run as Knative would: never a
// crash, a hang or a blow-up. docs/input-safety.md lists the decision for each case and why.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli.hpp"

namespace {

namespace fs = std::filesystem;

using Result = knsim::test::CliResult;
using knsim::test::slurp;

// binary_dir()/test-scratch/hostile.<test>: the test's inputs and outputs, kept between calls.
fs::path scratch() {
  return knsim::test::test_dir(std::string("hostile.") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

// Runs `knsim ARGS` (ARGS already quoted) with a 60 s guard against hangs.
Result knsim(const std::string& args) { return knsim::test::run_knsim(args, "", 60); }

fs::path write(const std::string& name, const std::string& text) {
  const fs::path p = scratch() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

// One Service and a Scenario with the knobs the cases turn.
struct Knobs {
  std::string annotations = "{}", memory = "64Mi", timeout, duration = "10s", sample, nodes = "1";
  std::string arrivals = "{poisson: {rate: 5}}", extra, timeline, traffic;
};

std::string scenario(const Knobs& k) {
  std::string s =
      "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello}\nspec:\n  template:\n"
      "    metadata:\n      annotations: " + k.annotations + "\n    spec:\n" +
      (k.timeout.empty() ? "" : "      " + k.timeout + "\n") +
      "      containers:\n        - image: example.com/hello:1\n"
      "          resources: {requests: {cpu: 100m, memory: " + k.memory + "}}\n" +
      (k.traffic.empty() ? "" : "  traffic: " + k.traffic + "\n");
  s += k.extra;
  s += "---\napiVersion: knsim.dev/v1alpha1\nkind: Scenario\nmetadata: {name: hostile}\nspec:\n  duration: " +
       k.duration + "\n" + (k.sample.empty() ? "" : "  " + k.sample + "\n") +
       "  cluster:\n    nodePools: [{name: w, count: " + k.nodes + ", cpu: 4, memory: 16Gi}]\n"
       "  workloads:\n    - {service: hello, arrivals: " + k.arrivals + ", request: {cpu: 10ms}}\n" + k.timeline;
  return s;
}

struct Case {
  std::string name;
  Knobs knobs;
  int code;
  std::string err;  // must appear on stderr ("" = nothing to check)
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class HostileValidate : public ::testing::TestWithParam<Case> {};

TEST_P(HostileValidate, EndsWithAClearAnswer) {
  const Case& c = GetParam();
  const fs::path file = write("scenario.yaml", scenario(c.knobs));
  const Result r = knsim("validate '" + file.string() + "'");
  EXPECT_EQ(r.code, c.code) << r.err;
  const std::string said = r.out + r.err;  // "valid" on stdout, problems and warnings on stderr
  EXPECT_NE(said.find(c.err), std::string::npos) << "want '" << c.err << "' in:\n" << said << r.err;
  if (c.code == 2) {
    EXPECT_NE(r.err.find("scenario.yaml:"), std::string::npos) << r.err;  // file:line
  }
}

Knobs with(std::string Knobs::*field, std::string value) {
  Knobs k;
  k.*field = std::move(value);
  return k;
}

const std::string kChannel =
    "---\napiVersion: messaging.knative.dev/v1\nkind: InMemoryChannel\nmetadata: {name: ch}\n";

const Case kCases[] = {
    {"Baseline", {}, 0, "valid"},
    // Knative has no bound here; knsim names its own (manifests/limits.hpp).
    {"Duration100000h", with(&Knobs::duration, "100000h"), 2, "spec.duration: at most 2160h0m0s"},
    {"DurationOverflowingGo", with(&Knobs::duration, "9999999999999999h"), 2, "spec.duration"},
    {"SampleInterval1ns", with(&Knobs::sample, "sampleInterval: 1ns"), 2, "spec.sampleInterval: at least 100ms"},
    {"TooManySamplesNamesTheFix", [] { Knobs k; k.duration = "720h"; return k; }(), 2,
     "set spec.sampleInterval to at least 2.592s"},
    {"Rate1e9", with(&Knobs::arrivals, "{poisson: {rate: 1e9}}"), 2, "at most 100000 per second"},
    {"StepRate1e6", with(&Knobs::arrivals, "{steps: [{at: 0s, rate: 1e6}]}"), 2, "at most 100000 per second"},
    // The documented maximum is accepted (memory is linear in the nodes since the star zone) ...
    {"Nodes100000", with(&Knobs::nodes, "100000"), 0, "valid"},
    // ... one more is not.
    {"Nodes100001", with(&Knobs::nodes, "100001"), 2, "count: must be in [1, 100000], got 100001"},
    {"MinScaleMillion", with(&Knobs::annotations, "{autoscaling.knative.dev/min-scale: \"1000000\"}"), 2,
     "at most 10000 pods per revision"},
    {"InitialScaleMillion", with(&Knobs::annotations, "{autoscaling.knative.dev/initial-scale: \"1000000\"}"), 2,
     "at most 10000 pods per revision"},
    {"ConfigMapMinScaleMillion",
     with(&Knobs::extra, "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-autoscaler, namespace: "
                         "knative-serving}\ndata:\n  min-scale: \"1000000\"\n"),
     2, "data.min-scale: at most 10000 pods per revision"},
    // Nonsense Knative's webhook (or Kubernetes) rejects, or that knsim must not take.
    {"TargetNaN", with(&Knobs::annotations, "{autoscaling.knative.dev/target: \"NaN\"}"), 2, "invalid value: NaN"},
    {"TargetInf", with(&Knobs::annotations, "{autoscaling.knative.dev/target: \"+Inf\"}"), 2, "invalid value"},
    {"TargetBurstCapacityNaN", with(&Knobs::annotations, "{autoscaling.knative.dev/target-burst-capacity: \"NaN\"}"), 2,
     "invalid value: NaN"},
    {"PanicThresholdNaN", with(&Knobs::annotations, "{autoscaling.knative.dev/panic-threshold-percentage: \"nan\"}"), 2,
     "invalid value"},
    {"NegativeMemory", with(&Knobs::memory, "-1Gi"), 2, "must be greater than or equal to 0"},
    // timeoutSeconds 0 is "not set" in Knative: defaulted, valid.
    {"TimeoutSecondsZero", with(&Knobs::timeout, "timeoutSeconds: 0"), 0, "valid"},
    {"DeleteTwice",
     with(&Knobs::timeline, "  timeline:\n    - {at: 2s, delete: {kind: Service, name: hello}}\n"
                            "    - {at: 4s, delete: {kind: Service, name: hello}}\n"),
     2, "is already deleted at 2s"},
    {"DeletePod", with(&Knobs::timeline, "  timeline:\n    - {at: 2s, delete: {kind: Pod, name: hello-1}}\n"), 2,
     "knsim does not simulate kind Pod"},
    {"RouteWithTheServicesName",
     with(&Knobs::extra, "---\napiVersion: serving.knative.dev/v1\nkind: Route\nmetadata: {name: hello}\nspec:\n"
                         "  traffic: [{configurationName: hello, percent: 100}]\n"),
     2, "has the name of Service hello's own Route"},
    {"ConfigurationWithTheServicesName",
     with(&Knobs::extra, "---\napiVersion: serving.knative.dev/v1\nkind: Configuration\nmetadata: {name: hello}\n"
                         "spec:\n  template:\n    spec:\n      containers: [{image: example.com/x:1}]\n"),
     2, "has the name of Service hello's own Configuration"},
    {"SubscriptionFeedingItsOwnChannel",
     with(&Knobs::extra, kChannel + "---\napiVersion: messaging.knative.dev/v1\nkind: Subscription\n"
                                    "metadata: {name: loop}\nspec:\n  channel: {apiVersion: messaging.knative.dev/v1, "
                                    "kind: InMemoryChannel, name: ch}\n  subscriber: {ref: {apiVersion: "
                                    "messaging.knative.dev/v1, kind: InMemoryChannel, name: ch}}\n"),
     2, "delivery cycle: Subscription default/loop"},
    {"SubscriptionReplyingToItsOwnChannel",
     with(&Knobs::extra, kChannel + "---\napiVersion: messaging.knative.dev/v1\nkind: Subscription\n"
                                    "metadata: {name: echo}\nspec:\n  channel: {apiVersion: messaging.knative.dev/v1, "
                                    "kind: InMemoryChannel, name: ch}\n  subscriber: {ref: {apiVersion: "
                                    "serving.knative.dev/v1, kind: Service, name: hello}}\n  reply: {ref: {apiVersion: "
                                    "messaging.knative.dev/v1, kind: InMemoryChannel, name: ch}}\n"),
     2, "delivery cycle"},
    {"SequenceStepIsItself",
     with(&Knobs::extra, "---\napiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata: {name: s}\nspec:\n"
                         "  steps:\n    - ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: s}\n"),
     2, "delivery cycle: Sequence default/s"},
    {"TwoSequencesNamingEachOther",
     with(&Knobs::extra, "---\napiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata: {name: a}\nspec:\n"
                         "  steps:\n    - ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: b}\n"
                         "---\napiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata: {name: b}\nspec:\n"
                         "  steps:\n    - ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: a}\n"),
     2, "delivery cycle"},
    // Knative accepts traffic to a Revision that never exists; the Route is not Ready: a warning.
    {"TrafficToARevisionThatNeverExists", with(&Knobs::traffic, "[{revisionName: hello-nope, percent: 100}]"), 0,
     "Revision default/hello-nope never exists in the scenario"},
    {"TrafficToAGeneratedRevision", with(&Knobs::traffic, "[{revisionName: hello-00001, percent: 100}]"), 0, "valid"},
    {"SequenceWithoutCycle",
     with(&Knobs::extra, "---\napiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata: {name: a}\nspec:\n"
                         "  steps:\n    - ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: hello}\n"
                         "    - ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: hello}\n"),
     0, "valid"},
    {"ContainerSourceMillionPerSecond",
     with(&Knobs::extra, "---\napiVersion: sources.knative.dev/v1\nkind: ContainerSource\nmetadata:\n  name: c\n"
                         "  annotations: {knsim.dev/rate: \"1e6\"}\nspec:\n  template: {}\n  sink: {uri: "
                         "http://x.example.com}\n"),
     2, "between 0 and 100000"},
};

INSTANTIATE_TEST_SUITE_P(Cases, HostileValidate, ::testing::ValuesIn(kCases),
                         [](const auto& p) { return p.param.name; });

// ---- knsim run and the command line ----

TEST(HostileRun, NegativeSeedIsInvalid) {
  const fs::path file = write("s.yaml", scenario({}));
  const Result r = knsim("run '" + file.string() + "' --quiet --seed -1 --out '" + (scratch() / "out").string() + "'");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("--seed"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(scratch() / "out" / "summary.json"));
}

TEST(HostileRun, UnknownSetConfigMapIsInvalid) {
  const fs::path file = write("s.yaml", scenario({}));
  const Result r = knsim("run '" + file.string() + "' --quiet --set config-autoscalr.stable-window=30s --out '" +
                         (scratch() / "out").string() + "'");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("unknown ConfigMap config-autoscalr"), std::string::npos) << r.err;
}

TEST(HostileRun, SetDurationKeepsTheBounds) {
  const fs::path file = write("s.yaml", scenario({}));
  const Result r = knsim("run '" + file.string() + "' --quiet --set scenario.duration=2000h --out '" +
                         (scratch() / "out").string() + "'");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("set spec.sampleInterval to at least 7.2s"), std::string::npos) << r.err;
}

TEST(HostileRun, UnknownCommandWithHelpIsInvalid) {
  const Result r = knsim("foo --help");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown command 'foo'"), std::string::npos) << r.err;
  EXPECT_EQ(knsim("run --help").code, 0);  // a real command's help still works
}

// Ctrl-C: exit 130 (128 + SIGINT), a message naming the simulated time reached, and no outputs at
// all (none of them half written; summary.json would mark a finished run).
TEST(HostileRun, CtrlCExits130WithoutOutputs) {
  Knobs k;
  k.duration = "2000h";  // 36 million requests: never finishes in 2 s
  k.sample = "sampleInterval: 10s";
  const fs::path file = write("s.yaml", scenario(k));
  const fs::path out = scratch() / "out";
  const std::string bin = knsim::test::knsim_exe();
  const fs::path script = write("ctrl-c.sh", "'" + bin + "' run '" + file.string() + "' --quiet --out '" +
                                                 out.string() + "' 2>'" + (scratch() / "err.txt").string() +
                                                 "' &\npid=$!\nsleep 2\nkill -INT $pid\nwait $pid\n");
  const int status = std::system(("bash '" + script.string() + "'").c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130) << slurp(scratch() / "err.txt");
  EXPECT_NE(slurp(scratch() / "err.txt").find("interrupted"), std::string::npos);  // at t=..., or while loading
  EXPECT_FALSE(fs::exists(out / "summary.json"));
  EXPECT_FALSE(fs::exists(out / "timeseries.csv"));
}

// The stream's `quit` writes what was simulated, and summary.json says the run did not complete.
TEST(HostileRun, StreamQuitMarksTheSummaryIncomplete) {
  const fs::path file = write("s.yaml", scenario({}));
  const fs::path out = scratch() / "out";
  const fs::path commands = write("commands.txt", "quit\n");
  const Result r = knsim("run '" + file.string() + "' --stream --start-paused --out '" + out.string() + "' <'" +
                         commands.string() + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  const std::string summary = slurp(out / "summary.json");
  EXPECT_NE(summary.find("\"completed\": false"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"stopped_at_s\": 0.0"), std::string::npos) << summary;
}

// Traffic to a Revision that never exists: a warning, and the run simulates the Route that is not
// Ready: every request fails with no route.
TEST(HostileRun, TrafficToAMissingRevisionFailsAsNoRoute) {
  Knobs k;
  k.traffic = "[{revisionName: hello-nope, percent: 100}]";
  const fs::path file = write("s.yaml", scenario(k));
  const fs::path out = scratch() / "out";
  const Result r = knsim("run '" + file.string() + "' --out '" + out.string() + "'");  // not --quiet: warnings
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("never exists"), std::string::npos) << r.err;
  const std::string summary = slurp(out / "summary.json");
  EXPECT_NE(summary.find("\"succeeded\": 0,"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("\"no_route\": 0,"), std::string::npos) << summary;
}

// knsim validate reads traces in full: a bad row is found before `run`.
TEST(HostileRun, ValidateReadsTracesFully) {
  write("trace.csv", "timestamp,duration\n0.5,0.1\n1.0,0.1\nnoon,0.1\n");
  Knobs k;
  k.arrivals = "{trace: {format: csv, file: trace.csv}}";
  const fs::path file = write("s.yaml", scenario(k));
  const Result r = knsim("validate '" + file.string() + "'");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("trace.csv:4: field 'timestamp'"), std::string::npos) << r.err;
}

}  // namespace
