// Eventing producers driven by a trace (csv and jsonl): one event per trace row inside the run,
// at the row's time. Counts worked out by hand. One run per process (every TEST its own process).
#include "tests/sim/eventing_test_util.hpp"

namespace knsim::sim {
namespace {

using namespace eventing_test;

std::string trace_scenario(const std::string& format, const std::string& file) {
  return std::string(R"(
apiVersion: eventing.knative.dev/v1
kind: Broker
metadata: {name: default}
---
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: {name: all}
spec:
  broker: default
  subscriber: {uri: http://sink.example.com}
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: trace-producer}
spec:
  duration: 10s
)") + kCluster + R"(
  eventing:
    producers:
      - {name: p, broker: default, type: T, arrivals: {trace: {format: )" +
         format + ", file: " + file + R"(}}}
    subscribers:
      - {uri: http://sink.example.com, latency: 1ms}
)";
}

// Each delivery_attempt is emitted when the subscriber's answer is back: a few ms (hops + 1 ms)
// after the trace row's time; `times` are the rows inside the run, in time order.
void expect_attempts_at(const Outputs& o, const std::vector<double>& times) {
  ASSERT_EQ(o.attempts.size(), times.size());
  for (std::size_t i = 0; i < times.size(); ++i) {
    const double t = o.attempts[i]["t_s"].get<double>();
    EXPECT_GE(t, times[i]) << i;
    EXPECT_LT(t, times[i] + 0.05) << i;
    EXPECT_EQ(o.attempts[i]["outcome"], "delivered") << i;
  }
}

TEST(EventingProducer, CsvTraceSendsOneEventPerRowInsideTheRun) {
  // Rows 1.5, 0.5, 7, 12, 1.0 (out of order: sorted) in a 10 s run: 12 is past the end, so 4
  // events at 0.5, 1.0, 1.5 and 7 s, all delivered by the trigger.
  const Outputs o = run_yaml(trace_scenario("csv", "tr.csv"),
                             {{"tr.csv", "timestamp,service\n1.5,x\n0.5,x\n7,x\n12,x\n1.0,x\n"}});
  const auto& ev = o.summary["eventing"];
  const auto p = find(ev["sources"], "producer/p");
  EXPECT_EQ(p["sent"], 4);
  EXPECT_EQ(p["accepted"], 4);
  EXPECT_EQ(p["failed"], 0);
  const auto t = find(ev["triggers"], "default/all");
  EXPECT_EQ(t["received"], 4);
  EXPECT_EQ(t["delivered"], 4);
  expect_attempts_at(o, {0.5, 1.0, 1.5, 7.0});
  expect_balanced(o.summary);
  end_process();
}

TEST(EventingProducer, JsonlTraceSendsOneEventPerLineInsideTheRun) {
  // Lines t = 0.25, 3, 9.5, 10 (a blank line skipped): 10 is not before the 10 s end, so 3 events.
  const Outputs o = run_yaml(trace_scenario("jsonl", "tr.jsonl"),
                             {{"tr.jsonl", "{\"t\": 0.25}\n\n{\"t\": 3}\n{\"t\": 9.5, \"service\": \"x\"}\n{\"t\": 10}\n"}});
  const auto& ev = o.summary["eventing"];
  const auto p = find(ev["sources"], "producer/p");
  EXPECT_EQ(p["sent"], 3);
  EXPECT_EQ(p["accepted"], 3);
  const auto t = find(ev["triggers"], "default/all");
  EXPECT_EQ(t["received"], 3);
  EXPECT_EQ(t["delivered"], 3);
  expect_attempts_at(o, {0.25, 3.0, 9.5});
  expect_balanced(o.summary);
  end_process();
}

}  // namespace
}  // namespace knsim::sim
