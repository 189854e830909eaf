// knsim autoscaler replay FILE [--explain]: Knative's KPA collector and decider on a recorded
// metric trace, one JSON line per tick (contract: docs/spec/autoscaler-replay.md).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/replay_json.hpp"
#include "core/autoscaler/replay.hpp"

namespace knsim::cli {
namespace {

constexpr const char* kPrefix = "knsim autoscaler replay: ";
constexpr std::size_t kMaxListed = 50;

int run_replay_command(const std::string& path, bool explain) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << kPrefix << path << ": cannot open the file\n";
    return kExitInvalidInput;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const ReplayParse parsed = parse_replay_json(text.str());
  if (!parsed.ok()) {
    for (std::size_t i = 0; i < parsed.errors.size() && i < kMaxListed; ++i) {
      std::cerr << kPrefix << path << ": " << parsed.errors[i] << "\n";
    }
    if (parsed.errors.size() > kMaxListed) {
      std::cerr << kPrefix << "... and " << parsed.errors.size() - kMaxListed << " more problems\n";
    }
    return kExitInvalidInput;
  }
  const core::autoscaler::ReplayOutput out = core::autoscaler::run_replay(parsed.input, explain);
  if (!out.ok()) {
    // Invalid config-autoscaler: Knative's own validation message, under the field's path.
    for (const auto& e : out.errors) {
      std::cerr << kPrefix << path << ": " << parsed.root_path << ".config." << e.key << ": " << e.message << "\n";
    }
    return kExitInvalidInput;
  }
  std::string buffer;
  buffer.reserve(out.ticks.size() * (explain ? 320 : 72));
  for (const auto& tick : out.ticks) {
    buffer += format_replay_tick(tick, explain);
    buffer += '\n';
  }
  std::fwrite(buffer.data(), 1, buffer.size(), stdout);
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace

void register_autoscaler(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("autoscaler", "Knative's KPA autoscaler on its own");
  cmd->require_subcommand(1);
  auto* replay = cmd->add_subcommand(
      "replay",
      "Replay a metric trace through Knative's KPA collector and decider; one JSON line per tick:\n"
      "{\"t\": 2.0, \"desired\": 1, \"ebc\": 5, \"panic\": false, \"valid\": true}");
  auto path = std::make_shared<std::string>();
  auto explain = std::make_shared<bool>(false);
  replay->add_option("FILE", *path, "replay input (JSON): a scenario or {\"scenario\": {...}}")->required();
  replay->add_flag("--explain", *explain, "add observed stable/panic values and a one-line reason to each line");
  replay->footer(
      "Input: {\"config\": {config-autoscaler keys}, \"annotations\": {autoscaling.knative.dev/...},\n"
      "        \"container_concurrency\": 0, \"initial_ready_pods\": 0, \"reachable\": true,\n"
      "        \"events\": [{\"t\": 0.0, \"kind\": \"stat\", \"pod\": \"p1\", \"concurrency\": 3.0, \"rps\": 5.0},\n"
      "                   {\"t\": 2.0, \"kind\": \"tick\", \"ready_pods\": 1}]}\n"
      "Exit codes: 0 success, 2 invalid input (each problem named by its JSON path).");
  replay->callback([path, explain, &exit_code] { exit_code.value = run_replay_command(*path, *explain); });
}

}  // namespace knsim::cli
