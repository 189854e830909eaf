// Prometheus' answers parsed apart from HTTP (adapter/prometheus/prometheus_answer.hpp): good bodies
// give the series, malformed ones a PrometheusError naming the field (they threw nlohmann's
// type_error, or read a missing `data` of a const object, before fuzz_prometheus existed).
#include <gtest/gtest.h>

#include <cmath>

#include "adapter/prometheus/prometheus_answer.hpp"

namespace knsim::adapter {
namespace {

TEST(PrometheusAnswer, RangeMergesByLabelsAndReadsStringValues) {
  std::map<std::map<std::string, std::string>, PromSeries> merged;
  parse_range_answer(R"({"status":"success","data":{"resultType":"matrix","result":[
      {"metric":{"r":"a"},"values":[[10,"1"],[25,"NaN"]]},{"metric":{"r":"b"},"values":[[10,"+Inf"]]}]}})",
                     "q", merged);
  parse_range_answer(R"({"status":"success","data":{"resultType":"matrix","result":[
      {"metric":{"r":"a"},"values":[[40,"2.5"]]}]}})", "q", merged);
  ASSERT_EQ(merged.size(), 2u);
  const PromSeries& a = merged.at({{"r", "a"}});
  ASSERT_EQ(a.points.size(), 3u);
  EXPECT_EQ(a.points[0], (std::pair<double, double>{10, 1}));
  EXPECT_TRUE(std::isnan(a.points[1].second));
  EXPECT_EQ(a.points[2], (std::pair<double, double>{40, 2.5}));
  EXPECT_TRUE(std::isinf(merged.at({{"r", "b"}}).points[0].second));
}

TEST(PrometheusAnswer, VectorAndLabelValues) {
  const auto v = parse_vector_answer(
      R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"r":"a"},"value":[5.5,"3"]}]}})", "q");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].labels.at("r"), "a");
  EXPECT_EQ(v[0].points[0], (std::pair<double, double>{5.5, 3}));
  EXPECT_TRUE(parse_vector_answer(R"({"status":"success","data":{"resultType":"scalar","result":[1,"2"]}})", "q").empty());
  EXPECT_EQ(parse_label_values_answer(R"({"status":"success","data":["b","a"]})", "q"),
            (std::set<std::string>{"a", "b"}));
}

struct BadCase {
  int kind;  // 0 range, 1 vector, 2 label values
  const char* body;
  const char* message;  // part of the error
};

TEST(PrometheusAnswer, MalformedAnswersNameTheField) {
  const BadCase cases[] = {
      {0, "", "the body is not JSON"},
      {0, "[1]", "the body is not an object"},
      {0, R"({"status":"error","error":"x"})", "status is not \"success\""},
      {0, R"({"status":"success"})", "data is missing"},
      {0, R"({"status":"success","data":{"result":7}})", "data.result is not an array"},
      {0, R"({"status":"success","data":{"result":[{"metric":{"a":1}}]}})", "data.result[0].metric.a is not a string"},
      {0, R"({"status":"success","data":{"result":[{"values":[[1,2]]}]}})", "data.result[0].values[0][1] is not a string"},
      {0, R"({"status":"success","data":{"result":[{"values":[["1","2"]]}]}})", "data.result[0].values[0][0] is not a number"},
      {0, R"({"status":"success","data":{"result":[{"values":[[1]]}]}})", "data.result[0].values[0] is not a [time"},
      {1, R"({"status":"success","data":{"resultType":"vector","result":[{"value":{}}]}})", "data.result[0].value is not"},
      {1, R"({"status":"success","data":[]})", "data is not an object"},
      {2, R"({"status":"success","data":[1]})", "data[0] is not a string"},
      {2, R"({"status":"success","data":{}})", "data is not an array"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.body);
    try {
      std::map<std::map<std::string, std::string>, PromSeries> merged;
      if (c.kind == 0) parse_range_answer(c.body, "query_range up", merged);
      else if (c.kind == 1) (void)parse_vector_answer(c.body, "query up");
      else (void)parse_label_values_answer(c.body, "label values");
      ADD_FAILURE() << "accepted";
    } catch (const PrometheusError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("bad answer"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace knsim::adapter
