#pragma once
// Shared helpers of the GUI tests: one QApplication per test process (offscreen), the fake knsim
// stream player, the real knsim binary, and a reader of timeseries.csv.
#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QString>
#include <QStringList>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_paths.hpp"

namespace knsim::test {

// The folder QSettings uses in this test process: a fresh temporary one (each test is its own
// process), so no test reads or changes a developer's settings, nor another test's.
inline const QTemporaryDir& settings_dir() {
  static QTemporaryDir dir;
  return dir;
}

inline QApplication& gui_app() {
  static int argc = 1;
  static char name[] = "gui_tests";
  static char* argv[] = {name, nullptr};
  ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
  ::setenv("XDG_CONFIG_HOME", settings_dir().path().toLocal8Bit().constData(), 1);
  // Never destroyed: destroying it after main() returns would delete the input devices QTest
  // creates after their registry is gone (a crash at exit).
  static QApplication* app = [] {
    auto* a = new QApplication(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    for (const auto format : {QSettings::NativeFormat, QSettings::IniFormat})
      QSettings::setPath(format, QSettings::UserScope, settings_dir().path());
    return a;
  }();
  return *app;
}

inline QString fake_knsim() {
  return QString::fromStdString((source_dir() / "tests/data/gui/fake_knsim.sh").string());
}
inline QString fixture_scenario() {
  return QString::fromStdString((source_dir() / "tests/data/gui/canary.yaml").string());
}
inline QString real_knsim() { return QString::fromStdString((binary_dir() / "cli/knsim").string()); }

// timeseries.csv as revision -> column -> values (the `mode` column as 1 = Proxy, 0 = Serve).
using CsvSeries = std::map<std::string, std::map<std::string, std::vector<double>>>;
inline CsvSeries read_timeseries_csv(const std::filesystem::path& file) {
  CsvSeries out;
  std::ifstream in(file);
  std::string line;
  std::vector<std::string> header;
  auto split = [](const std::string& s) {
    std::vector<std::string> cells;
    std::stringstream ss(s);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    return cells;
  };
  if (std::getline(in, line)) header = split(line);
  while (std::getline(in, line)) {
    const auto cells = split(line);
    std::string revision;
    for (std::size_t i = 0; i < cells.size() && i < header.size(); ++i)
      if (header[i] == "revision") revision = cells[i];
    for (std::size_t i = 0; i < cells.size() && i < header.size(); ++i) {
      if (header[i] == "revision") continue;
      double v = 0;
      if (header[i] == "mode") v = cells[i] == "Proxy" ? 1 : 0;
      else if (cells[i].empty()) v = std::nan("");  // no value in that interval (a gap)
      else v = std::strtod(cells[i].c_str(), nullptr);
      out[revision][header[i]].push_back(v);
    }
  }
  return out;
}

}  // namespace knsim::test
