using PickBot.Cli;

return await CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);

/// <summary>The entry point, public so that host tests can start it through WebApplicationFactory.</summary>
public partial class Program;
