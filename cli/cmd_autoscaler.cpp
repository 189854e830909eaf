// knsim autoscaler replay: placeholder until the autoscaler lands (issue 3).
#include <iostream>

#include "cli/commands.hpp"

namespace knsim::cli {

void register_autoscaler(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("autoscaler", "Knative's KPA autoscaler on its own");
  cmd->require_subcommand(1);
  auto* replay = cmd->add_subcommand("replay", "Replay a metric trace through the KPA, one JSON line per tick");
  auto path = std::make_shared<std::string>();
  replay->add_option("FILE", *path, "replay input (JSON)")->required();
  replay->callback([path, &exit_code] {
    std::cerr << "knsim autoscaler replay: not built yet\n";
    exit_code.value = kExitFailure;
  });
}

}  // namespace knsim::cli
