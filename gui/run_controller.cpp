#include "gui/run_controller.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>

namespace knsim::gui {

RunController::RunController(QObject* parent) : QObject(parent), data_(std::make_unique<RunData>()) {}

RunController::~RunController() {
  if (process_ && process_->state() != QProcess::NotRunning) {
    process_->disconnect(this);
    process_->write("quit\n");
    process_->closeWriteChannel();
    if (!process_->waitForFinished(2000)) process_->kill();
    process_->waitForFinished(1000);
  }
}

QString RunController::locate_knsim() {
  const QString env = qEnvironmentVariable("KNSIM_BIN");
  if (!env.isEmpty()) return env;
  const QDir here(QCoreApplication::applicationDirPath());
  for (const QString& candidate : {here.filePath("../cli/knsim"), here.filePath("knsim")}) {
    const QFileInfo info(candidate);
    if (info.isFile() && info.isExecutable()) return info.canonicalFilePath();
  }
  return QStandardPaths::findExecutable("knsim");
}

QString RunController::program() const { return program_.isEmpty() ? locate_knsim() : program_; }

bool RunController::start(const RunOptions& options) {
  if (process_) {
    process_->disconnect(this);
    if (process_->state() != QProcess::NotRunning) {
      process_->kill();
      process_->waitForFinished(1000);
    }
    process_->deleteLater();
  }
  options_ = options;
  data_ = std::make_unique<RunData>();
  stderr_text_.clear();
  command_log_.clear();
  finished_ = false;
  exit_code_ = -1;
  const QString prog = program();
  if (prog.isEmpty()) {
    finished_ = true;
    emit failed(tr("knsim executable not found: build it, put it on PATH or set KNSIM_BIN"));
    return false;
  }
  QStringList args{"run", options.scenario, "--out", options.out_dir, "--stream"};
  if (options.start_paused) args << "--start-paused";
  for (const QString& s : options.sets) args << "--set" << s;
  process_ = new QProcess(this);
  connect(process_, &QProcess::readyReadStandardOutput, this, &RunController::on_ready_read);
  connect(process_, &QProcess::readyReadStandardError, this, [this] {
    const QString text = QString::fromUtf8(process_->readAllStandardError());
    stderr_text_ += text;
    emit stderr_received(text);
  });
  connect(process_, &QProcess::finished, this, &RunController::on_finished);
  connect(process_, &QProcess::errorOccurred, this, [this, prog](QProcess::ProcessError e) {
    if (e == QProcess::FailedToStart) {
      finished_ = true;
      emit failed(tr("cannot start %1: %2").arg(prog, process_->errorString()));
    }
  });
  process_->start(prog, args);
  return process_->waitForStarted(5000);
}

bool RunController::running() const { return process_ && process_->state() != QProcess::NotRunning; }

void RunController::send(const QString& command) {
  if (!running()) return;
  command_log_ << command;
  process_->write((command + "\n").toUtf8());
  process_->waitForBytesWritten(100);  // deliver now, even if the caller blocks the event loop next
}

void RunController::step(double seconds) { send(QStringLiteral("step %1").arg(seconds)); }

void RunController::set_speed(double x) { send(QStringLiteral("speed %1").arg(x)); }

void RunController::quit() {
  send("quit");
  if (running()) process_->closeWriteChannel();
}

void RunController::on_ready_read() {
  while (process_->canReadLine()) {
    const QByteArray line = process_->readLine();
    const std::string type = data_->ingest_line(std::string_view(line.constData(), line.size()));
    if (type == "hello") emit hello_received();
    else if (type == "paused") emit paused_at(data_->last_t());
  }
}

void RunController::on_finished(int exit_code, QProcess::ExitStatus status) {
  on_ready_read();
  // A last line without '\n' is still a line.
  const QByteArray rest = process_->readAllStandardOutput();
  if (!rest.isEmpty()) data_->ingest_line(std::string_view(rest.constData(), rest.size()));
  stderr_text_ += QString::fromUtf8(process_->readAllStandardError());
  finished_ = true;
  exit_code_ = status == QProcess::NormalExit ? exit_code : -1;
  if (status == QProcess::NormalExit && exit_code == 0 && data_->done()) {
    emit finished_ok();
    return;
  }
  QString message = QString::fromStdString(data_->error());
  if (message.isEmpty()) message = stderr_text_.trimmed();
  if (message.isEmpty() && exit_code == 0 && status == QProcess::NormalExit)
    message = tr("the run stopped before its end");
  if (message.isEmpty()) message = tr("knsim exited with code %1").arg(exit_code);
  emit failed(message);
}

bool RunController::wait_until_finished(int timeout_ms) {
  QElapsedTimer clock;
  clock.start();
  while (!finished_ && clock.elapsed() < timeout_ms) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (process_ && process_->state() != QProcess::NotRunning) process_->waitForReadyRead(20);
  }
  return finished_;
}

}  // namespace knsim::gui
