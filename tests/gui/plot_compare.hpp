#pragma once
// Compares what the plots show with the run's timeseries.csv, series by series, row by row.
#include <qcustomplot.h>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "gui/plot_panel.hpp"
#include "tests/gui/gui_test_support.hpp"

namespace knsim::gui {

inline std::vector<double> values(const QCPGraph* g) {
  std::vector<double> out;
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out.push_back(it->value);
  return out;
}

// Asserts that every plotted series equals the CSV column it draws (after the plot's unit change).
inline void expect_plots_equal_csv(const PlotPanel& plots, const knsim::test::CsvSeries& csv, double interval) {
  struct Map {
    const char* graph;
    const char* column;
    double scale;
  };
  const Map maps[] = {{"pods/%1 ready", "ready_pods", 1},         {"pods/%1 desired", "desired_pods", 1},
                      {"pods/%1 all pods", "pods", 1},            {"concurrency/%1 observed stable", "observed_stable", 1},
                      {"concurrency/%1 observed panic", "observed_panic", 1},
                      {"traffic/%1 configured %", "traffic_percent", 1}, {"traffic/%1 served %", "served_share", 100},
                      {"load/%1 request rate", "requests", 1 / interval}, {"latency/%1 p99", "latency_p99_ms", 1},
                      {"latency/%1 p50", "latency_p50_ms", 1}};
  ASSERT_FALSE(csv.empty());
  for (const auto& [revision, columns] : csv) {
    for (const auto& m : maps) {
      const QString key = QString(m.graph).arg(QString::fromStdString(revision));
      const QCPGraph* g = plots.graph(key);
      ASSERT_NE(g, nullptr) << key.toStdString();
      const auto plotted = values(g);
      const auto& expected = columns.at(m.column);
      const auto& requests = columns.at("requests");
      const bool served = std::string(m.column) == "served_share";
      ASSERT_EQ(plotted.size(), expected.size()) << key.toStdString();
      for (std::size_t i = 0; i < expected.size(); ++i) {
        if (served && requests[i] == 0) {
          // The served share is drawn only where the revision got requests.
          EXPECT_TRUE(std::isnan(plotted[i])) << key.toStdString() << " row " << i << " has no requests: a gap";
        } else if (std::isnan(expected[i])) {
          EXPECT_TRUE(std::isnan(plotted[i])) << key.toStdString() << " row " << i << " is a gap in the CSV";
        } else {
          // timeseries.csv prints 6 significant digits; the stream may carry more.
          EXPECT_NEAR(plotted[i], expected[i] * m.scale, 1e-5 * std::max(1.0, std::fabs(expected[i] * m.scale)))
              << key.toStdString() << " row " << i;
        }
      }
    }
  }
}

}  // namespace knsim::gui
