// Keeps the reports library non-empty while its first sources land.
namespace knsim::reports { const char* module_name() { return "reports"; } }
