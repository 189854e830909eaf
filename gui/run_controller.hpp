#pragma once
// RunController: one `knsim run SCENARIO --out DIR --stream` child process (docs/run-stream.md).
// It reads the child's JSON lines into a RunData (on the GUI thread, but the simulation itself runs
// in the child, so the window never freezes) and writes commands (pause, resume, step S, speed X,
// end, quit) to the child's stdin. It signals only state changes (hello, paused, done, failed),
// never one signal per sample: views poll data() from a timer and plot the new rows in batches.
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <memory>

#include "gui/run_data.hpp"

namespace knsim::gui {

struct RunOptions {
  QString scenario;     // file or folder handed to `knsim run`
  QString out_dir;      // --out DIR
  bool start_paused = false;
  QStringList sets;     // KEY=VALUE, each passed as --set KEY=VALUE
};

class RunController : public QObject {
  Q_OBJECT
 public:
  explicit RunController(QObject* parent = nullptr);
  ~RunController() override;

  // The knsim executable: $KNSIM_BIN, else ../cli/knsim or ./knsim next to this executable (build
  // tree / install), else `knsim` on PATH. Empty if none exists.
  static QString locate_knsim();
  // Overrides locate_knsim() (tests use a fake stream player).
  void set_program(const QString& program) { program_ = program; }
  QString program() const;

  // Starts a new child (ending any previous one) with fresh RunData. False if it cannot start.
  bool start(const RunOptions& options);
  bool running() const;
  const RunOptions& options() const { return options_; }
  const RunData& data() const { return *data_; }
  QString stderr_text() const { return stderr_text_; }
  QStringList command_log() const { return command_log_; }  // commands sent, for replay/debugging
  // The child's exit code once it finished (2: invalid input, as `knsim run`); -1 = crashed or never ran.
  int exit_code() const { return exit_code_; }

  void pause() { send("pause"); }
  void resume() { send("resume"); }
  void step(double seconds);
  void set_speed(double sim_seconds_per_wall_second);  // 0 = as fast as possible
  void end() { send("end"); }
  void quit();
  // Blocks (processing events) until the child ends or timeout; for scripts and tests.
  bool wait_until_finished(int timeout_ms);

 signals:
  void hello_received();
  void paused_at(double t_s);
  void finished_ok();                    // `done` seen and exit code 0
  void failed(const QString& message);   // `error` line, bad exit code or failure to start
  void stderr_received(const QString& text);

 private:
  void send(const QString& command);
  void on_ready_read();
  void on_finished(int exit_code, QProcess::ExitStatus status);

  QString program_;
  RunOptions options_;
  QProcess* process_ = nullptr;
  std::unique_ptr<RunData> data_;
  QString stderr_text_;
  QStringList command_log_;
  bool finished_ = false;
  int exit_code_ = -1;
};

}  // namespace knsim::gui
