using PresetPlanner.Cli;

bool terminal = !Console.IsOutputRedirected;
return CliApp.Run(args, Console.Out, Console.Error, terminal, terminal ? Console.WindowWidth : 0);
