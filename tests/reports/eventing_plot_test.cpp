// report.html's eventing section: the tables from summary.json's `eventing`, and the plot's series
// counted from delivery_attempt outcomes.
#include "reports/eventing_plot.hpp"

#include <gtest/gtest.h>

namespace knsim::reports {
namespace {

TEST(EventingReport, TablesShowEveryTriggerSubscriptionAndSource) {
  const auto eventing = nlohmann::ordered_json::parse(R"({
    "triggers": [{"name": "default/orders", "received": 10, "filtered": 3, "delivered": 5, "retries": 4,
                  "dead_lettered": 1, "lost": 1, "latency_ms": {"p50": 12.25, "p99": 480.0, "max": 2060.283}}],
    "subscriptions": [{"name": "default/audit <x>", "received": 2, "filtered": 0, "delivered": 2, "retries": 0,
                       "dead_lettered": 0, "lost": 0, "latency_ms": {"p50": 1.0, "p99": 1.0, "max": 1.0}}],
    "sources": [{"name": "producer/p", "sent": 7, "accepted": 6, "failed": 1}]})");
  const std::string h = eventing_tables_html(eventing);
  EXPECT_NE(h.find("<h3>Triggers</h3>"), std::string::npos);
  EXPECT_NE(h.find("<tr><td>default/orders</td><td>10</td><td>3</td><td>5</td><td>4</td><td>1</td><td>1</td>"
                   "<td>12.2</td><td>480.0</td><td>2060.3</td></tr>"),
            std::string::npos)
      << h;
  EXPECT_NE(h.find("default/audit &lt;x&gt;"), std::string::npos) << "names are escaped";
  EXPECT_NE(h.find("<tr><td>producer/p</td><td>7</td><td>6</td><td>1</td></tr>"), std::string::npos) << h;
  EXPECT_EQ(eventing_tables_html(nlohmann::ordered_json()), "") << "no eventing: no section";
}

TEST(EventingReport, PlotCountsFinalOutcomesAndLosses) {
  const TimeAxis axis = TimeAxis::for_range(0, 10);
  std::vector<Event> events = {{1, DeliveryAttempt{"default/t", "", "e1", 1, 200, "delivered"}},
                               {2, DeliveryAttempt{"default/t", "", "e2", 1, 500, "retry"}},
                               {3, DeliveryAttempt{"default/t", "", "e2", 2, 500, "lost"}},
                               {4, DeliveryAttempt{"default/t", "", "e3", 1, 0, "dead_letter_failed"}}};
  const std::string h = eventing_plot_html(events, axis, 600);
  for (const char* series : {"delivered", "retries", "dead-lettered", "lost"})
    EXPECT_NE(h.find(series), std::string::npos) << series;
  EXPECT_EQ(eventing_plot_html({}, axis, 600), "") << "no attempts: no plot";
}

}  // namespace
}  // namespace knsim::reports
