#pragma once
// Request traces read from files (docs/spec/scenario.md "Arrivals", `trace:`), loaded once into an
// immutable TraceData that any number of TraceArrivals processes replay.
//
// Formats (times in SECONDS from the trace's start unless said otherwise):
//   azure2021  header `app,func,end_timestamp,duration` (any column order, extra columns ignored).
//              One request per row starting at end_timestamp - duration (a negative start is
//              clamped to 0); `duration` becomes the request's duration. Filters: TraceSpec::app,
//              TraceSpec::function (empty = all rows). The function hash is Arrival::function.
//   azure2019  header `HashOwner,HashApp,HashFunction,Trigger,1,2,...,N` (N <= 1440 minute columns),
//              each minute column an invocation count. Filter: TraceSpec::function (HashFunction).
//              Counts are spread inside each minute by TraceSpec::spread: poisson = uniformly random
//              instants (a Poisson process conditioned on the count), uniform = evenly spaced at
//              (k + 0.5) * 60 / count, burst = all at the minute's start. Optional durations file
//              (TraceSpec::durations, the Azure 2019 schema: HashFunction, percentile_Average_{0,1,25,
//              50,75,99,100} in MILLISECONDS): each request's duration is drawn from the empirical
//              distribution through those percentiles of its function (no row: no duration).
//   csv        header with `timestamp` (seconds) and optionally `duration` (seconds), `service`,
//              `tag`; other columns ignored. Fields may be double-quoted.
//   jsonl      one object per line: {"t": s, "service": "..", "duration": s, "tag": ".."}; only "t"
//              is required; other keys are ignored; blank lines are skipped.
// Row order: rows out of time order are SORTED (stable, by start time), never rejected.
// Errors: every bad row is reported as "file:line: field 'NAME': problem" (up to 50, then
// "... and N more"); load_trace throws TraceError with all of them. It never crashes on bad input.
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/distribution.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::models {

// One problem in a trace file: where (1-based line; 0 = the whole file) and which column/field.
struct TraceIssue {
  std::string file;
  int line = 0;
  std::string field;    // column or JSON key; empty when the whole line/file is wrong
  std::string message;  // "not a number: 'abc'"
  std::string to_string() const;  // "file:line: field 'duration': not a number: 'abc'"
};

class TraceError : public std::runtime_error {
 public:
  explicit TraceError(std::vector<TraceIssue> issues);
  const std::vector<TraceIssue>& issues() const { return issues_; }

 private:
  std::vector<TraceIssue> issues_;
};

// One request of a record-based trace (azure2021, csv, jsonl). Strings are indices into
// TraceData::names (0 = none / empty).
struct TraceRecord {
  double t = 0;          // start time, seconds from the trace start
  double duration = -1;  // seconds; < 0 = the trace gives none
  std::uint32_t service = 0;
  std::uint32_t tag = 0;
  std::uint32_t function = 0;
};

// One function row of an azure2019 trace.
struct MinuteSeries {
  std::uint32_t function = 0;          // index into TraceData::names
  std::vector<std::uint32_t> counts;   // invocations per minute, minute 0 first
  bool has_durations = false;
  Distribution durations;              // seconds; valid when has_durations
};

struct TraceData {
  TraceFormat format = TraceFormat::kCsv;
  std::string file;
  std::vector<std::string> names{""};  // interned strings; names[0] = ""
  std::vector<TraceRecord> records;    // record formats, sorted by t (stable)
  std::vector<MinuteSeries> minutes;   // azure2019
  // Length of one pass, used by `loop`: azure2019 = 60 s * number of minute columns; record
  // formats = ceil(max(end of any request, last start)) with at least 1 s. Example: the azure2021
  // sample's last end_timestamp 1260.056 gives a 1261 s period.
  double span = 0;

  std::uint64_t request_count() const;  // requests in one pass at scale 1 (sum of counts for 2019)
  std::string_view name(std::uint32_t i) const { return names[i]; }
};

// Loads and validates a trace. TraceSpec::file and ::durations are used as given (manifests/
// resolves them against the scenario file). Throws TraceError (never anything else for bad data;
// an unreadable file is a TraceError at line 0).
std::shared_ptr<const TraceData> load_trace(const TraceSpec& spec);

// Loads each distinct (format, file, app, function, durations) once; later calls share the data.
class TraceCache {
 public:
  std::shared_ptr<const TraceData> get(const TraceSpec& spec);  // throws TraceError

 private:
  std::map<std::string, std::shared_ptr<const TraceData>> loaded_;
};

// Parsers on in-memory text (used by load_trace; handy in tests). `file` only labels errors.
std::shared_ptr<TraceData> parse_azure2021(std::string_view text, const std::string& file,
                                           const TraceSpec& spec);
std::shared_ptr<TraceData> parse_azure2019(std::string_view text, const std::string& file,
                                           const TraceSpec& spec);
std::shared_ptr<TraceData> parse_csv_trace(std::string_view text, const std::string& file);
std::shared_ptr<TraceData> parse_jsonl_trace(std::string_view text, const std::string& file);
// Attaches an azure2019 durations file to the minute series of `data` (ms -> seconds).
void attach_azure2019_durations(TraceData& data, std::string_view text, const std::string& file);

}  // namespace knsim::models
