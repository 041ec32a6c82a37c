namespace PresetPlanner.Cli.Tests;

/// <summary>A config the reader refuses is one line naming the file given (issue 33: it always said "config.json").</summary>
public class ConfigFileErrorTests
{
    [Fact]
    public void RefusedConfig_NamesTheFileGiven()
    {
        string path = Path.Combine(Path.GetTempPath(), "preset-planner-" + Guid.NewGuid().ToString("N") + "-phi.json");
        File.WriteAllText(path, "{\"architectures\": [\"SomeNewForCausalLM\"], \"hidden_size\": 3072}");
        try
        {
            Cli.AssertUsageError(path + ": architectures 'SomeNewForCausalLM' is not supported", "plan", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BrokenJson_NamesTheFileGiven()
    {
        string path = Path.Combine(Path.GetTempPath(), "preset-planner-" + Guid.NewGuid().ToString("N") + "-broken.json");
        File.WriteAllText(path, "{ broken");
        try
        {
            Cli.AssertUsageError(path + " is not valid JSON (line 1, byte 3)", "evaluate", path, "--tp", "1", "--pp", "1");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
