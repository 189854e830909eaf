// knsim: a discrete-event simulator and digital twin of a Knative cluster.
#include <iostream>

#include "cli/commands.hpp"
#include "cmake/version.hpp"

int main(int argc, char** argv) {
  using namespace knsim::cli;
  CLI::App app{"knsim: a discrete-event simulator and digital twin of a Knative cluster.\n"
               "Plays real Knative manifests and replayed load on a simulated Kubernetes cluster,\n"
               "with Knative's own autoscaling and routing decisions, much faster than real time.",
               "knsim"};
  app.set_version_flag("--version", knsim::version_string());
  app.require_subcommand(1);
  app.footer("Exit codes: 0 success, 1 failure, 2 invalid input.\nRun 'knsim COMMAND --help' for a command's options.");
  ExitCode exit_code;
  register_run(app, exit_code);
  register_validate(app, exit_code);
  register_autoscaler(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message to stderr
    return kExitInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "knsim: " << e.what() << "\n";
    return kExitFailure;
  }
  return exit_code.value;
}
