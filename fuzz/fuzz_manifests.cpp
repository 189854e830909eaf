// Knative manifests, YAML and JSON (JSON is YAML): Services, Configurations, Routes, ConfigMaps and
// the Eventing objects, read and validated as `knsim validate` does (manifests::parse_manifests).
#include "fuzz/fuzz_support.hpp"
#include "manifests/scenario_bundle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace knsim::manifests;
  static const KnativeConfigs configs = [] {
    Diagnostics d;
    return read_knative_configs({}, d);
  }();
  Diagnostics diags;
  (void)parse_manifests(std::string(knsim::fuzz::as_text(data, size)), "fuzz.yaml", "/nonexistent-knsim-fuzz",
                        configs, diags);
  (void)diags.to_string();
  return 0;
}
