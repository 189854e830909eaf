// Label "slow": issue 17's soak, small. bench/make_day_scenario.py --soak writes 20 Services
// replaying the Azure 2021 sample for 2 simulated days on 4 nodes, a node failure every 3 h (down
// 15 min, rotating worker-0..3), a rollout of fn-000 and fn-010 at 6 h of each day (70/30, then
// 100 % an hour later) and eventing traffic (a Broker with four Triggers, a channel with a
// Subscription, producers, a ContainerSource and a PingSource; flaky subscribers, a dead letter sink
// that fails 10 %): bench/soak_parts.py. The run goes through the `knsim` executable; then every
// request and every event must be accounted for in summary.json, the counters must agree with
// events.jsonl (written independently of them), and the failures, rollouts, retries, dead letters
// and losses must all have happened (so that the test fails if a feature silently stops). The
// same checks on the full week: bench/run.sh soak-week (bench/soak_check.py).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/cli.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kServices = 20, kDays = 2, kFailEveryHours = 3;

// What events.jsonl says, counted from the lines of the kinds the checks need.
struct EventCounts {
  std::map<std::string, std::map<std::string, long>> outcomes;  // trigger or subscription -> outcome -> n
  std::map<std::string, long> request_failures;                 // reason -> requests
  long node_fail = 0, node_recover = 0, splits_70_30 = 0;
};

EventCounts read_events(const fs::path& file) {
  EventCounts c;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    const bool attempt = line.find("\"delivery_attempt\"") != std::string::npos;
    const bool failures = line.find("\"request_failures\"") != std::string::npos;
    const bool node = line.find("\"node_") != std::string::npos;
    const bool traffic = line.find("\"traffic_change\"") != std::string::npos;
    if (!attempt && !failures && !node && !traffic) continue;
    const json e = json::parse(line);
    const std::string kind = e.at("kind");
    if (kind == "delivery_attempt") {
      ++c.outcomes[e.value("trigger", "") + e.value("subscription", "")][e.at("outcome").get<std::string>()];
    } else if (kind == "request_failures") {
      c.request_failures[e.at("reason").get<std::string>()] += e.at("count").get<long>();
    } else if (kind == "node_fail") {
      ++c.node_fail;
    } else if (kind == "node_recover") {
      ++c.node_recover;
    } else if (kind == "traffic_change") {
      std::multiset<double> percents;
      for (const auto& t : e.at("targets")) percents.insert(t.at("percent").get<double>());
      if (percents == std::multiset<double>{30.0, 70.0}) ++c.splits_70_30;
    }
  }
  return c;
}

// total = succeeded + failed (unfinished included), failed = the sum of failed_by_reason, total =
// the revisions' requests + no_route; the reasons agree with events.jsonl's request_failures
// (all but unfinished, which only the summary reports).
void expect_requests_accounted(const json& summary, const EventCounts& events) {
  const json& r = summary.at("requests");
  const long total = r.at("total"), succeeded = r.at("succeeded"), failed = r.at("failed");
  EXPECT_GT(total, 100000) << "the fleet's load arrived";
  EXPECT_EQ(total, succeeded + failed);
  long by_reason = 0;
  for (const auto& [reason, n] : r.at("failed_by_reason").items()) {
    by_reason += n.get<long>();
    if (reason != "unfinished") {
      const auto it = events.request_failures.find(reason);
      EXPECT_EQ(n.get<long>(), it == events.request_failures.end() ? 0 : it->second) << reason;
    }
  }
  EXPECT_EQ(by_reason, failed);
  long routed = 0;
  for (const auto& rev : summary.at("revisions")) routed += rev.at("requests").get<long>();
  EXPECT_EQ(routed + r.at("failed_by_reason").value("no_route", 0L), total);
}

// Per trigger/subscription: received = filtered + delivered + dead_lettered + lost, 0 <= in_flight
// <= lost, and delivered / dead_lettered / ended lost equal the delivery_attempt events that end a
// chain (the soak has no replies: no chain ends at the filter stage). Per source: sent = accepted +
// failed + in_flight. In flight at the end: a handful (chains last seconds), not a leak.
void expect_events_accounted(const json& eventing, const EventCounts& events) {
  for (const char* list : {"triggers", "subscriptions"}) {
    for (const auto& d : eventing.at(list)) {
      const std::string name = d.at("name");
      const long received = d.at("received"), filtered = d.at("filtered"), delivered = d.at("delivered");
      const long dead_lettered = d.at("dead_lettered"), lost = d.at("lost"), in_flight = d.at("in_flight");
      EXPECT_EQ(received, filtered + delivered + dead_lettered + lost) << name;
      EXPECT_GE(in_flight, 0) << name;
      EXPECT_LE(in_flight, lost) << name;
      EXPECT_LE(in_flight, 50) << name << ": more chains open at the end than a few seconds of traffic";
      const auto it = events.outcomes.find(name);
      ASSERT_NE(it, events.outcomes.end()) << name << " has no delivery_attempt events";
      auto count = [&](const char* outcome) { return it->second.count(outcome) ? it->second.at(outcome) : 0L; };
      EXPECT_EQ(delivered, count("delivered")) << name;
      EXPECT_EQ(dead_lettered, count("dead_lettered")) << name;
      EXPECT_EQ(lost - in_flight, count("lost") + count("dead_letter_failed")) << name;
      EXPECT_EQ(d.at("retries").get<long>(), count("retry") + count("reply_retry")) << name;
    }
  }
  for (const auto& s : eventing.at("sources")) {
    EXPECT_GT(s.at("sent").get<long>(), 0) << s.dump();
    EXPECT_EQ(s.at("sent").get<long>(),
              s.at("accepted").get<long>() + s.at("failed").get<long>() + s.at("in_flight").get<long>())
        << s.dump();
    EXPECT_GE(s.at("in_flight").get<long>(), 0) << s.dump();
  }
}

json find(const json& list, const std::string& name) {
  for (const auto& d : list)
    if (d.at("name") == name) return d;
  ADD_FAILURE() << "no " << name << " in " << list.dump();
  return json::object();
}

// The soak did what it says: node failures (timeline: every 3 h before the end, each recovered),
// requests lost with their node, both rollouts a day (a new revision with traffic, a 70/30 split
// programmed), and every eventing outcome.
void expect_exercised(const json& summary, const EventCounts& events) {
  const long failures = (kDays * 24 - 1) / kFailEveryHours;  // at 3 h, 6 h, ..., 45 h
  EXPECT_EQ(events.node_fail, failures);
  EXPECT_EQ(events.node_recover, failures);
  EXPECT_GT(summary.at("requests").at("failed_by_reason").value("node_failure", 0L), 0);
  EXPECT_EQ(events.splits_70_30, 2 * kDays) << "fn-000 and fn-010, once a day";
  EXPECT_EQ(summary.at("revisions").size(), static_cast<std::size_t>(kServices + 2 * kDays));
  for (const char* rev : {"fn-000-00002", "fn-000-00003", "fn-010-00002", "fn-010-00003"})
    EXPECT_GT(find(summary.at("revisions"), rev).value("requests", 0L), 0) << rev;
  const json& ev = summary.at("eventing");
  const json orders = find(ev.at("triggers"), "default/orders"), payments = find(ev.at("triggers"), "default/payments");
  const json audit = find(ev.at("triggers"), "default/audit"), logs = find(ev.at("subscriptions"), "default/logs-archive");
  EXPECT_GT(orders.value("retries", 0L), 0) << "node failures reach the ksvc subscriber";
  EXPECT_GT(orders.value("filtered", 0L), 0);
  EXPECT_GT(payments.value("dead_lettered", 0L), 0);
  EXPECT_GT(payments.value("retries", 0L), 0);
  EXPECT_GT(audit.value("lost", 0L) - audit.value("in_flight", 0L), 0) << "no dead letter sink: lost";
  EXPECT_GT(logs.value("dead_lettered", 0L), 0);
  EXPECT_GT(events.outcomes.at("default/payments").count("dead_letter_failed") +
                events.outcomes.at("default/logs-archive").count("dead_letter_failed"),
            0u)
      << "the dead letter sink fails 10 % of the time";
}

TEST(Soak, TwoDaysOfFailuresRolloutsAndEventsAllAccountedFor) {
  const fs::path dir = fs::temp_directory_path() / ("knsim-soak-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  struct RemoveAtEnd {  // also when an ASSERT returns early: the outputs are ~120 MB
    fs::path p;
    ~RemoveAtEnd() { fs::remove_all(p); }
  } cleanup{dir};
  const fs::path scenario = dir / "soak.yaml", out = dir / "out";
  const std::string gen = "python3 '" + (knsim::test::source_dir() / "bench" / "make_day_scenario.py").string() +
                          "' --soak --services " + std::to_string(kServices) + " --nodes 4 --days " +
                          std::to_string(kDays) + " --fail-every " + std::to_string(kFailEveryHours) +
                          " --name soak-small --out '" + scenario.string() + "'";
  ASSERT_EQ(std::system(gen.c_str()), 0) << gen;
  const auto run = knsim::test::run_knsim("run '" + scenario.string() + "' --quiet --out '" + out.string() + "'");
  ASSERT_EQ(run.code, 0) << run.err;

  const json summary = json::parse(knsim::test::slurp(out / "summary.json"));
  const EventCounts events = read_events(out / "events.jsonl");
  expect_requests_accounted(summary, events);
  expect_events_accounted(summary.at("eventing"), events);
  expect_exercised(summary, events);
}

}  // namespace
