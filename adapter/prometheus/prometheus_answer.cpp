#include "adapter/prometheus/prometheus_answer.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

namespace knsim::adapter {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& what, const std::string& field, const char* problem) {
  throw PrometheusError(what + ": bad answer: " + field + " " + problem);
}

// The answer's `data` after checking the envelope.
json data_of(std::string_view body, const std::string& what) {
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded()) bad(what, "the body", "is not JSON");
  if (!j.is_object()) bad(what, "the body", "is not an object");
  const auto status = j.find("status");
  if (status == j.end() || !status->is_string() || *status != "success") bad(what, "status", "is not \"success\"");
  const auto data = j.find("data");
  if (data == j.end()) bad(what, "data", "is missing");
  return std::move(*data);
}

std::map<std::string, std::string> labels_of(const json& series, const std::string& what, const std::string& field) {
  std::map<std::string, std::string> labels;
  const auto metric = series.find("metric");
  if (metric == series.end()) return labels;
  if (!metric->is_object()) bad(what, field + ".metric", "is not an object");
  for (const auto& [k, v] : metric->items()) {
    if (!v.is_string()) bad(what, field + ".metric." + k, "is not a string");
    labels[k] = v.get<std::string>();
  }
  return labels;
}

// One [t, "v"] pair.
std::pair<double, double> point_of(const json& p, const std::string& what, const std::string& field) {
  if (!p.is_array() || p.size() != 2) bad(what, field, "is not a [time, \"value\"] pair");
  if (!p[0].is_number()) bad(what, field + "[0]", "is not a number");
  if (!p[1].is_string()) bad(what, field + "[1]", "is not a string");
  return {p[0].get<double>(), std::strtod(p[1].get_ref<const std::string&>().c_str(), nullptr)};
}

const json& result_of(const json& data, const std::string& what) {
  if (!data.is_object()) bad(what, "data", "is not an object");
  const auto result = data.find("result");
  if (result == data.end() || !result->is_array()) bad(what, "data.result", "is not an array");
  return *result;
}

}  // namespace

void parse_range_answer(std::string_view body, const std::string& what,
                        std::map<std::map<std::string, std::string>, PromSeries>& merged) {
  const json data = data_of(body, what);
  const json& result = result_of(data, what);
  for (std::size_t i = 0; i < result.size(); ++i) {
    const std::string field = "data.result[" + std::to_string(i) + "]";
    const json& s = result[i];
    if (!s.is_object()) bad(what, field, "is not an object");
    const auto labels = labels_of(s, what, field);
    PromSeries& out = merged[labels];
    out.labels = labels;
    const auto values = s.find("values");
    if (values == s.end()) continue;
    if (!values->is_array()) bad(what, field + ".values", "is not an array");
    for (std::size_t k = 0; k < values->size(); ++k)
      out.points.push_back(point_of((*values)[k], what, field + ".values[" + std::to_string(k) + "]"));
  }
}

std::vector<PromSeries> parse_vector_answer(std::string_view body, const std::string& what) {
  const json data = data_of(body, what);
  std::vector<PromSeries> out;
  if (!data.is_object()) bad(what, "data", "is not an object");
  const auto type = data.find("resultType");
  if (type == data.end() || !type->is_string() || *type != "vector") return out;
  const json& result = result_of(data, what);
  for (std::size_t i = 0; i < result.size(); ++i) {
    const std::string field = "data.result[" + std::to_string(i) + "]";
    const json& s = result[i];
    if (!s.is_object()) bad(what, field, "is not an object");
    PromSeries& series = out.emplace_back();
    series.labels = labels_of(s, what, field);
    const auto value = s.find("value");
    if (value != s.end()) series.points.push_back(point_of(*value, what, field + ".value"));
  }
  return out;
}

std::set<std::string> parse_label_values_answer(std::string_view body, const std::string& what) {
  const json data = data_of(body, what);
  if (!data.is_array()) bad(what, "data", "is not an array");
  std::set<std::string> names;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (!data[i].is_string()) bad(what, "data[" + std::to_string(i) + "]", "is not a string");
    names.insert(data[i].get<std::string>());
  }
  return names;
}

}  // namespace knsim::adapter
