// Every `filter` case of knative-eventing-tests.json (97): legacy attribute filter and all
// SubscriptionsAPI dialects. Cases without test doubles also run through materialize_filters()
// (the path a Trigger takes), which must agree.
#include <gtest/gtest.h>

#include "core/eventing/filter.hpp"
#include "tests/core/eventing/vector_support.hpp"

namespace knsim::test::eventing {
namespace ev = knsim::core::eventing;

TEST(EventingFilterVectors, AllCasesMatchKnative) {
  auto cases = load_vectors("filter");
  ASSERT_GE(cases.size(), 1u);  // 97 in the shipped file
  int passed = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c["source"].get<std::string>());
    const auto& in = c["input"];
    ev::CloudEvent event = event_from_json(in["event"]);
    ev::FilterResult want = result_from_name(c["expect"]["result"].get<std::string>());
    ev::FilterResult got;
    if (in["filter_kind"] == "attributes") {
      const auto& attrs = in["filter"]["attributes"];
      std::optional<std::map<std::string, std::string>> m;
      if (!attrs.is_null()) {
        m.emplace();
        for (auto it = attrs.begin(); it != attrs.end(); ++it) (*m)[it.key()] = it.value().get<std::string>();
      }
      got = ev::CompiledFilter::legacy_attributes(m).evaluate(event);
      // The same through the Trigger path (spec.filter set, no filters).
      EXPECT_EQ(ev::compile_trigger_filter(ev::TriggerFilter{m}, {}).evaluate(event), got);
    } else {
      got = compiled_filter_from_json(in["filter"]).evaluate(event);
      auto api = api_filter_from_json(in["filter"]);
      if (api) {
        ev::FilterResult via_trigger = ev::materialize_filters({*api}).evaluate(event);
        EXPECT_EQ(ev::delivers(via_trigger), ev::delivers(want)) << "materialized path disagrees";
      }
    }
    EXPECT_EQ(ev::filter_result_name(got), ev::filter_result_name(want));
    passed += got == want;
  }
  EXPECT_EQ(passed, static_cast<int>(cases.size()));
}

}  // namespace knsim::test::eventing
