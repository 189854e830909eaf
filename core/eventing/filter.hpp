#pragma once
// Trigger filters (knative/eventing pkg/eventfilter): the legacy `filter.attributes` exact match and
// every dialect of the SubscriptionsAPI `filters` (exact, prefix, suffix, all, any, not, cesql), with
// Knative's three-valued result and its materialisation rules (docs/spec/eventing.md §3.2-3.3):
//   - legacy: nil map -> NoFilter; each (k, v): extension missing -> Fail; v == "" needs a non-empty
//     value; otherwise exact, case-sensitive match (a non-string extension never matches "x").
//   - exact/prefix/suffix: missing -> Fail; AND over the map. An empty key or value makes the whole
//     dialect invalid: it materialises to nothing and is SKIPPED (so `exact: {type: ""}` alone
//     delivers everything).
//   - all: first Fail -> Fail, else the last child's result; any: first Pass -> Pass, else the last
//     child's result; zero children -> NoFilter. not: swaps Pass/Fail, keeps NoFilter.
//   - cesql: "" -> NoFilter; an evaluation error or a non-true result -> Fail.
// The broker delivers on Pass and on NoFilter.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/eventing/cesql/expression.hpp"
#include "core/eventing/cloud_event.hpp"

namespace knsim::core::eventing {

enum class FilterResult { kPass, kFail, kNoFilter };
// Knative's names: "PassFilter", "FailFilter", "NoFilter".
const char* filter_result_name(FilterResult r);
inline bool delivers(FilterResult r) { return r != FilterResult::kFail; }

// One element of `spec.filters` as written (eventingv1.SubscriptionsAPIFilter). Exactly one dialect
// should be set (validation reports "multiple dialects found"); at runtime the first non-empty one
// in the order exact, prefix, suffix, all, any, not, cesql is used.
struct SubscriptionsApiFilter {
  std::map<std::string, std::string> exact;
  std::map<std::string, std::string> prefix;
  std::map<std::string, std::string> suffix;
  std::vector<SubscriptionsApiFilter> all;
  std::vector<SubscriptionsApiFilter> any;
  // `not`: empty = not set, one element = set (a vector gives this recursive type value semantics).
  std::vector<SubscriptionsApiFilter> not_;
  std::string cesql;

  int dialect_count() const;
};

// A materialised, ready-to-run filter.
struct CompiledFilter {
  enum class Kind { kConstant, kAttributes, kExact, kPrefix, kSuffix, kAll, kAny, kNot, kCesql };
  Kind kind = Kind::kConstant;
  FilterResult constant = FilterResult::kNoFilter;         // kConstant
  std::optional<std::map<std::string, std::string>> attributes;  // kAttributes (nullopt = nil map); exact/prefix/suffix
  std::vector<CompiledFilter> children;                    // all/any; not: 0 (nil inner) or 1
  std::string cesql_text;                                  // kCesql
  std::optional<cesql::Expression> expression;             // kCesql, set when it parsed

  FilterResult evaluate(const CloudEvent& event) const;

  static CompiledFilter constant_result(FilterResult r);
  static CompiledFilter legacy_attributes(std::optional<std::map<std::string, std::string>> attrs);
  // NewExactFilter / NewPrefixFilter / NewSuffixFilter: nullopt when a key or value is empty.
  static std::optional<CompiledFilter> exact(std::map<std::string, std::string> m);
  static std::optional<CompiledFilter> prefix(std::map<std::string, std::string> m);
  static std::optional<CompiledFilter> suffix(std::map<std::string, std::string> m);
  static CompiledFilter all_of(std::vector<CompiledFilter> children);
  static CompiledFilter any_of(std::vector<CompiledFilter> children);
  static CompiledFilter not_of(std::optional<CompiledFilter> inner);
  // NewCESQLFilter: nullopt when the expression does not parse.
  static std::optional<CompiledFilter> cesql(const std::string& expression);
};

// MaterializeSubscriptionsAPIFilter: nullopt when nothing valid is set (the filter is skipped).
std::optional<CompiledFilter> materialize(const SubscriptionsApiFilter& f);
// CreateSubscriptionsAPIFilters: an implicit `all` over the list, skipping invalid elements.
CompiledFilter materialize_filters(const std::vector<SubscriptionsApiFilter>& filters);

// The filter a Trigger runs (filter_handler.go filterEvent precedence): non-empty `filters` win,
// else the legacy `filter` (nullopt = spec.filter nil; its attributes may themselves be nil),
// else NoFilter.
struct TriggerFilter {
  std::optional<std::map<std::string, std::string>> attributes;
};
CompiledFilter compile_trigger_filter(const std::optional<TriggerFilter>& filter,
                                      const std::vector<SubscriptionsApiFilter>& filters);

}  // namespace knsim::core::eventing
