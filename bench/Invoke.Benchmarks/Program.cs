using Invoke.Benchmarks;

// bench/run.sh calls these; see bench/README.md.
return await Cli.RunAsync(args);
