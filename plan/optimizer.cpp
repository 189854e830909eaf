#include "plan/optimizer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include <nlopt.hpp>

#include "plan/run_pool.hpp"

namespace knsim::plan {

namespace fs = std::filesystem;

std::string Constraint::text() const { return metric + (at_most ? "<=" : ">=") + format_value(limit); }

std::optional<Constraint> parse_constraint(const std::string& text, std::string* error) {
  std::string t;
  for (char c : text)
    if (c != ' ') t += c;
  Constraint c;
  auto op = t.find("<=");
  if (op == std::string::npos) {
    op = t.find(">=");
    c.at_most = false;
  }
  if (op == std::string::npos) {
    *error = "--constraint '" + text + "': expected METRIC<=VALUE or METRIC>=VALUE";
    return std::nullopt;
  }
  c.metric = t.substr(0, op);
  if (!metric_index(c.metric)) {
    *error = "--constraint '" + text + "': unknown metric '" + c.metric + "' (one of " + metric_list() + ")";
    return std::nullopt;
  }
  const std::string v = t.substr(op + 2);
  const auto r = std::from_chars(v.data(), v.data() + v.size(), c.limit);
  if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(c.limit)) {
    *error = "--constraint '" + text + "': VALUE must be a number";
    return std::nullopt;
  }
  return c;
}

bool better(const Evaluation& a, const Evaluation& b) {
  if (a.feasible != b.feasible) return a.feasible;
  if (a.feasible) return a.objective < b.objective;
  return a.violation != b.violation ? a.violation < b.violation : a.objective < b.objective;
}

nlohmann::ordered_json optimize_identity(const OptimizeSpec& spec) {
  nlohmann::ordered_json j;
  j["kind"] = "optimize";
  j["scenario"] = spec.scenario;
  j["sets"] = spec.sets;
  auto params = nlohmann::ordered_json::array();
  for (const auto& p : spec.params)
    params.push_back({{"key", p.key}, {"low", p.format(p.low)}, {"high", p.format(p.high)},
                      {"step", p.step ? nlohmann::ordered_json(p.format(*p.step)) : nlohmann::ordered_json()}});
  j["params"] = params;
  j["seeds"] = spec.seeds;
  j["minimize"] = spec.minimize;
  auto cs = nlohmann::ordered_json::array();
  for (const auto& c : spec.constraints) cs.push_back(c.text());
  j["constraints"] = cs;
  j["budget"] = spec.budget;
  return j;
}

namespace {

constexpr double kInfeasible = 1e15;   // barrier added to infeasible points' scores (see header)
constexpr std::size_t kContinuousSteps = 64;  // compass grid of a parameter without STEP

class BudgetExhausted : public std::exception {};

class Search {
 public:
  Search(const OptimizeSpec& spec, const ExecOptions& exec) : spec_(spec), exec_(exec) {
    for (const auto& p : spec_.params) out_.table.keys.push_back(p.key);
  }

  // Positions: grid index per parameter (0..positions(i)-1).
  std::size_t positions(std::size_t i) const {
    const auto& p = spec_.params[i];
    return p.step ? p.grid_size() : kContinuousSteps + 1;
  }
  double value_at(std::size_t i, std::size_t k) const {
    const auto& p = spec_.params[i];
    return p.step ? p.grid_value(k) : p.low + (p.high - p.low) * static_cast<double>(k) / kContinuousSteps;
  }
  std::size_t position_of(std::size_t i, double v) const {
    const auto& p = spec_.params[i];
    const double u = p.step ? (v - p.low) / *p.step : (v - p.low) / (p.high - p.low) * kContinuousSteps;
    return std::min(positions(i) - 1, static_cast<std::size_t>(std::max(0.0, std::round(u))));
  }

  // Evaluates the point with these (already snapped) values; throws BudgetExhausted when its runs
  // would exceed the budget. Returns the index into out_.evals.
  std::size_t evaluate(const std::vector<double>& values) {
    Point settings;
    std::string key;
    for (std::size_t i = 0; i < values.size(); ++i) {
      settings.push_back({spec_.params[i].key, spec_.params[i].format(values[i])});
      key += settings.back().to_set() + "\n";
    }
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    if (out_.runs + spec_.seeds.size() > spec_.budget) throw BudgetExhausted();
    Evaluation e;
    e.point = out_.evals.size();
    e.settings = settings;
    run_point(e);
    values_.push_back(values);
    out_.evals.push_back(e);
    cache_[key] = e.point;
    if (!out_.best || better(e, out_.evals[*out_.best])) out_.best = e.point;
    return e.point;
  }

  double score(std::size_t idx) const {
    const auto& e = out_.evals[idx];
    return e.feasible ? e.objective : kInfeasible * (1 + std::min(e.violation, 1e6));
  }

  void global_phase() {
    const std::size_t d = spec_.params.size();
    const std::size_t global_budget = std::max(spec_.seeds.size(), spec_.budget * 6 / 10);
    nlopt::opt opt(nlopt::GN_DIRECT_L, static_cast<unsigned>(d));
    opt.set_lower_bounds(std::vector<double>(d, 0.0));
    opt.set_upper_bounds(std::vector<double>(d, 1.0));
    opt.set_maxeval(static_cast<int>(std::min<std::size_t>(200 * spec_.budget + 100, 1000000)));
    struct Ctx {
      Search* self;
      std::size_t budget;
    } ctx{this, global_budget};
    opt.set_min_objective(
        [](const std::vector<double>& x, std::vector<double>&, void* data) -> double {
          auto* c = static_cast<Ctx*>(data);
          std::vector<double> values;
          for (std::size_t i = 0; i < x.size(); ++i) {
            const auto& p = c->self->spec_.params[i];
            values.push_back(p.snap(p.low + x[i] * (p.high - p.low)));
          }
          if (c->self->out_.runs >= c->budget) {
            // Out of the global share: only already-evaluated points may still be scored.
            std::string key;
            for (std::size_t i = 0; i < values.size(); ++i)
              key += c->self->spec_.params[i].key + "=" + c->self->spec_.params[i].format(values[i]) + "\n";
            if (!c->self->cache_.count(key)) throw nlopt::forced_stop();
          }
          std::size_t idx = 0;
          try {
            idx = c->self->evaluate(values);
          } catch (const BudgetExhausted&) {
            throw nlopt::forced_stop();
          }
          return c->self->score(idx);
        },
        &ctx);
    std::vector<double> x(d, 0.5);
    double f = 0;
    try {
      opt.optimize(x, f);
    } catch (const nlopt::forced_stop&) {
    } catch (const nlopt::roundoff_limited&) {
    }
    out_.global_points = out_.evals.size();
  }

  void compass_phase() {
    if (!out_.best) return;
    const std::size_t d = spec_.params.size();
    std::vector<std::size_t> cur(d), step(d);
    for (std::size_t i = 0; i < d; ++i) {
      cur[i] = position_of(i, values_[*out_.best][i]);
      step[i] = std::max<std::size_t>(1, positions(i) / 8);
    }
    std::size_t cur_idx = 0;
    try {
      cur_idx = evaluate(values_of(cur));  // the rounded best (the same point when on the grid)
      while (true) {
        bool moved = false;
        for (std::size_t i = 0; i < d && !moved; ++i)
          for (int dir : {+1, -1}) {
            const long k = static_cast<long>(cur[i]) + dir * static_cast<long>(step[i]);
            if (k < 0 || k >= static_cast<long>(positions(i))) continue;
            auto cand = cur;
            cand[i] = static_cast<std::size_t>(k);
            const std::size_t idx = evaluate(values_of(cand));
            if (better(out_.evals[idx], out_.evals[cur_idx])) {
              cur = cand;
              cur_idx = idx;
              moved = true;
              break;
            }
          }
        if (moved) continue;
        bool shrunk = false;
        for (auto& s : step)
          if (s > 1) {
            s = std::max<std::size_t>(1, s / 2);
            shrunk = true;
          }
        if (!shrunk) break;
      }
    } catch (const BudgetExhausted&) {
    }
  }

  OptimizeOutcome take() {
    out_.table.sort();
    return std::move(out_);
  }

 private:
  std::vector<double> values_of(const std::vector<std::size_t>& pos) const {
    std::vector<double> v;
    for (std::size_t i = 0; i < pos.size(); ++i) v.push_back(value_at(i, pos[i]));
    return v;
  }

  void run_point(Evaluation& e) {
    std::vector<RunJob> jobs;
    for (auto seed : spec_.seeds) {
      const fs::path dir = exec_.out / "runs" / run_id(e.point, seed);
      if (fs::exists(dir / "summary.json")) {
        ++out_.reused;
        continue;
      }
      jobs.push_back({run_id(e.point, seed), run_args(spec_.scenario, spec_.sets, e.settings, seed), dir});
    }
    out_.runs += spec_.seeds.size();
    run_jobs(jobs, PoolOptions{exec_.knsim, exec_.parallel, false, 0}, [&](const JobOutcome& o) {
      if (o.exit_code != 0) out_.failures.push_back(o.job->id + " (exit " + std::to_string(o.exit_code) + "): " + o.error);
    });
    SweepTable mine;
    mine.keys = out_.table.keys;
    for (auto seed : spec_.seeds) {
      const fs::path dir = exec_.out / "runs" / run_id(e.point, seed);
      if (!fs::exists(dir / "summary.json")) continue;
      std::string error;
      const auto m = read_run_metrics(dir, &error);
      if (!m) {
        out_.failures.push_back(run_id(e.point, seed) + ": " + error);
        continue;
      }
      ResultRow row{e.point, seed, {}, *m};
      for (const auto& s : e.settings) row.values.push_back(s.value);
      mine.rows.push_back(row);
      out_.table.rows.push_back(row);
    }
    if (mine.rows.size() != spec_.seeds.size()) {  // a run failed: the point cannot be trusted
      e.feasible = false;
      e.objective = std::numeric_limits<double>::infinity();
      e.violation = 1e9;
      if (!mine.rows.empty()) e.summary = summarize(mine).front();
      return;
    }
    e.summary = summarize(mine).front();
    e.objective = e.summary.get(spec_.minimize).mean;
    for (const auto& c : spec_.constraints) {
      const double m = e.summary.get(c.metric).mean;
      const double excess = c.at_most ? m - c.limit : c.limit - m;
      if (excess > 0) e.violation += excess / std::max(std::abs(c.limit), 1.0);
    }
    e.feasible = e.violation == 0;
    if (exec_.progress)
      std::fprintf(stderr, "\rpoint %zu: %s = %s%s, %zu/%zu runs   ", e.point, spec_.minimize.c_str(),
                   format_value(e.objective).c_str(), e.feasible ? "" : " (infeasible)", out_.runs, spec_.budget);
  }

  const OptimizeSpec& spec_;
  const ExecOptions& exec_;
  OptimizeOutcome out_;
  std::map<std::string, std::size_t> cache_;
  std::vector<std::vector<double>> values_;  // per eval: the parameter values
};

}  // namespace

OptimizeOutcome run_optimize(const OptimizeSpec& spec, const ExecOptions& exec) {
  Search s(spec, exec);
  s.global_phase();
  s.compass_phase();
  if (exec.progress) std::fprintf(stderr, "\n");
  OptimizeOutcome out = s.take();
  if (auto err = write_sweep_files(exec.out, out.table, "knsim optimize: " + spec.scenario); !err.empty())
    throw std::runtime_error(err);
  return out;
}

}  // namespace knsim::plan
