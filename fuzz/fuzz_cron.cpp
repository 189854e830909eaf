// PingSource cron schedules (core/eventing/cron.hpp): parse, then ask for a few next times, which
// must terminate for any schedule that parsed (e.g. "0 0 31 2 *" never fires).
#include "core/eventing/cron.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace knsim::core::eventing;
  const std::string_view text = knsim::fuzz::as_text(data, size);
  for (bool second_optional : {true, false}) {
    const auto r = parse_cron(text, second_optional);
    if (!r.schedule) continue;
    double t = 1.7e9;  // 2023-11-14
    for (int i = 0; i < 3; ++i) {
      const auto next = r.schedule->next(t);
      if (!next) break;
      t = static_cast<double>(*next);
    }
  }
  return 0;
}
