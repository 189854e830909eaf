// knsim sweep: runs a cross product of --set values, N seeds each, J simulations at a time.
//
//   knsim sweep SCENARIO --param KEY=V1,V2 ... [--set K=V] [--seeds N] [--jobs J] [--out DIR]
//   knsim sweep --plan PLAN.yaml [SCENARIO] [...]
//   knsim sweep ... --k8s-job FILE [--image IMAGE] [--shards N]   writes a Kubernetes Indexed Job, runs nothing
//   knsim sweep shard ... --index I --of N --out BASE              one shard (I defaults to $JOB_COMPLETION_INDEX)
//   knsim sweep collect DIR... --out OUT                           merges shards into the sweep's files
// Output files: plan/sweep.hpp. Exit codes: 0 every run succeeded, 1 some run failed (their rows
// are missing, each failure is listed), 2 invalid input (nothing was run).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/plan_common.hpp"
#include "plan/collect.hpp"
#include "plan/k8s_job.hpp"
#include "plan/run_pool.hpp"
#include "plan/sweep_report.hpp"
#include "plan/sweep.hpp"

namespace knsim::cli {

namespace {

namespace fs = std::filesystem;

struct SweepArgs {
  PlanArgs plan;
  std::string k8s_job, image = "knsim:latest", claim = "knsim-sweep";
  std::optional<std::size_t> shards;
  // shard
  std::optional<std::size_t> index, of;
  // collect
  std::vector<std::string> dirs;
  std::string collect_out;
};

// The sweep's spec from the flags and plan; 0 or the exit code (problems printed).
int make_spec(const PlanArgs& a, const char* command, ResolvedPlan& r, plan::SweepSpec& spec) {
  if (int rc = resolve_plan(a, command, r); rc != kExitOk) return rc;
  std::vector<plan::Setting> all;
  for (const auto& text : r.params) {
    std::string error;
    auto p = plan::parse_sweep_param(text, &error);
    if (!p) {
      std::cerr << "knsim " << command << ": " << error << "\n";
      return kExitInvalidInput;
    }
    for (const auto& q : spec.params)
      if (q.key == p->key) {
        std::cerr << "knsim " << command << ": --param " << p->key << " given twice\n";
        return kExitInvalidInput;
      }
    for (const auto& v : p->values) all.push_back({p->key, v});
    spec.params.push_back(std::move(*p));
  }
  if (int rc = validate_settings(r, all); rc != kExitOk) return rc;
  spec.scenario = r.scenario;
  spec.sets = r.sets;
  spec.seeds = r.seeds;
  return kExitOk;
}

int finish(const plan::SweepOutcome& o, const fs::path& out, bool shard) {
  std::cout << o.runs << " runs (" << o.reused << " reused from an earlier start), " << o.failed << " failed\n";
  for (const auto& f : o.failures) std::cerr << "failed: " << f << "\n";
  if (!shard && !o.table.rows.empty()) {
    const auto summary = plan::summarize(o.table);
    const auto front = plan::pareto_front(summary);
    std::cout << "Pareto front (" << front.size() << " of " << summary.size() << " points; mean cost, p99, cold starts):\n";
    for (std::size_t i : front) {
      const auto& p = summary[i];
      char figures[160];
      std::snprintf(figures, sizeof figures, "%.1f pod-s, p99 %.1f ms, %.1f cold starts", p.get("cost_pod_seconds").mean,
                    p.get("latency_p99_ms").mean, p.get("cold_start_requests").mean);
      std::cout << "  point " << p.point << " (" << plan::point_label(o.table.keys, p.values) << "): " << figures << "\n";
    }
  }
  std::cout << (shard ? "shard: " : "results: ") << (out / "results.csv").string() << "\n";
  if (!shard) std::cout << "report: " << (out / "report.html").string() << "\n";
  return o.failed ? kExitFailure : kExitOk;
}

int write_job(const SweepArgs& a, const ResolvedPlan& r, const plan::SweepSpec& spec) {
  plan::K8sJobOptions job;
  job.name = "knsim-sweep-" + r.scenario_name;
  job.image = a.image;
  job.claim = a.claim;
  const std::size_t runs = plan::cross_product(spec.params).size() * spec.seeds.size();
  job.shards = a.shards.value_or(std::min<std::size_t>(runs, 20));
  if (job.shards > runs) {
    std::cerr << "knsim sweep: --shards " << job.shards << " is more than the " << runs << " runs\n";
    return kExitInvalidInput;
  }
  job.parallelism = job.shards;
  const auto& p = a.plan;
  if (!p.scenario.empty()) job.sweep_args.push_back(p.scenario);
  if (!p.plan.empty()) job.sweep_args.insert(job.sweep_args.end(), {"--plan", p.plan});
  for (const auto& s : p.params) job.sweep_args.insert(job.sweep_args.end(), {"--param", s});
  for (const auto& s : p.sets) job.sweep_args.insert(job.sweep_args.end(), {"--set", s});
  if (p.seeds) job.sweep_args.insert(job.sweep_args.end(), {"--seeds", std::to_string(*p.seeds)});
  if (!p.out.empty()) job.results = p.out;
  std::ofstream out(a.k8s_job, std::ios::trunc);
  out << plan::k8s_job_yaml(job);
  if (!out.flush()) {
    std::cerr << "knsim sweep: cannot write " << a.k8s_job << "\n";
    return kExitFailure;
  }
  std::cout << "wrote " << a.k8s_job << ": Job " << plan::k8s_job_name(job.name) << ", " << job.shards << " shards for "
            << runs << " runs. kubectl apply -f " << a.k8s_job << ", then knsim sweep collect " << job.results << "\n";
  return kExitOk;
}

int sweep(const SweepArgs& a) {
  ResolvedPlan r;
  plan::SweepSpec spec;
  if (int rc = make_spec(a.plan, "sweep", r, spec); rc != kExitOk) return rc;
  if (!a.k8s_job.empty()) return write_job(a, r, spec);
  plan::ExecOptions exec{self_executable(), a.plan.out.empty() ? fs::path("out") / ("sweep-" + r.scenario_name) : fs::path(a.plan.out),
                         r.jobs, r.progress};
  if (auto err = plan::claim_out_dir(exec.out, plan::sweep_identity(spec)); !err.empty()) {
    std::cerr << "knsim sweep: " << err << "\n";
    return kExitInvalidInput;
  }
  return finish(plan::run_sweep(spec, exec), exec.out, false);
}

int shard(const SweepArgs& a) {
  std::size_t index = 0;
  if (a.index) {
    index = *a.index;
  } else if (const char* env = std::getenv("JOB_COMPLETION_INDEX")) {
    try {
      index = std::stoul(env);
    } catch (const std::exception&) {
      std::cerr << "knsim sweep shard: JOB_COMPLETION_INDEX='" << env << "' is not a number\n";
      return kExitInvalidInput;
    }
  } else {
    std::cerr << "knsim sweep shard: no --index and no JOB_COMPLETION_INDEX in the environment\n";
    return kExitInvalidInput;
  }
  if (index >= *a.of) {
    std::cerr << "knsim sweep shard: --index " << index << " must be below --of " << *a.of << "\n";
    return kExitInvalidInput;
  }
  ResolvedPlan r;
  plan::SweepSpec spec;
  if (int rc = make_spec(a.plan, "sweep shard", r, spec); rc != kExitOk) return rc;
  spec.shard = plan::Shard{index, *a.of};
  char name[32];
  std::snprintf(name, sizeof name, "shard-%04zu", index);
  const fs::path base = a.plan.out.empty() ? fs::path("out") / ("sweep-" + r.scenario_name) : fs::path(a.plan.out);
  plan::ExecOptions exec{self_executable(), base / name, r.jobs, r.progress};
  if (auto err = plan::claim_out_dir(exec.out, plan::sweep_identity(spec)); !err.empty()) {
    std::cerr << "knsim sweep shard: " << err << "\n";
    return kExitInvalidInput;
  }
  return finish(plan::run_sweep(spec, exec), exec.out, true);
}

}  // namespace

int collect_shards(const std::vector<std::string>& dirs, const std::string& out);  // below

void register_sweep(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("sweep", "Run every combination of --set values (N seeds each) and compare them");
  auto a = std::make_shared<SweepArgs>();
  add_plan_options(cmd, a->plan, "KEY=V1,V2,...: values to sweep, KEY as in knsim run --set (repeat for a cross product)");
  cmd->add_option("--k8s-job", a->k8s_job, "write a Kubernetes Indexed Job running this sweep to FILE (runs nothing here)");
  cmd->add_option("--image", a->image, "with --k8s-job: the knsim container image (default knsim:latest)");
  cmd->add_option("--shards", a->shards, "with --k8s-job: completions (default min(runs, 20))")->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  cmd->add_option("--claim", a->claim, "with --k8s-job: PersistentVolumeClaim mounted at /data (default knsim-sweep)");

  auto* sh = cmd->add_subcommand("shard", "Run one shard of a sweep (a pod of the Indexed Job)");
  add_plan_options(sh, a->plan, "KEY=V1,V2,...: as for knsim sweep");
  sh->add_option("--index", a->index, "this shard, 0-based (default: $JOB_COMPLETION_INDEX)");
  sh->add_option("--of", a->of, "number of shards")->required()->check(CLI::Range(std::size_t{1}, std::size_t{100000}));

  auto* co = cmd->add_subcommand("collect", "Merge shard folders into results.csv, summary.csv, pareto.csv, report.html");
  co->add_option("DIR", a->dirs, "shard folders, or folders holding shard-* folders")->required();
  co->add_option("--out", a->collect_out, "output folder")->required();

  sh->callback([a, &exit_code] { exit_code.value = shard(*a); });
  co->callback([a, &exit_code] { exit_code.value = collect_shards(a->dirs, a->collect_out); });
  cmd->callback([cmd, a, &exit_code] {
    if (!cmd->get_subcommands().empty()) return;  // shard / collect ran
    exit_code.value = sweep(*a);
  });
}

}  // namespace knsim::cli

namespace knsim::cli {

int collect_shards(const std::vector<std::string>& dirs, const std::string& out) {
  const auto r = plan::collect_shards(dirs, out);
  for (const auto& m : r.messages) std::cerr << "knsim sweep collect: " << m << "\n";
  if (r.exit_code != kExitInvalidInput)
    std::cout << r.rows << " of " << r.expected << " runs collected into " << out << "\n";
  return r.exit_code;
}

}  // namespace knsim::cli
