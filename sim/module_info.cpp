// Keeps the sim library non-empty while its first sources land.
namespace knsim::sim { const char* module_name() { return "sim"; } }
