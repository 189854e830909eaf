// knsim: a discrete-event simulator and digital twin of a Knative cluster.
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/huge_pages.hpp"
#include "cmake/version.hpp"

int main(int argc, char** argv) {
  using namespace knsim::cli;
  reexec_with_huge_pages(argv);  // returns only when it does not apply (see huge_pages.hpp)
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
  register_cluster(app, exit_code);
  register_sweep(app, exit_code);
  register_optimize(app, exit_code);
  // `knsim foo --help`: CLI11 answers --help before it looks at `foo`, printing the main help with
  // exit 0 as if `foo` were fine. An unknown command word is invalid input, whatever follows it.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::string names;
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      known = known || sub->get_name() == word;
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) {
      std::cerr << "knsim: unknown command '" << word << "' (commands: " << names << ")\n"
                << "Run 'knsim --help' for the commands.\n";
      return kExitInvalidInput;
    }
  }
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
