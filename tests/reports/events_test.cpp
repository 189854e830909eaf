#include "reports/events.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace knsim::reports {
namespace {

TEST(Events, EveryKindRoundTripsThroughJson) {
  const std::vector<Event> events = {
      {2, AutoscalerDecision{"hello-00001", 3, 12.5, 25, 30, 10, 2, true, "panic: desired up"}},
      {3, PodPhaseChange{"hello-00001-deployment-0", "hello-00001", "worker-0", "Pending", "Scheduled", "fits"}},
      {4, ModeSwitch{"hello-00001", "Serve", "ebc >= 0"}},
      {5, PanicChange{"hello-00001", true, "panic threshold 200% reached"}},
      {6, PanicChange{"hello-00001", false, "stable window"}},
      {7, TrafficChange{"default/hello", {{"hello-00001", "", 70}, {"hello-00002", "canary", 30}}, "route"}},
      {8, NodeChange{"worker-1", false, 2, 5, "timeline"}},
      {9, NodeChange{"worker-1", true, 0, 0, "timeline"}},
      {10, TimelineActionEvent{"apply", "hello-v2.yaml"}},
      {11, RequestFailureSummary{"hello-00002", "overflow_503", 4, 1}},
      {12, ColdStart{"hello-00001", "hello-00001-deployment-1", 2.5, 3}},
      {13, ScaleEvent{"hello-00001", 1, 3, "autoscaler"}},
      {14, DeliveryAttempt{"default/orders", "", "p-1", 2, 500, "reply_retry"}},
      {15, ObjectChangeEvent{"serving.knative.dev/v1", "Revision", "default", "hello-00002", "update", "Ready"}},
  };
  const char* kinds[] = {"autoscaler_decision", "pod_phase", "mode_switch", "panic_start", "panic_end", "traffic_change",
                         "node_fail", "node_recover", "timeline_action", "request_failures", "cold_start", "scale",
                         "delivery_attempt", "object_change"};
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto j = event_to_json(events[i]);
    EXPECT_EQ(j["kind"], kinds[i]);
    EXPECT_EQ(j.begin().key(), "t_s");  // fixed key order: t_s, kind, payload
    std::string error;
    const auto back = event_from_json(nlohmann::json::parse(j.dump()), &error);
    ASSERT_TRUE(back.has_value()) << kinds[i] << ": " << error;
    EXPECT_EQ(event_to_json(*back).dump(), j.dump());
  }
  EXPECT_EQ(event_to_json(events[0]).dump(),
            "{\"t_s\":2.0,\"kind\":\"autoscaler_decision\",\"revision\":\"hello-00001\",\"desired_pods\":3,"
            "\"excess_burst_capacity\":12.5,\"observed_stable\":25.0,\"observed_panic\":30.0,\"target\":10.0,"
            "\"ready_pods\":2,\"panic\":true,\"reason\":\"panic: desired up\"}");
  EXPECT_EQ(event_to_json(events[13]).dump(),
            "{\"t_s\":15.0,\"kind\":\"object_change\",\"api_version\":\"serving.knative.dev/v1\","
            "\"object_kind\":\"Revision\",\"namespace\":\"default\",\"name\":\"hello-00002\",\"change\":\"update\","
            "\"reason\":\"Ready\"}");
}

// append_event_json writes what event_to_json(e).dump() writes, byte for byte: the common events
// directly, the others (nested lists, strings to escape) through nlohmann.
TEST(Events, AppendEventJsonIsTheDumpByteForByte) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Event> events = {
      {2, AutoscalerDecision{"hello-00001", 3, 12.5, 25, 30, 10, 2, true, "stable 42.0 / target 7.0 -> 6; ebc -206"}},
      {0.1 + 0.2, AutoscalerDecision{"r", -2147483647, -0.0, 1e-300, 1.7976931348623157e308, nan, 0, false, ""}},
      {1e21, PodPhaseChange{"hello-00001-deployment-0", "hello-00001", "", "Pending", "Scheduled", "fits"}},
      {3.0000000000000004, PodPhaseChange{"p", "r", "n", "a", "b", "a \"quoted\" reason\\ with\ttab"}},
      {4, PodPhaseChange{"p\x01", "r", "n", "a", "b", "caf\xc3\xa9"}},
      {5, PanicChange{"hello-00001", true, "panic"}},
      {7, TrafficChange{"default/hello", {{"hello-00001", "", 70}, {"hello-00002", "canary", 30}}, "route"}},
      {8, NodeChange{"worker-1", false, 2, 5, "timeline"}},
      {11, RequestFailureSummary{"hello-00002", "overflow_503", 4, 1}},
      {12, ColdStart{"hello-00001", "hello-00001-deployment-1", 2.5, 3}},
      {13, ScaleEvent{"hello-00001", 1, 3, "autoscaler"}},
      {14, DeliveryAttempt{"default/orders", "", "p-1", 2, 500, "reply_retry"}},
      {15, ObjectChangeEvent{"serving.knative.dev/v1", "Revision", "default", "hello-00002", "update", "Ready"}},
  };
  for (const Event& e : events) {
    std::string line = "before|";
    append_event_json(e, line);
    EXPECT_EQ(line, "before|" + event_to_json(e).dump()) << e.kind_name();
  }
}

// The plain-string check reads eight bytes at a time: each byte that needs escaping (or not, at
// the edges of the printable range), at each position of a word and of the tail, must give the
// dump's bytes.
TEST(Events, EveryByteAtEveryPositionIsWrittenAsTheDumpWritesIt) {
  const std::vector<unsigned char> bytes = {0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x5b, 0x5c, 0x5d,
                                            0x7e, 0x7f, 0x80, 0xc3, 0xff, 'a', '0'};
  for (const unsigned char b : bytes) {
    for (std::size_t pos = 0; pos < 19; ++pos) {
      std::string reason(19, 'x');
      reason[pos] = static_cast<char>(b);
      if (b >= 0x80) reason = reason.substr(0, pos) + "\xc3\xa9" + reason.substr(pos + 1);  // valid UTF-8
      const Event e{1, ScaleEvent{"r", 1, 2, reason}};
      std::string line;
      append_event_json(e, line);
      EXPECT_EQ(line, event_to_json(e).dump()) << "byte " << int{b} << " at " << pos;
    }
  }
}

// Numbers as nlohmann's dump writes them: whole numbers below 1e15 take a shortcut (sign, digits,
// ".0"), the rest Grisu2; both must match the dump byte for byte, around the edges too.
TEST(Events, NumbersAreWrittenAsTheDumpWritesThem) {
  const std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 7.0, 120.0, -201.0, 0.5, -0.5, 1e-5, 123.456,
                                      1e14, 999999999999999.0, 1e15, -1e15, 1e15 + 2, 1e16, 9007199254740992.0,
                                      1e300, -1e-300, 4.9e-324, 0.1 + 0.2, 3.0000000000000004, 86399.999,
                                      std::nan(""), HUGE_VAL, -HUGE_VAL};
  for (const double v : values) {
    AutoscalerDecision d;
    d.revision = "r";
    d.observed_stable = v;
    d.observed_panic = -v;
    d.target = v * 3;
    const Event e{v, d};
    std::string line;
    append_event_json(e, line);
    EXPECT_EQ(line, event_to_json(e).dump()) << v;
  }
}

TEST(Events, BadJsonIsAnErrorNotACrash) {
  std::string error;
  EXPECT_FALSE(event_from_json(nlohmann::json::parse(R"({"t_s":1,"kind":"nope"})"), &error));
  EXPECT_NE(error.find("nope"), std::string::npos);
  EXPECT_FALSE(event_from_json(nlohmann::json::parse(R"({"kind":"scale"})"), &error));
  EXPECT_NE(error.find("t_s"), std::string::npos);
  EXPECT_FALSE(event_from_json(nlohmann::json::parse(R"({"t_s":1,"kind":"scale","revision":3})"), &error));
  EXPECT_FALSE(event_from_json(nlohmann::json::parse("[1]"), &error));
  EXPECT_FALSE(event_from_json(nlohmann::json::parse(R"({"t_s":1,"kind":"object_change","api_version":"v1"})"), &error));
  EXPECT_NE(error.find("object_kind"), std::string::npos);
  // Nested lists: traffic targets must be an array of complete objects.
  EXPECT_FALSE(event_from_json(
      nlohmann::json::parse(R"({"t_s":1,"kind":"traffic_change","service":"s","targets":3,"reason":""})"), &error));
  EXPECT_NE(error.find("targets"), std::string::npos);
  EXPECT_FALSE(event_from_json(nlohmann::json::parse(R"({"t_s":1,"kind":"traffic_change","service":"s",
      "targets":[{"revision":"r","tag":""}],"reason":""})"), &error));
  EXPECT_NE(error.find("targets: missing field 'percent'"), std::string::npos) << error;
}

TEST(Events, TrafficTargetsAreAnArrayOfObjects) {
  const Event e{7, TrafficChange{"default/hello", {{"hello-00001", "", 70}, {"hello-00002", "canary", 30}}, "route"}};
  EXPECT_EQ(event_to_json(e).dump(),
            "{\"t_s\":7.0,\"kind\":\"traffic_change\",\"service\":\"default/hello\",\"targets\":["
            "{\"revision\":\"hello-00001\",\"tag\":\"\",\"percent\":70.0},"
            "{\"revision\":\"hello-00002\",\"tag\":\"canary\",\"percent\":30.0}],\"reason\":\"route\"}");
}

TEST(Events, SinksForward) {
  EventLog a, b;
  FanoutSink fan;
  fan.add(&a);
  fan.add(&b);
  fan.on_event({1, ScaleEvent{"r", 0, 1, "x"}});
  ASSERT_EQ(a.events().size(), 1u);
  ASSERT_EQ(b.events().size(), 1u);
  EXPECT_EQ(b.events()[0].as<ScaleEvent>()->to_pods, 1);
  EXPECT_EQ(b.events()[0].as<ModeSwitch>(), nullptr);
}

}  // namespace
}  // namespace knsim::reports
