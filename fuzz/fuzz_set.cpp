// `knsim run --set KEY=VALUE` expressions (manifests/sim_input_builder.hpp apply_overrides), one per input
// line, on a small fixed scenario.
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "fuzz/fuzz_support.hpp"
#include "manifests/scenario_bundle.hpp"
#include "manifests/sim_input_builder.hpp"

namespace {

const char* const kScenario = R"(apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello}
spec:
  template:
    spec:
      containers: [{image: example.com/hello:1}]
---
apiVersion: knsim.dev/v1alpha1
kind: Scenario
metadata: {name: fuzz}
spec:
  duration: 10s
  cluster: {nodePools: [{name: w, count: 1, cpu: 4, memory: 16Gi}]}
  workloads: [{service: hello, arrivals: {poisson: {rate: 5}}}]
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  using namespace knsim;
  static const manifests::ScenarioBundle base = [] {
    const fs::path file = fs::temp_directory_path() / ("knsim-fuzz-set-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(file) << kScenario;
    manifests::Diagnostics d;
    auto b = manifests::load_scenario(file, d);
    fs::remove(file);
    return b;
  }();
  manifests::ScenarioBundle b = base;
  manifests::Diagnostics diags;
  manifests::apply_overrides(b, fuzz::lines(fuzz::as_text(data, size)), diags);
  (void)diags.to_string();
  return 0;
}
