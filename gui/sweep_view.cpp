#include "gui/sweep_view.hpp"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <iostream>
#include <qcustomplot.h>

#include <nlohmann/json.hpp>

#include "gui/eventing_panel.hpp"
#include "gui/explain_panel.hpp"
#include "gui/main_window.hpp"
#include "gui/plot_panel.hpp"
#include "gui/run_controller.hpp"
#include "plan/sweep_report.hpp"

namespace knsim::gui {

namespace {

constexpr double kPickRadiusPx = 12;

// sweep.json's scenario as given to knsim sweep (maybe relative to where it ran): tried as is,
// then against the folder's ancestors (out/sweep-x/ usually sits two levels below that place).
QString resolve_scenario(const QString& dir, const QString& scenario) {
  if (QFileInfo(scenario).isAbsolute() || QFileInfo::exists(scenario)) return QFileInfo(scenario).absoluteFilePath();
  QDir d(dir);
  for (int up = 0; up < 4; ++up) {
    if (QFileInfo::exists(d.filePath(scenario))) return QFileInfo(d.filePath(scenario)).absoluteFilePath();
    if (!d.cdUp()) break;
  }
  return scenario;
}

QString fmt(double v, int decimals) { return QString::number(v, 'f', decimals); }

QString with_ci(const plan::Interval& iv, int decimals) {
  QString s = fmt(iv.mean, decimals);
  if (iv.low) s += QString(" [%1, %2]").arg(fmt(*iv.low, decimals), fmt(*iv.high, decimals));
  return s;
}

}  // namespace

SweepView::SweepView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(480, 320);
  plot_->setMouseTracking(true);
  plot_->xAxis->setLabel(tr("cost (pod-seconds, mean over seeds)"));
  plot_->yAxis->setLabel(tr("p99 latency (ms, mean over seeds)"));
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  all_ = plot_->addGraph();
  all_->setName(tr("point"));
  all_->setLineStyle(QCPGraph::lsNone);
  all_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor("#1f77b4"), 8));
  pareto_ = plot_->addGraph();
  pareto_->setName(tr("Pareto front (cost, p99, cold starts)"));
  pareto_->setPen(QPen(QColor("#d62728"), 1.5, Qt::DashLine));
  pareto_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor("#d62728"), 10));
  selected_ = plot_->addGraph();
  selected_->setName(tr("selected (click: replay; second click: compare)"));
  selected_->setLineStyle(QCPGraph::lsNone);
  selected_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::NoBrush, 16));
  for (auto** bars : {&cost_ci_, &p99_ci_}) {
    *bars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
    (*bars)->setDataPlottable(all_);
    (*bars)->setPen(QPen(QColor(31, 119, 180, 140)));
    (*bars)->removeFromLegend();
  }
  cost_ci_->setErrorType(QCPErrorBars::etKeyError);
  p99_ci_->setErrorType(QCPErrorBars::etValueError);
  layout->addWidget(plot_, 1);
  info_ = new QLabel(this);
  info_->setWordWrap(true);
  layout->addWidget(info_);
  connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
    const int i = point_at(e->position());
    if (i >= 0) QToolTip::showText(e->globalPosition().toPoint(), tooltip_for(static_cast<std::size_t>(i)), plot_);
    else QToolTip::hideText();
  });
  connect(plot_, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
    const int i = point_at(e->position());
    if (i >= 0) click_point(static_cast<std::size_t>(i));
  });
}

SweepView::~SweepView() = default;

QString SweepView::open(const QString& dir) {
  QFile f(QDir(dir).filePath("sweep.json"));
  if (!f.open(QIODevice::ReadOnly)) return tr("%1: no sweep.json (not a folder written by knsim sweep or knsim optimize)").arg(dir);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(f.readAll().toStdString());
    scenario_ = resolve_scenario(dir, QString::fromStdString(j.at("scenario").get<std::string>()));
    fixed_sets_.clear();
    for (const auto& s : j.at("sets")) fixed_sets_ << QString::fromStdString(s.get<std::string>());
  } catch (const std::exception& e) {
    return tr("%1: %2").arg(f.fileName(), QString::fromUtf8(e.what()));
  }
  std::string error;
  auto table = plan::read_results_csv((QDir(dir).filePath("results.csv")).toStdString(), &error);
  if (!table) return QString::fromStdString(error);
  table->sort();
  dir_ = dir;
  keys_ = table->keys;
  points_ = plan::summarize(*table);
  front_ = plan::pareto_front(points_);
  first_seed_.clear();
  for (const auto& p : points_)
    for (const auto& r : table->rows)
      if (r.point == p.point) {
        first_seed_.push_back(r.seed);
        break;
      }
  selection_.clear();
  redraw();
  return {};
}

void SweepView::redraw() {
  QVector<double> x, y, fx, fy;
  for (const auto& p : points_) {
    x << p.get("cost_pod_seconds").mean;
    y << p.get("latency_p99_ms").mean;
  }
  // The dots sorted by cost (QCPGraph keeps its data sorted; error bars follow the data's order).
  std::vector<int> order(points_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return x[a] < x[b]; });
  QVector<double> sx_all, sy_all, cost_lo, cost_hi, p99_lo, p99_hi;
  for (int i : order) {
    const auto &c = points_[std::size_t(i)].get("cost_pod_seconds"), &l = points_[std::size_t(i)].get("latency_p99_ms");
    sx_all << x[i];
    sy_all << y[i];
    cost_lo << (c.low ? c.mean - *c.low : 0);
    cost_hi << (c.high ? *c.high - c.mean : 0);
    p99_lo << (l.low ? l.mean - *l.low : 0);
    p99_hi << (l.high ? *l.high - l.mean : 0);
  }
  std::vector<std::size_t> f = front_;
  std::sort(f.begin(), f.end(), [&](std::size_t a, std::size_t b) { return x[int(a)] < x[int(b)]; });
  plot_->clearItems();
  for (std::size_t k = 0; k < f.size(); ++k) {
    const std::size_t i = f[k];
    fx << x[int(i)];
    fy << y[int(i)];
    // Neighbours along the front alternate above and below their dot, so their labels do not overlap.
    auto* label = new QCPItemText(plot_);
    label->position->setCoords(x[int(i)], y[int(i)]);
    label->setPositionAlignment(Qt::AlignLeft | (k % 2 == 0 ? Qt::AlignBottom : Qt::AlignTop));
    label->setPadding(k % 2 == 0 ? QMargins(8, 0, 0, 6) : QMargins(8, 6, 0, 0));  // off the dot
    label->setColor(QColor("#a01010"));
    label->setText(QString::fromStdString(plan::point_label(keys_, points_[i].values)));
    label->setClipToAxisRect(false);
  }
  all_->setData(sx_all, sy_all, /*alreadySorted=*/true);
  cost_ci_->setData(cost_lo, cost_hi);
  p99_ci_->setData(p99_lo, p99_hi);
  pareto_->setData(fx, fy, /*alreadySorted=*/true);
  QVector<double> sx, sy;
  for (std::size_t i : selection_) {
    sx << x[int(i)];
    sy << y[int(i)];
  }
  selected_->setData(sx, sy);
  // Axes from 0 so sizes compare honestly, up to the highest CI end, with room for the labels
  // (right) and the legend (top).
  double x_max = 1, y_max = 1;
  for (int k = 0; k < sx_all.size(); ++k) {
    x_max = std::max(x_max, sx_all[k] + cost_hi[k]);
    y_max = std::max(y_max, sy_all[k] + p99_hi[k]);
  }
  plot_->xAxis->setRange(0, x_max * 1.25);
  plot_->yAxis->setRange(0, y_max * 1.3);
  plot_->replot();
  info_->setText(selection_text());
}

QStringList SweepView::sets_for(std::size_t i) const {
  QStringList s = fixed_sets_;
  for (std::size_t k = 0; k < keys_.size() && k < points_[i].values.size(); ++k)
    s << QString::fromStdString(keys_[k] + "=" + points_[i].values[k]);
  s << QString("scenario.seed=%1").arg(first_seed_[i]);
  return s;
}

QString SweepView::tooltip_for(std::size_t i) const {
  const auto& p = points_[i];
  QString t = tr("point %1%2\n").arg(p.point).arg(std::find(front_.begin(), front_.end(), i) != front_.end() ? tr(" (Pareto front)") : "");
  for (std::size_t k = 0; k < keys_.size(); ++k)
    t += QString::fromStdString(keys_[k] + " = " + p.values[k]) + "\n";
  t += tr("cost %1 pod-s\np99 %2 ms\ncold starts %3\nfailed ratio %4\n%5 run(s); click to replay seed %6")
           .arg(with_ci(p.get("cost_pod_seconds"), 1), with_ci(p.get("latency_p99_ms"), 1),
                with_ci(p.get("cold_start_requests"), 1), with_ci(p.get("failed_ratio"), 4))
           .arg(p.runs)
           .arg(first_seed_[i]);
  return t;
}

QPointF SweepView::pixel_of(std::size_t i) const {
  return {plot_->xAxis->coordToPixel(points_[i].get("cost_pod_seconds").mean),
          plot_->yAxis->coordToPixel(points_[i].get("latency_p99_ms").mean)};
}

int SweepView::point_at(const QPointF& pixel) const {
  int best = -1;
  double best_d = kPickRadiusPx;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    const QPointF d = pixel_of(i) - pixel;
    const double dist = std::hypot(d.x(), d.y());
    if (dist <= best_d) {
      best_d = dist;
      best = static_cast<int>(i);
    }
  }
  return best;
}

void SweepView::click_point(std::size_t i) {
  if (i >= points_.size()) return;
  if (selection_.size() == 1 && selection_[0] != i) {
    selection_.push_back(i);
    redraw();
    emit compare_requested(static_cast<int>(selection_[0]), static_cast<int>(i));
    return;
  }
  selection_ = {i};
  redraw();
  emit replay_requested(static_cast<int>(i));
}

QString SweepView::selection_text() const {
  auto name = [&](std::size_t i) {
    return tr("point %1 (%2)").arg(points_[i].point).arg(QString::fromStdString(plan::point_label(keys_, points_[i].values)));
  };
  const QString head = tr("%1 points, %2 on the Pareto front. ").arg(points_.size()).arg(front_.size());
  if (selection_.empty()) return head + tr("Hover a point for its settings; click it to replay that run in the main window; click a second point to compare the two.");
  if (selection_.size() == 1) return head + tr("Replaying %1. Click another point to compare.").arg(name(selection_[0]));
  return head + tr("Comparing %1 (baseline) with %2 (what-if).").arg(name(selection_[0]), name(selection_[1]));
}

void replay_in_main_window(MainWindow& window, const QString& scenario, const QStringList& base_sets,
                           const QStringList* compare_sets, std::vector<std::unique_ptr<QTemporaryDir>>& outputs) {
  window.open_scenario(scenario);
  window.plot_panel()->clear_run(0);
  window.plot_panel()->clear_run(1);
  window.eventing_panel()->reset();
  outputs.push_back(std::make_unique<QTemporaryDir>());
  window.baseline().start(RunOptions{scenario, outputs.back()->path(), /*start_paused=*/false, base_sets});
  window.explain_panel()->set_data(&window.baseline().data());
  window.baseline().set_speed(0);  // as fast as possible: a replay, not a live show
  window.baseline().end();
  if (compare_sets) {
    outputs.push_back(std::make_unique<QTemporaryDir>());
    window.what_if().start(RunOptions{scenario, outputs.back()->path() + "/out", /*start_paused=*/false, *compare_sets});
  } else {
    window.what_if().quit();
  }
  window.show();
  window.raise();
}

namespace {

class SweepWindow : public QWidget {
 public:
  SweepWindow(MainWindow& main, QWidget* parent = nullptr) : QWidget(parent, Qt::Window), main_(main) {
    setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(this);
    view_ = new SweepView(this);
    layout->addWidget(view_);
    QObject::connect(view_, &SweepView::replay_requested, this, [this](int i) {
      const QStringList sets = view_->sets_for(static_cast<std::size_t>(i));
      replay_in_main_window(main_, view_->scenario(), sets, nullptr, outputs_);
    });
    QObject::connect(view_, &SweepView::compare_requested, this, [this](int a, int b) {
      const QStringList sb = view_->sets_for(static_cast<std::size_t>(b));
      replay_in_main_window(main_, view_->scenario(), view_->sets_for(static_cast<std::size_t>(a)), &sb, outputs_);
    });
  }
  SweepView* view() const { return view_; }

 private:
  MainWindow& main_;
  SweepView* view_ = nullptr;
  std::vector<std::unique_ptr<QTemporaryDir>> outputs_;
};

}  // namespace

QWidget* open_sweep_window(MainWindow& window, const QString& dir, QString* error) {
  auto* w = new SweepWindow(window);
  if (QString e = w->view()->open(dir); !e.isEmpty()) {
    *error = e;
    delete w;
    return nullptr;
  }
  w->setWindowTitle(QObject::tr("knsim-gui — sweep %1").arg(QFileInfo(dir).fileName()));
  w->resize(1100, 720);
  return w;
}

void install_sweep_action(MainWindow& window) {
  for (QAction* a : window.menuBar()->actions()) {
    QMenu* file = a->menu();
    if (file == nullptr || a->text().remove('&') != QObject::tr("File")) continue;
    auto* open = new QAction(QObject::tr("Open s&weep..."), file);
    open->setStatusTip(QObject::tr("Open a folder written by knsim sweep or knsim optimize: cost against p99, Pareto front, replay"));
    QObject::connect(open, &QAction::triggered, &window, [&window] {
      const QString dir = QFileDialog::getExistingDirectory(&window, QObject::tr("Open sweep folder"));
      if (dir.isEmpty()) return;
      QString error;
      if (QWidget* w = open_sweep_window(window, dir, &error)) w->show();
      else QMessageBox::warning(&window, QObject::tr("Open sweep"), error);
    });
    // After the "Open scenario folder..." entry, before "Open recent".
    QAction* before = nullptr;
    for (QAction* item : file->actions())
      if (item->menu() != nullptr) {
        before = item;
        break;
      }
    file->insertAction(before, open);
    return;
  }
}

int open_sweep_from_command_line(MainWindow& window, const QString& dir, const QString& screenshot, const QString& size) {
  QString error;
  QWidget* w = open_sweep_window(window, dir, &error);
  if (w == nullptr) {
    std::cerr << "knsim-gui: " << error.toStdString() << "\n";
    return 2;
  }
  if (screenshot.isEmpty()) {
    w->show();
    return -1;
  }
  int width = 1280, height = 800;
  if (const QStringList wh = size.split('x'); wh.size() == 2) {
    width = wh[0].toInt();
    height = wh[1].toInt();
  }
  w->resize(width, height);
  w->show();
  QApplication::processEvents();
  if (auto* view = w->findChild<SweepView*>()) view->plot()->replot();
  QApplication::processEvents();
  const bool ok = w->grab().save(screenshot);
  if (!ok) std::cerr << "knsim-gui: cannot write " << screenshot.toStdString() << "\n";
  w->close();
  return ok ? 0 : 1;
}

}  // namespace knsim::gui
