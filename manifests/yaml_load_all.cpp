#include "manifests/yaml_load_all.hpp"

#include <sstream>

#include <yaml-cpp/eventhandler.h>

namespace knsim::manifests {
namespace {

// Sees only where each document starts. Each real document starts past the one before; yaml-cpp's
// stuck loop starts every document at the same token, which is where this throws.
class ProgressCheck final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (started_ && mark.pos <= last_pos_) {
      throw YAML::ParserException(mark, "unexpected ',' outside a flow collection ([...] or {...})");
    }
    started_ = true;
    last_pos_ = mark.pos;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  bool started_ = false;
  int last_pos_ = -1;
};

}  // namespace

std::vector<YAML::Node> load_all_yaml(const std::string& text) {
  {
    std::istringstream in(text);
    YAML::Parser parser(in);
    ProgressCheck check;
    while (parser.HandleNextDocument(check)) {
    }
  }
  return YAML::LoadAll(text);
}

}  // namespace knsim::manifests
