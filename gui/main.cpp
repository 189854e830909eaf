#include <QApplication>
#include <QLabel>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QLabel label("knsim-gui: not built yet");
  label.show();
  return app.exec();
}
