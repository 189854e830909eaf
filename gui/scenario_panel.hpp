#pragma once
// ScenarioPanel: what the opened scenario contains (services, revisions, traffic, settings; the
// text of manifests::summarize) and every problem found, one per row with file and line, from
// manifests' diagnostics or from the knsim child (its `error` line and stderr).
#include <QString>
#include <QWidget>
#include <memory>

#include "manifests/scenario_bundle.hpp"

class QListWidget;
class QPlainTextEdit;

namespace knsim::gui {

class ScenarioPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ScenarioPanel(QWidget* parent = nullptr);
  ~ScenarioPanel() override;

  // Loads and validates `path` (a file or folder) with manifests::load_scenario. Returns false when
  // the scenario has errors (they are listed); the bundle is kept either way.
  bool load(const QString& path);
  const manifests::ScenarioBundle* bundle() const { return bundle_.get(); }
  QString path() const { return path_; }
  bool has_errors() const { return errors_ > 0; }
  // The load's problems as `knsim run` prints them on stderr (every diagnostic, then
  // "PATH: N errors"); empty when the scenario has no errors.
  QString error_report() const { return error_report_; }
  // Adds problems reported by a run: each non-empty line becomes a row ("file:line: ..." kept).
  void add_run_problems(const QString& text);
  QStringList problems() const;

 private:
  void add_problem(const QString& text, bool error);
  QString settings_text() const;

  QString path_;
  std::unique_ptr<manifests::ScenarioBundle> bundle_;
  QPlainTextEdit* summary_ = nullptr;
  QListWidget* problems_ = nullptr;
  int errors_ = 0;
  QString error_report_;
};

}  // namespace knsim::gui
