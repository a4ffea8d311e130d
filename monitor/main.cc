#include "monitor/cli/cli.h"

int main(int argc, char** argv) { return sitewatch::cli::run(argc, argv); }
