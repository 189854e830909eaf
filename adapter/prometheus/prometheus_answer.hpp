#pragma once
// The bodies Prometheus' HTTP API answers (docs/spec/adapter.md "Prometheus HTTP API"), parsed apart
// from the transport so that a fuzzer and tests reach them without a server:
//   query_range  {"status":"success","data":{"resultType":"matrix","result":[{"metric":{..},"values":[[t,"v"],..]}]}}
//   query        {"status":"success","data":{"resultType":"vector","result":[{"metric":{..},"value":[t,"v"]}]}}
//   label values {"status":"success","data":["name", ...]}
// Values are strings ("NaN", "+Inf" allowed: strtod reads them); times are numbers (Unix seconds).
// Anything else (not JSON, status not success, a field of another type) is a PrometheusError that
// names the field, e.g. "bad answer: data.result[0].values[3][1] is not a string". Never a crash.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace knsim::adapter {

struct PromSeries {
  std::map<std::string, std::string> labels;
  std::vector<std::pair<double, double>> points;   // (Unix seconds, value)
};

class PrometheusError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A query_range answer's series, appended to `merged` by label set (answers of a range split in
// parts merge into one series each). `what` starts the error message (e.g. "query_range up").
void parse_range_answer(std::string_view body, const std::string& what,
                        std::map<std::map<std::string, std::string>, PromSeries>& merged);
// An instant query's series (one point each); a result type other than vector gives none.
std::vector<PromSeries> parse_vector_answer(std::string_view body, const std::string& what);
// /api/v1/label/<name>/values: the names (a non-string entry is an error).
std::set<std::string> parse_label_values_answer(std::string_view body, const std::string& what);

}  // namespace knsim::adapter
