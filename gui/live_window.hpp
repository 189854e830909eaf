#pragma once
// LiveWindow (`knsim-gui --live`): the twin beside a real cluster. It runs
//   knsim cluster shadow --stream [--kubeconfig F] [--context C] [-n NS] [--duration D]
// as a child process (QProcess; the knsim executable found as for runs: RunController::locate_knsim,
// so $KNSIM_BIN points it at a stand-in in tests) and reads its lines into a LiveData. Left: the
// live plots (LivePlots), or, when the child fails, its error where the plots would be (RunErrorView).
// Right, the Explain tab: the shadow line of each revision at the cursor (twin and real fields, as
// printed), above the GUI's ExplainPanel fed with the twin's decisions as if they were a simulation's.
// A 200 ms timer pulls new lines into the views (batched).
#include <QMainWindow>
#include <QProcess>
#include <QString>
#include <QStringList>

#include "gui/live_data.hpp"

class QLabel;
class QScrollArea;
class QSplitter;
class QStackedWidget;
class QTextBrowser;
class QTimer;

namespace knsim::gui {

class ExplainPanel;
class LivePlots;
class RunErrorView;

struct LiveOptions {
  QString kubeconfig, context, namespace_name, duration;  // empty = not passed
};

class LiveWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit LiveWindow(QWidget* parent = nullptr);
  ~LiveWindow() override;

  void set_program(const QString& program) { program_ = program; }  // default: RunController::locate_knsim()
  // The child's arguments for these options (after the program).
  static QStringList shadow_arguments(const LiveOptions& options);
  // Starts the shadow child (ending a previous one). False (and the error shown) if it cannot start.
  bool start(const LiveOptions& options);
  void stop();
  bool running() const;
  // Blocks (processing events) until the child ends or timeout; for scripts and tests.
  bool wait_until_finished(int timeout_ms);
  int exit_code() const { return exit_code_; }  // -1 while running, crashed or never started
  QString stderr_text() const { return stderr_text_; }

  void refresh_views();
  void set_cursor(double t_s);  // moves the cursor and explains that moment
  const LiveData& data() const { return data_; }
  LivePlots* plots() const { return plots_; }
  ExplainPanel* explain_panel() const { return explain_; }
  RunErrorView* error_view() const { return error_view_; }
  bool showing_error() const;
  QString fields_html() const;  // the shadow lines at the cursor
  QSplitter* splitter() const { return splitter_; }

 private:
  void on_stdout();
  void on_finished(int exit_code, QProcess::ExitStatus status);
  void show_failure(const QString& heading);
  void update_fields();
  void update_status();

  QString program_;
  QProcess* process_ = nullptr;
  LiveData data_;
  QByteArray partial_;  // an unfinished stdout line
  QString stderr_text_;
  int exit_code_ = -1;
  bool finished_ = true;
  bool user_cursor_ = false;  // a click placed the cursor: stop following the newest tick
  LivePlots* plots_ = nullptr;
  QScrollArea* plot_scroll_ = nullptr;
  RunErrorView* error_view_ = nullptr;
  QStackedWidget* left_ = nullptr;
  ExplainPanel* explain_ = nullptr;
  QTextBrowser* fields_ = nullptr;
  QSplitter* splitter_ = nullptr;
  QLabel* status_ = nullptr;
  QTimer* timer_ = nullptr;
};

}  // namespace knsim::gui
