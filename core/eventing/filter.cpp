#include "core/eventing/filter.hpp"

#include "core/eventing/cesql/parser.hpp"

namespace knsim::core::eventing {
namespace {

bool has_empty_key_or_value(const std::map<std::string, std::string>& m) {
  for (const auto& [k, v] : m) {
    if (k.empty() || v.empty()) return true;
  }
  return false;
}

std::optional<CompiledFilter> map_filter(CompiledFilter::Kind kind, std::map<std::string, std::string> m) {
  if (has_empty_key_or_value(m)) return std::nullopt;
  CompiledFilter f;
  f.kind = kind;
  f.attributes = std::move(m);
  return f;
}

// attributes/filter.go: legacy exact match with "" meaning "present and non-empty".
FilterResult eval_legacy(const std::optional<std::map<std::string, std::string>>& attrs, const CloudEvent& e) {
  if (!attrs) return FilterResult::kNoFilter;
  for (const auto& [k, v] : *attrs) {
    AttributeLookup a = lookup_attribute(e, k);
    if (!a.found) return FilterResult::kFail;
    if (v.empty()) {
      if (a.is_string && a.value.empty()) return FilterResult::kFail;
      continue;
    }
    // Interface comparison in Go: a non-string value never equals the filter string.
    if (!a.is_string || a.value != v) return FilterResult::kFail;
  }
  return FilterResult::kPass;
}

FilterResult eval_map(CompiledFilter::Kind kind, const std::map<std::string, std::string>& m, const CloudEvent& e) {
  for (const auto& [k, v] : m) {
    AttributeLookup a = lookup_attribute(e, k);
    if (!a.found) return FilterResult::kFail;
    bool ok = false;
    if (kind == CompiledFilter::Kind::kExact) ok = a.value == v;
    else if (kind == CompiledFilter::Kind::kPrefix) ok = a.value.compare(0, v.size(), v) == 0 && a.value.size() >= v.size();
    else ok = a.value.size() >= v.size() && a.value.compare(a.value.size() - v.size(), v.size(), v) == 0;
    if (!ok) return FilterResult::kFail;
  }
  return FilterResult::kPass;
}

FilterResult eval_cesql(const CompiledFilter& f, const CloudEvent& e) {
  if (f.cesql_text.empty()) return FilterResult::kNoFilter;
  if (!f.expression) return FilterResult::kFail;
  cesql::EvalResult r = f.expression->evaluate(e);
  if (!r.ok() || r.value.type != cesql::Type::kBoolean || !r.value.b) return FilterResult::kFail;
  return FilterResult::kPass;
}

}  // namespace

const char* filter_result_name(FilterResult r) {
  switch (r) {
    case FilterResult::kPass: return "PassFilter";
    case FilterResult::kFail: return "FailFilter";
    case FilterResult::kNoFilter: return "NoFilter";
  }
  return "?";
}

int SubscriptionsApiFilter::dialect_count() const {
  return !exact.empty() + !prefix.empty() + !suffix.empty() + !all.empty() + !any.empty() + !not_.empty() +
         !cesql.empty();
}

FilterResult CompiledFilter::evaluate(const CloudEvent& e) const {
  switch (kind) {
    case Kind::kConstant: return constant;
    case Kind::kAttributes: return eval_legacy(attributes, e);
    case Kind::kExact:
    case Kind::kPrefix:
    case Kind::kSuffix: return eval_map(kind, *attributes, e);
    case Kind::kAll: {
      FilterResult last = FilterResult::kNoFilter;
      for (const CompiledFilter& c : children) {
        last = c.evaluate(e);
        if (last == FilterResult::kFail) return last;
      }
      return last;
    }
    case Kind::kAny: {
      FilterResult last = FilterResult::kNoFilter;
      for (const CompiledFilter& c : children) {
        last = c.evaluate(e);
        if (last == FilterResult::kPass) return last;
      }
      return last;
    }
    case Kind::kNot: {
      if (children.empty()) return FilterResult::kNoFilter;
      FilterResult r = children[0].evaluate(e);
      if (r == FilterResult::kPass) return FilterResult::kFail;
      if (r == FilterResult::kFail) return FilterResult::kPass;
      return r;
    }
    case Kind::kCesql: return eval_cesql(*this, e);
  }
  return FilterResult::kNoFilter;
}

CompiledFilter CompiledFilter::constant_result(FilterResult r) {
  CompiledFilter f;
  f.constant = r;
  return f;
}

CompiledFilter CompiledFilter::legacy_attributes(std::optional<std::map<std::string, std::string>> attrs) {
  CompiledFilter f;
  f.kind = Kind::kAttributes;
  f.attributes = std::move(attrs);
  return f;
}

std::optional<CompiledFilter> CompiledFilter::exact(std::map<std::string, std::string> m) {
  return map_filter(Kind::kExact, std::move(m));
}
std::optional<CompiledFilter> CompiledFilter::prefix(std::map<std::string, std::string> m) {
  return map_filter(Kind::kPrefix, std::move(m));
}
std::optional<CompiledFilter> CompiledFilter::suffix(std::map<std::string, std::string> m) {
  return map_filter(Kind::kSuffix, std::move(m));
}

CompiledFilter CompiledFilter::all_of(std::vector<CompiledFilter> c) {
  CompiledFilter f;
  f.kind = Kind::kAll;
  f.children = std::move(c);
  return f;
}

CompiledFilter CompiledFilter::any_of(std::vector<CompiledFilter> c) {
  CompiledFilter f;
  f.kind = Kind::kAny;
  f.children = std::move(c);
  return f;
}

CompiledFilter CompiledFilter::not_of(std::optional<CompiledFilter> inner) {
  CompiledFilter f;
  f.kind = Kind::kNot;
  if (inner) f.children.push_back(std::move(*inner));
  return f;
}

std::optional<CompiledFilter> CompiledFilter::cesql(const std::string& expression) {
  CompiledFilter f;
  f.kind = Kind::kCesql;
  f.cesql_text = expression;
  if (expression.empty()) return f;
  cesql::ParseResult parsed = cesql::parse(expression);
  if (!parsed.ok()) return std::nullopt;
  f.expression = std::move(parsed.expression);
  return f;
}

std::optional<CompiledFilter> materialize(const SubscriptionsApiFilter& f) {
  if (!f.exact.empty()) return CompiledFilter::exact(f.exact);
  if (!f.prefix.empty()) return CompiledFilter::prefix(f.prefix);
  if (!f.suffix.empty()) return CompiledFilter::suffix(f.suffix);
  auto list = [](const std::vector<SubscriptionsApiFilter>& v) {
    std::vector<CompiledFilter> out;
    for (const auto& c : v) {
      if (auto m = materialize(c)) out.push_back(std::move(*m));
    }
    return out;
  };
  if (!f.all.empty()) return CompiledFilter::all_of(list(f.all));
  if (!f.any.empty()) return CompiledFilter::any_of(list(f.any));
  if (!f.not_.empty()) return CompiledFilter::not_of(materialize(f.not_.front()));
  if (!f.cesql.empty()) return CompiledFilter::cesql(f.cesql);
  return std::nullopt;
}

CompiledFilter materialize_filters(const std::vector<SubscriptionsApiFilter>& filters) {
  std::vector<CompiledFilter> out;
  for (const auto& f : filters) {
    if (auto m = materialize(f)) out.push_back(std::move(*m));
  }
  return CompiledFilter::all_of(std::move(out));
}

CompiledFilter compile_trigger_filter(const std::optional<TriggerFilter>& filter,
                                      const std::vector<SubscriptionsApiFilter>& filters) {
  if (!filters.empty()) return materialize_filters(filters);
  if (filter) return CompiledFilter::legacy_attributes(filter->attributes);
  return CompiledFilter::constant_result(FilterResult::kNoFilter);
}

}  // namespace knsim::core::eventing
