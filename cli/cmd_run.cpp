// knsim run: placeholder until the simulator lands (issue 5).
#include <iostream>

#include "cli/commands.hpp"

namespace knsim::cli {

void register_run(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("run", "Play a scenario on the simulated cluster and write its report");
  auto path = std::make_shared<std::string>();
  cmd->add_option("PATH", *path, "scenario file or folder")->required();
  cmd->callback([path, &exit_code] {
    std::cerr << "knsim run: the simulator is not built yet\n";
    exit_code.value = kExitFailure;
  });
}

}  // namespace knsim::cli
