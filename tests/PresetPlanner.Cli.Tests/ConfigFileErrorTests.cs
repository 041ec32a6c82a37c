namespace PresetPlanner.Cli.Tests;

/// <summary>A config the reader refuses is one line naming the file given (issue 33: it always said "config.json").</summary>
public class ConfigFileErrorTests
{
    [Fact]
    public void RefusedConfig_NamesTheFileGiven()
    {
        using var file = new TempFile("{\"architectures\": [\"SomeNewForCausalLM\"], \"hidden_size\": 3072}", "-phi.json");

        Cli.AssertUsageError(file.Path + ": architectures 'SomeNewForCausalLM' is not supported", "plan", file.Path);
    }

    [Fact]
    public void BrokenJson_NamesTheFileGiven()
    {
        using var file = new TempFile("{ broken", "-broken.json");

        Cli.AssertUsageError(file.Path + " is not valid JSON (line 1, byte 3)", "evaluate", file.Path, "--tp", "1", "--pp", "1");
    }
}
