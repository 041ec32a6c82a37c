using System.Diagnostics;

namespace PresetPlanner.Cli.Tests;

/// <summary>Runs the dotnet CLI as a child process, for the packaging tests.</summary>
internal static class Dotnet
{
    public static (int Exit, string Output) Run(string workingDirectory, IDictionary<string, string>? environment, params string[] args) =>
        Exec("dotnet", workingDirectory, environment, args);

    public static (int Exit, string Output) Exec(string file, string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 8 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
