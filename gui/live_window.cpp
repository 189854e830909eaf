#include "gui/live_window.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <cmath>

#include "gui/explain_panel.hpp"
#include "gui/live_plots.hpp"
#include "gui/run_controller.hpp"
#include "gui/run_error_view.hpp"

namespace knsim::gui {
namespace {

QString cell(const nlohmann::json& side, const char* key) {
  if (!side.is_object() || !side.contains(key)) return "&ndash;";
  const auto& v = side[key];
  if (v.is_null()) return QObject::tr("<i>not exposed</i>");
  if (v.is_string()) return QString::fromStdString(v.get<std::string>()).toHtmlEscaped();
  if (v.is_number_float()) return QString::number(v.get<double>(), 'g', 5);
  return QString::fromStdString(v.dump()).toHtmlEscaped();
}

}  // namespace

LiveWindow::LiveWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("knsim-gui: live twin"));
  plots_ = new LivePlots;
  plot_scroll_ = new QScrollArea;
  plot_scroll_->setWidget(plots_);
  plot_scroll_->setWidgetResizable(true);
  plot_scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  error_view_ = new RunErrorView;
  left_ = new QStackedWidget;
  left_->addWidget(plot_scroll_);
  left_->addWidget(error_view_);
  auto* right = new QSplitter(Qt::Vertical);
  fields_ = new QTextBrowser(right);
  fields_->setToolTip(tr("The shadow's line of each revision at the cursor: the twin's decision and what the "
                         "real cluster shows, as `knsim cluster shadow` printed them (null: not exposed)."));
  fields_->setHtml(tr("<i>Waiting for the shadow's first tick; then click a moment on a plot.</i>"));
  explain_ = new ExplainPanel(right);
  explain_->set_data(&data_.explain_data());
  right->addWidget(fields_);
  right->addWidget(explain_);
  right->setStretchFactor(0, 2);
  right->setStretchFactor(1, 3);
  auto* tabs = new QTabWidget;
  tabs->addTab(right, tr("Explain"));
  splitter_ = new QSplitter(Qt::Horizontal);
  splitter_->addWidget(left_);
  splitter_->addWidget(tabs);
  splitter_->setStretchFactor(0, 3);
  splitter_->setStretchFactor(1, 2);
  setCentralWidget(splitter_);
  status_ = new QLabel;
  statusBar()->addWidget(status_, 1);
  connect(plots_, &LivePlots::cursor_moved, this, [this](double t) {
    user_cursor_ = true;
    set_cursor(t);
  });
  connect(explain_, &ExplainPanel::time_selected, this, [this](double t) {
    user_cursor_ = true;
    set_cursor(t);
  });
  timer_ = new QTimer(this);
  timer_->setInterval(200);
  connect(timer_, &QTimer::timeout, this, &LiveWindow::refresh_views);
  timer_->start();
  update_status();
}

LiveWindow::~LiveWindow() { stop(); }

QStringList LiveWindow::shadow_arguments(const LiveOptions& o) {
  QStringList args{"cluster", "shadow", "--stream"};
  if (!o.kubeconfig.isEmpty()) args << "--kubeconfig" << o.kubeconfig;
  if (!o.context.isEmpty()) args << "--context" << o.context;
  if (!o.namespace_name.isEmpty()) args << "-n" << o.namespace_name;
  if (!o.duration.isEmpty()) args << "--duration" << o.duration;
  return args;
}

bool LiveWindow::start(const LiveOptions& options) {
  stop();
  const QString program = program_.isEmpty() ? RunController::locate_knsim() : program_;
  finished_ = false;
  exit_code_ = -1;
  stderr_text_.clear();
  if (program.isEmpty()) {
    finished_ = true;
    show_failure(tr("knsim executable not found: build it, put it on PATH or set KNSIM_BIN"));
    return false;
  }
  process_ = new QProcess(this);
  connect(process_, &QProcess::readyReadStandardOutput, this, &LiveWindow::on_stdout);
  connect(process_, &QProcess::readyReadStandardError, this,
          [this] { stderr_text_ += QString::fromUtf8(process_->readAllStandardError()); });
  connect(process_, &QProcess::finished, this, &LiveWindow::on_finished);
  connect(process_, &QProcess::errorOccurred, this, [this, program](QProcess::ProcessError e) {
    if (e != QProcess::FailedToStart) return;
    finished_ = true;
    show_failure(tr("cannot start %1: %2").arg(program, process_->errorString()));
  });
  process_->start(program, shadow_arguments(options));
  update_status();
  return process_->waitForStarted(5000);
}

void LiveWindow::stop() {
  if (!process_) return;
  process_->disconnect(this);
  if (process_->state() != QProcess::NotRunning) {
    process_->terminate();  // the shadow writes shadow-summary.json on SIGTERM
    if (!process_->waitForFinished(3000)) {
      process_->kill();
      process_->waitForFinished(1000);
    }
  }
  process_->deleteLater();
  process_ = nullptr;
  finished_ = true;
}

bool LiveWindow::running() const { return process_ && process_->state() != QProcess::NotRunning; }

bool LiveWindow::wait_until_finished(int timeout_ms) {
  QElapsedTimer clock;
  clock.start();
  while (!finished_ && clock.elapsed() < timeout_ms) QApplication::processEvents(QEventLoop::AllEvents, 50);
  if (process_) on_stdout();
  refresh_views();
  return finished_;
}

void LiveWindow::on_stdout() {
  partial_ += process_->readAllStandardOutput();
  int start = 0;
  for (int nl = partial_.indexOf('\n'); nl >= 0; nl = partial_.indexOf('\n', start)) {
    data_.ingest_line(std::string_view(partial_.constData() + start, static_cast<std::size_t>(nl - start)));
    start = nl + 1;
  }
  partial_.remove(0, start);
}

void LiveWindow::on_finished(int exit_code, QProcess::ExitStatus status) {
  on_stdout();
  if (!partial_.isEmpty()) data_.ingest_line(std::string_view(partial_.constData(), static_cast<std::size_t>(partial_.size())));
  partial_.clear();
  stderr_text_ += QString::fromUtf8(process_->readAllStandardError());
  finished_ = true;
  exit_code_ = status == QProcess::NormalExit ? exit_code : -1;
  if (exit_code_ != 0) {
    show_failure(status == QProcess::NormalExit ? tr("knsim cluster shadow failed (exit code %1)").arg(exit_code)
                                                : tr("knsim cluster shadow crashed"));
  }
  refresh_views();
}

void LiveWindow::show_failure(const QString& heading) {
  QString text = stderr_text_.trimmed();
  if (text.isEmpty()) text = tr("(the shadow printed nothing on stderr)");
  if (!data_.stray_lines().empty()) {
    text += tr("\n\nLines on stdout that are not shadow ticks:");
    for (const std::string& l : data_.stray_lines()) text += "\n" + QString::fromStdString(l);
  }
  error_view_->set_error(heading, text);
  left_->setCurrentWidget(error_view_);
  update_status();
}

bool LiveWindow::showing_error() const { return left_->currentWidget() == error_view_; }

void LiveWindow::refresh_views() {
  if (plots_->refresh(data_)) {
    explain_->refresh();
    if (!user_cursor_) set_cursor(data_.last_t());
  }
  update_status();
}

void LiveWindow::set_cursor(double t_s) {
  plots_->set_cursor(t_s);
  explain_->show_time(t_s);
  update_fields();
}

void LiveWindow::update_fields() {
  const double t = plots_->cursor();
  QString html = tr("<h3>Shadow at t = %1 s</h3>").arg(t, 0, 'f', 1);
  for (const std::string& rev : data_.revisions()) {
    const ShadowTick* k = data_.tick_at(rev, t);
    if (!k) continue;
    const auto& twin = k->line.contains("twin") ? k->line["twin"] : nlohmann::json();
    const auto& real = k->line.contains("real") ? k->line["real"] : nlohmann::json();
    const QString verdict = k->agree == 1 ? tr("<span style='color:#2a7f2a'>agree</span>")
                                          : (k->agree == 0 ? tr("<b style='color:#c1121f'>disagree</b>") : tr("agreement not said"));
    html += QString("<p><b>%1</b> (tick at %2 s): %3</p>").arg(QString::fromStdString(rev).toHtmlEscaped()).arg(k->t, 0, 'f', 1).arg(verdict);
    html += "<table cellspacing='0' cellpadding='2'><tr><th align='left'></th><th align='left'>" + tr("twin") +
            "</th><th align='left'>" + tr("real") + "</th></tr>";
    html += "<tr><td>" + tr("desired pods") + "</td><td>" + cell(twin, "desired") + "</td><td>" + cell(real, "desired") + "</td></tr>";
    html += "<tr><td>" + tr("ready pods") + "</td><td></td><td>" + cell(real, "actual") + "</td></tr>";
    html += "<tr><td>" + tr("mode") + "</td><td>" + cell(twin, "mode") + "</td><td>" + cell(real, "mode") + "</td></tr>";
    html += "<tr><td>" + tr("panic") + "</td><td>" + cell(twin, "panic") + "</td><td></td></tr>";
    html += "<tr><td>" + tr("excess burst capacity") + "</td><td>" + cell(twin, "ebc") + "</td><td></td></tr>";
    html += "<tr><td>" + tr("stable / panic concurrency") + "</td><td>" + cell(twin, "stable") + " / " +
            cell(twin, "panic_value") + "</td><td></td></tr></table>";
  }
  fields_->setHtml(html);
}

QString LiveWindow::fields_html() const { return fields_->toHtml(); }

void LiveWindow::update_status() {
  QString state = running() ? tr("shadow running") : (finished_ && exit_code_ == 0 ? tr("shadow ended") : tr("shadow stopped"));
  if (showing_error()) state = tr("shadow failed");
  status_->setText(tr("%1 · %2 revisions · %3 ticks · %4 disagreements · latest t = %5 s")
                       .arg(state)
                       .arg(data_.revisions().size())
                       .arg(data_.tick_count())
                       .arg(data_.disagreements())
                       .arg(data_.last_t(), 0, 'f', 0));
}

}  // namespace knsim::gui
