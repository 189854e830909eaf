#include "models/trace.hpp"

#include <fstream>
#include <sstream>

#include "models/detail/text_input.hpp"

namespace knsim::models {
namespace {

std::string join_issues(const std::vector<TraceIssue>& issues) {
  std::string s;
  for (const TraceIssue& i : issues) {
    if (!s.empty()) s += '\n';
    s += i.to_string();
  }
  return s;
}

// Traces are read whole (then parsed into ~32 bytes per request), so the text is bounded: a larger
// file, /dev/zero or an endless FIFO is a clear error instead of running out of memory.
constexpr std::size_t kMaxTraceBytes = std::size_t{256} << 20;  // 256 MiB, about 6 million rows

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TraceError({TraceIssue{path, 0, "", "cannot open the trace file"}});
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxTraceBytes) {
      throw TraceError({TraceIssue{path, 0, "",
                                   "larger than 256 MiB, knsim's limit for a trace file (traces are read whole): "
                                   "cut it into shorter traces or use azure2019 minute counts"}});
    }
  }
  if (in.bad()) throw TraceError({TraceIssue{path, 0, "", "cannot read the trace file"}});
  return text;
}

std::string_view format_name(TraceFormat f) {
  switch (f) {
    case TraceFormat::kAzure2021: return "azure2021";
    case TraceFormat::kAzure2019: return "azure2019";
    case TraceFormat::kCsv: return "csv";
    case TraceFormat::kJsonl: return "jsonl";
  }
  return "?";
}

}  // namespace

std::string TraceIssue::to_string() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  if (!field.empty()) s += "field '" + field + "': ";
  return s + message;
}

TraceError::TraceError(std::vector<TraceIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

std::uint64_t TraceData::request_count() const {
  std::uint64_t n = records.size();
  for (const MinuteSeries& m : minutes) {
    for (std::uint32_t c : m.counts) n += c;
  }
  return n;
}

std::shared_ptr<const TraceData> load_trace(const TraceSpec& spec) {
  const std::string text = read_file(spec.file);
  std::shared_ptr<TraceData> data;
  switch (spec.format) {
    case TraceFormat::kAzure2021: data = parse_azure2021(text, spec.file, spec); break;
    case TraceFormat::kAzure2019:
      data = parse_azure2019(text, spec.file, spec);
      if (!spec.durations.empty()) attach_azure2019_durations(*data, read_file(spec.durations), spec.durations);
      break;
    case TraceFormat::kCsv: data = parse_csv_trace(text, spec.file); break;
    case TraceFormat::kJsonl: data = parse_jsonl_trace(text, spec.file); break;
  }
  return data;
}

std::shared_ptr<const TraceData> TraceCache::get(const TraceSpec& spec) {
  std::string key(format_name(spec.format));
  for (const std::string* part : {&spec.file, &spec.app, &spec.function, &spec.durations}) {
    key += '\x1f';
    key += *part;
  }
  const auto it = loaded_.find(key);
  if (it != loaded_.end()) return it->second;
  auto data = load_trace(spec);
  loaded_.emplace(std::move(key), data);
  return data;
}

std::shared_ptr<TraceData> parse_azure2021(std::string_view text, const std::string& file,
                                           const TraceSpec& spec) {
  auto data = std::make_shared<TraceData>();
  data->format = TraceFormat::kAzure2021;
  data->file = file;
  detail::IssueList issues(file);
  detail::Interner names(data->names);
  std::vector<std::string> fields, header;
  int c_app = -1, c_func = -1, c_end = -1, c_dur = -1;
  std::size_t rows = 0;
  detail::for_each_line(text, [&](int line, std::string_view s) {
    if (s.empty()) return;
    if (header.empty()) {
      detail::split_csv(s, header);
      c_app = detail::column_index(header, "app");
      c_func = detail::column_index(header, "func");
      c_end = detail::column_index(header, "end_timestamp");
      c_dur = detail::column_index(header, "duration");
      for (auto [c, n] : {std::pair{c_app, "app"}, {c_func, "func"}, {c_end, "end_timestamp"}, {c_dur, "duration"}}) {
        if (c < 0) issues.add(line, n, "missing column (header must have app,func,end_timestamp,duration)");
      }
      return;
    }
    if (c_app < 0 || c_func < 0 || c_end < 0 || c_dur < 0) return;
    detail::split_csv(s, fields);
    if (fields.size() != header.size()) {
      issues.add(line, "", "expected " + std::to_string(header.size()) + " fields, got " + std::to_string(fields.size()));
      return;
    }
    const auto end = detail::parse_double(fields[c_end]);
    const auto dur = detail::parse_double(fields[c_dur]);
    if (!end || *end < 0) issues.add(line, "end_timestamp", "not a number >= 0: '" + fields[c_end] + "'");
    if (!dur || *dur < 0) issues.add(line, "duration", "not a number >= 0: '" + fields[c_dur] + "'");
    if (!end || !dur || *end < 0 || *dur < 0) return;
    ++rows;
    if (!spec.app.empty() && fields[c_app] != spec.app) return;
    if (!spec.function.empty() && fields[c_func] != spec.function) return;
    TraceRecord r;
    r.t = std::max(0.0, *end - *dur);
    r.duration = *dur;
    r.function = names.id(fields[c_func]);
    data->records.push_back(r);
  });
  if (header.empty()) issues.add(0, "", "empty trace (no header)");
  if (issues.empty() && rows == 0) issues.add(0, "", "no rows");
  if (issues.empty() && data->records.empty()) {
    issues.add(0, spec.function.empty() ? "app" : "function", "no row matches the app/function filter");
  }
  issues.throw_if_any();
  detail::finish_records(*data);
  return data;
}

std::shared_ptr<TraceData> parse_csv_trace(std::string_view text, const std::string& file) {
  auto data = std::make_shared<TraceData>();
  data->format = TraceFormat::kCsv;
  data->file = file;
  detail::IssueList issues(file);
  detail::Interner names(data->names);
  std::vector<std::string> fields, header;
  int c_t = -1, c_dur = -1, c_svc = -1, c_tag = -1;
  detail::for_each_line(text, [&](int line, std::string_view s) {
    if (s.empty()) return;
    if (header.empty()) {
      detail::split_csv(s, header);
      c_t = detail::column_index(header, "timestamp");
      c_dur = detail::column_index(header, "duration");
      c_svc = detail::column_index(header, "service");
      c_tag = detail::column_index(header, "tag");
      if (c_t < 0) issues.add(line, "timestamp", "missing column (the header must name 'timestamp')");
      return;
    }
    if (c_t < 0) return;
    detail::split_csv(s, fields);
    if (fields.size() != header.size()) {
      issues.add(line, "", "expected " + std::to_string(header.size()) + " fields, got " + std::to_string(fields.size()));
      return;
    }
    TraceRecord r;
    const auto t = detail::parse_double(fields[c_t]);
    if (!t || *t < 0) {
      issues.add(line, "timestamp", "not a number >= 0: '" + fields[c_t] + "'");
      return;
    }
    r.t = *t;
    if (c_dur >= 0 && !fields[c_dur].empty()) {
      const auto d = detail::parse_double(fields[c_dur]);
      if (!d || *d < 0) {
        issues.add(line, "duration", "not a number >= 0: '" + fields[c_dur] + "'");
        return;
      }
      r.duration = *d;
    }
    if (c_svc >= 0) r.service = names.id(fields[c_svc]);
    if (c_tag >= 0) r.tag = names.id(fields[c_tag]);
    data->records.push_back(r);
  });
  if (header.empty()) issues.add(0, "", "empty trace (no header)");
  if (issues.empty() && data->records.empty()) issues.add(0, "", "no rows");
  issues.throw_if_any();
  detail::finish_records(*data);
  return data;
}

}  // namespace knsim::models
