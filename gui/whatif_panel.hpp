#pragma once
// WhatIfPanel: the autoscaling settings of the scenario (placeholders show the baseline values),
// validated with Knative's rules as you type (WhatIfModel -> core/config), a load chooser (a
// workload's arrivals or trace file), a Rerun button and the two runs' summaries side by side.
#include <QString>
#include <QWidget>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "gui/whatif_settings.hpp"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace knsim::gui {

class WhatIfPanel : public QWidget {
  Q_OBJECT
 public:
  explicit WhatIfPanel(QWidget* parent = nullptr);

  void set_bundle(const manifests::ScenarioBundle* bundle);
  const WhatIfModel& model() const { return model_; }
  // Field text by setting id (empty = keep the baseline); set_value is for tests and scripts and
  // returns false for an id the panel does not have (ids() lists them).
  std::map<std::string, std::string> edits() const;
  bool set_value(const std::string& id, const QString& text);
  std::string ids() const;  // "target, stable-window, ..." in the panel's order
  LoadEdit load_edit() const;
  void set_load(int workload, const QString& kind, const QString& rate_or_file, const QString& format = "csv");
  bool valid() const { return problems_.empty(); }
  const std::map<std::string, std::string>& problems() const { return problems_; }
  // Summaries (summary.json objects; null = none yet) side by side.
  void set_summaries(const nlohmann::json& baseline, const nlohmann::json& what_if);
  QTableWidget* summary_table() const { return summary_; }
  // The per-pod target the baseline run reported (its `target` column), shown as the placeholder
  // when the scenario does not set one.
  void set_observed_target(double target);

 signals:
  void rerun_requested();
  void edits_changed();

 private:
  void revalidate();
  QWidget* make_load_box();

  WhatIfModel model_;
  std::map<std::string, QLineEdit*> fields_;
  std::map<std::string, QLabel*> messages_;
  QComboBox* metric_ = nullptr;
  QComboBox* workload_ = nullptr;
  QComboBox* load_kind_ = nullptr;
  QLineEdit* load_value_ = nullptr;
  QComboBox* trace_format_ = nullptr;
  QPushButton* rerun_ = nullptr;
  QTableWidget* summary_ = nullptr;
  std::map<std::string, std::string> problems_;
};

}  // namespace knsim::gui
