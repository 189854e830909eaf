// The adapter's Prometheus answers (adapter/prometheus/prometheus_answer.hpp), as the HTTP bodies of
// query_range, an instant query and label values. The first byte picks which (0, 1, 2 mod 3); the
// rest is the body. Malformed answers must be a PrometheusError, nothing else.
#include "adapter/prometheus/prometheus_answer.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    switch (data[0] % 3) {
      case 0: {
        std::map<std::map<std::string, std::string>, knsim::adapter::PromSeries> merged;
        knsim::adapter::parse_range_answer(body, "query_range up", merged);
        break;
      }
      case 1: (void)knsim::adapter::parse_vector_answer(body, "query up"); break;
      default: (void)knsim::adapter::parse_label_values_answer(body, "label values"); break;
    }
  } catch (const knsim::adapter::PrometheusError&) {
  }
  return 0;
}
