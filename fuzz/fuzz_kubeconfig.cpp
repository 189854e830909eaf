// The adapter's kubeconfig reader (adapter/kube/kubeconfig.hpp): one file, current context. Bad
// input must be a KubeconfigError (or std::exception with a message), never a crash.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "adapter/kube/kubeconfig.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  static const fs::path file = fs::temp_directory_path() / ("knsim-fuzz-kubeconfig-" + std::to_string(::getpid()));
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    (void)knsim::adapter::load_kubeconfig_files({file}, "");
  } catch (const std::exception&) {
  }
  try {
    (void)knsim::adapter::base64_decode(std::string(knsim::fuzz::as_text(data, size)));
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
