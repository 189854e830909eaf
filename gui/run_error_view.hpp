#pragma once
// RunErrorView: shown where the plots would be when the scenario cannot be run or the run failed:
// a heading and the error exactly as `knsim run` prints it on the command line (file, line and
// field path of every problem), so a failed run never looks like an empty or half-drawn plot.
#include <QString>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace knsim::gui {

class RunErrorView : public QWidget {
  Q_OBJECT
 public:
  explicit RunErrorView(QWidget* parent = nullptr);

  void set_error(const QString& heading, const QString& text);
  QString heading() const;
  QString text() const;

 private:
  QLabel* heading_ = nullptr;
  QPlainTextEdit* text_ = nullptr;
};

}  // namespace knsim::gui
