// Keeps the models library non-empty while its first sources land.
namespace knsim::models { const char* module_name() { return "models"; } }
