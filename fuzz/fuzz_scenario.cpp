// A whole scenario file (manifests + the Scenario document) through manifests::load_scenario, the
// loader of `knsim validate` and `knsim run`. The input is written to a per-process file because
// the loader reads paths (relative trace and apply paths resolve next to it, in an empty folder).
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fuzz/fuzz_support.hpp"
#include "manifests/bundle_summary.hpp"
#include "manifests/scenario_bundle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("knsim-fuzz-scenario-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  const fs::path file = dir / "scenario.yaml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  knsim::manifests::Diagnostics diags;
  const auto bundle = knsim::manifests::load_scenario(file, diags);
  if (!diags.has_errors()) (void)knsim::manifests::summarize(bundle);
  (void)diags.to_string();
  return 0;
}
