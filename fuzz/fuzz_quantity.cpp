// Kubernetes quantities ("500m", "128Mi", "1e3") of resources and node pools (core/api/quantity.hpp).
#include "core/api/quantity.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string error;
  (void)knsim::core::api::parse_quantity(knsim::fuzz::as_text(data, size), &error);
  return 0;
}
