// MainWindow's exports: every plot as PNG and PDF, the run's outputs (the --out folder as knsim
// wrote it) and the edited scenario as YAML.
#include <qcustomplot.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include "gui/main_window.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "gui/whatif_panel.hpp"

namespace knsim::gui {
namespace {

// "Pods per revision" -> "pods_per_revision"
QString slug(const QString& title) {
  QString out;
  for (const QChar c : title.toLower()) {
    if (c.isLetterOrNumber()) out += c;
    else if (!out.endsWith('_')) out += '_';
    if (out.size() >= 40) break;
  }
  while (out.endsWith('_')) out.chop(1);
  return out;
}

}  // namespace

QString MainWindow::export_plots(const QString& dir) const {
  QDir().mkpath(dir);
  int index = 1;
  for (const auto& [title, plot] : plots_->plots()) {
    const QString base = QDir(dir).filePath(QString("%1_%2").arg(index++, 2, 10, QChar('0')).arg(slug(title)));
    if (!plot->savePng(base + ".png", 1400, 450)) return tr("cannot write %1.png").arg(base);
    if (!plot->savePdf(base + ".pdf", 1400, 450)) return tr("cannot write %1.pdf").arg(base);
  }
  return {};
}

QString MainWindow::export_outputs(const QString& dir) const {
  const QString from = baseline_->options().out_dir;
  if (from.isEmpty() || !QDir(from).exists()) return tr("no run outputs yet: run the scenario first");
  QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString file = it.next();
    const QString target = QDir(dir).filePath(QDir(from).relativeFilePath(file));
    QDir().mkpath(QFileInfo(target).path());
    QFile::remove(target);
    if (!QFile::copy(file, target)) return tr("cannot copy %1 to %2").arg(file, target);
  }
  return {};
}

QString MainWindow::export_scenario(const QString& file) const {
  if (scenario_path_.isEmpty()) return tr("no scenario open");
  const WhatIfModel& model = what_if_panel_->model();
  const ScenarioEdits edits = model.all_as_edits(what_if_panel_->edits(), what_if_panel_->load_edit());
  return QString::fromStdString(write_edited_scenario(scenario_path_.toStdString(), file.toStdString(), edits));
}

}  // namespace knsim::gui
