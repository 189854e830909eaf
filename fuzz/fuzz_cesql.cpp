// CESQL expressions of Trigger filters (core/eventing/cesql): parse, then evaluate on an event.
#include "core/eventing/cesql/parser.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace knsim::core::eventing;
  const std::string_view text = knsim::fuzz::as_text(data, size);
  const auto parsed = cesql::parse(text);
  if (!parsed.ok()) return 0;
  CloudEvent e;
  e.id = "1";
  e.source = "fuzz/source";
  e.type = "dev.knsim.fuzz";
  e.subject = "subject-42";
  (void)cesql::evaluate(text, e);
  return 0;
}
