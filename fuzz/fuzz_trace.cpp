// The trace readers (models/trace.hpp). The first byte picks the format: 0 azure2021, 1 azure2019,
// 2 csv, 3 jsonl, 4 azure2019 with the rest split at the first "\n\n" into counts and a durations
// file. Bad input must be a TraceError, never anything else.
#include <cstdlib>

#include "fuzz/fuzz_support.hpp"
#include "models/trace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace knsim::models;
  if (size == 0) return 0;
  const std::string_view text = knsim::fuzz::as_text(data + 1, size - 1);
  TraceSpec spec;
  try {
    switch (data[0] % 5) {
      case 0: (void)parse_azure2021(text, "fuzz.csv", spec); break;
      case 1: (void)parse_azure2019(text, "fuzz.csv", spec); break;
      case 2: (void)parse_csv_trace(text, "fuzz.csv"); break;
      case 3: (void)parse_jsonl_trace(text, "fuzz.jsonl"); break;
      default: {
        const auto split = text.find("\n\n");
        const auto counts = text.substr(0, split);
        auto trace = parse_azure2019(counts, "fuzz.csv", spec);
        if (split != std::string_view::npos) attach_azure2019_durations(*trace, text.substr(split + 2), "d.csv");
      }
    }
  } catch (const TraceError&) {
  }
  return 0;
}
