// Implementation of vector_support.hpp (named *_test.cpp so the test glob compiles it) plus a
// check that the vector file holds the 235 cases the suites below consume.
#include "tests/core/eventing/vector_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include <stdexcept>

#include "tests/support/test_data.hpp"

namespace knsim::test::eventing {
namespace ev = knsim::core::eventing;
using nlohmann::json;

namespace {
// The whole file, or a std::runtime_error naming it (only ever called from test bodies).
const json& load_all() {
  static const knsim::test::JsonFile file =
      knsim::test::read_json_file(knsim::test::knative_vectors_dir() / "knative-eventing-tests.json");
  if (!file.ok()) throw std::runtime_error(file.error);
  return file.doc;
}
std::map<std::string, std::string> string_map(const json& j) {
  std::map<std::string, std::string> m;
  for (auto it = j.begin(); it != j.end(); ++it) m[it.key()] = it.value().get<std::string>();
  return m;
}
}  // namespace

std::vector<json> load_vectors(const std::string& kind) {
  const json& all = load_all();
  std::vector<json> out;
  for (const auto& c : all) {
    if (c.value("kind", "") == kind) out.push_back(c);
  }
  return out;
}

ev::CloudEvent event_from_json(const json& j) {
  ev::CloudEvent e;
  e.specversion = j.value("specversion", "1.0");
  e.id = j.value("id", "");
  e.type = j.value("type", "");
  e.source = j.value("source", "");
  auto opt = [&](const char* k) -> std::optional<std::string> {
    if (j.contains(k) && j[k].is_string()) return j[k].get<std::string>();
    return std::nullopt;
  };
  e.subject = opt("subject");
  e.time = opt("time");
  e.dataschema = opt("dataschema");
  e.datacontenttype = opt("datacontenttype");
  e.datacontentencoding = opt("datacontentencoding");
  if (j.contains("extensions")) {
    for (auto it = j["extensions"].begin(); it != j["extensions"].end(); ++it) {
      const json& v = it.value();
      if (v.is_number_integer()) e.set_extension(it.key(), ev::ExtensionValue::integer_value(v.get<long long>()));
      else if (v.is_boolean()) e.set_extension(it.key(), ev::ExtensionValue::boolean_value(v.get<bool>()));
      else e.set_extension(it.key(), ev::ExtensionValue::string(v.get<std::string>()));
    }
  }
  return e;
}

ev::DeliverySpec delivery_from_json(const json& j) {
  ev::DeliverySpec d;
  if (j.contains("retry")) d.retry = j["retry"].get<long long>();
  if (j.contains("backoffPolicy")) d.backoff_policy = j["backoffPolicy"].get<std::string>();
  if (j.contains("backoffDelay")) d.backoff_delay = j["backoffDelay"].get<std::string>();
  if (j.contains("timeout")) d.timeout = j["timeout"].get<std::string>();
  if (j.contains("retryAfterMax")) d.retry_after_max = j["retryAfterMax"].get<std::string>();
  return d;
}

ev::FilterResult result_from_name(const std::string& name) {
  if (name == "PassFilter") return ev::FilterResult::kPass;
  if (name == "FailFilter") return ev::FilterResult::kFail;
  return ev::FilterResult::kNoFilter;
}

ev::CompiledFilter compiled_filter_from_json(const json& j) {
  using CF = ev::CompiledFilter;
  if (j.contains("$stub")) return CF::constant_result(result_from_name(j["$stub"].get<std::string>()));
  if (j.contains("$nofilter")) return CF::constant_result(ev::FilterResult::kNoFilter);
  auto list = [](const json& a) {
    std::vector<CF> out;
    for (const auto& c : a) out.push_back(compiled_filter_from_json(c));
    return out;
  };
  if (j.contains("exact")) return *CF::exact(string_map(j["exact"]));
  if (j.contains("prefix")) return *CF::prefix(string_map(j["prefix"]));
  if (j.contains("suffix")) return *CF::suffix(string_map(j["suffix"]));
  if (j.contains("all")) return CF::all_of(list(j["all"]));
  if (j.contains("any")) return CF::any_of(list(j["any"]));
  if (j.contains("not")) {
    if (j["not"].is_null()) return CF::not_of(std::nullopt);
    return CF::not_of(compiled_filter_from_json(j["not"]));
  }
  std::optional<CF> c = CF::cesql(j.value("cesql", ""));
  EXPECT_TRUE(c.has_value()) << "cesql did not parse: " << j.dump();
  return c ? *c : CF::constant_result(ev::FilterResult::kFail);
}

std::optional<ev::SubscriptionsApiFilter> api_filter_from_json(const json& j) {
  if (j.contains("$stub") || j.contains("$nofilter")) return std::nullopt;
  ev::SubscriptionsApiFilter f;
  auto list = [](const json& a, std::vector<ev::SubscriptionsApiFilter>& out) {
    for (const auto& c : a) {
      auto child = api_filter_from_json(c);
      if (!child) return false;
      out.push_back(*child);
    }
    return true;
  };
  if (j.contains("exact")) f.exact = string_map(j["exact"]);
  if (j.contains("prefix")) f.prefix = string_map(j["prefix"]);
  if (j.contains("suffix")) f.suffix = string_map(j["suffix"]);
  if (j.contains("all") && !list(j["all"], f.all)) return std::nullopt;
  if (j.contains("any") && !list(j["any"], f.any)) return std::nullopt;
  if (j.contains("not") && !j["not"].is_null()) {
    auto inner = api_filter_from_json(j["not"]);
    if (!inner) return std::nullopt;
    f.not_.push_back(*inner);
  }
  if (j.contains("cesql")) f.cesql = j["cesql"].get<std::string>();
  return f;
}

// Every case of the file has a kind some suite below runs, so none is silently skipped (the
// shipped file holds 235).
TEST(EventingVectors, EveryCaseHasAHandledKind) {
  std::size_t handled = 0;
  for (const char* kind : {"filter", "broker_filter_handler", "backoff", "retry_decision", "retry_after_backoff",
                           "channel_fanout", "broker_ingress_handler", "retry_config", "ttl", "backoff_schedule"}) {
    handled += load_vectors(kind).size();
  }
  EXPECT_EQ(handled, load_all().size());
  EXPECT_GE(handled, 235u);
}

}  // namespace knsim::test::eventing
