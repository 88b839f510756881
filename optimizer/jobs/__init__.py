"""One module per job, each the single journey that the command line, the library and the benchmark share."""
