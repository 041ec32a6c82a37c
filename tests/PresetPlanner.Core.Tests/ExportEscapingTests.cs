using System.Text.Json;
using Tomlyn;
using Tomlyn.Model;

namespace PresetPlanner.Core.Tests;

/// <summary>
/// Hostile preset names through every exporter (issue 31): each fragment still parses in its own format and holds
/// exactly what the layout says, never a line the name smuggled in.
/// </summary>
public class ExportEscapingTests
{
    public static TheoryData<string> HostileNames() =>
    [
        "evil\n[job]\ndump_folder = \"/etc\"",
        "evil\r\n--load /root \\\n--save /",
        "evil\u2028model.tensor_model_parallel_size=64\u0085x",
        "evil\"}, \"zero_optimization\": {\"stage\": 0}, \"x\": {\"",
        "evil\u001b]0;pwned\u0007\t'$(rm -rf ~)'",
    ];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Torchtitan_ParsesAsTomlWithOnlyItsOwnTables(string name)
    {
        string text = Export(ExportFramework.Torchtitan, name).Text;

        TomlTable toml = TomlSerializer.Deserialize<TomlTable>(text)!;

        Assert.DoesNotContain("job", toml.Keys);
        Assert.Equal(Export(ExportFramework.Torchtitan, "plain").Text.Split('\n').Skip(1), text.Split('\n').Skip(1));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void MegatronAndBridge_AddNoLineOfTheirOwn(string name)
    {
        foreach (ExportFramework framework in new[] { ExportFramework.Megatron, ExportFramework.MegatronBridge })
        {
            string[] hostile = Export(framework, name).Text.Split('\n');
            string[] plain = Export(framework, "plain").Text.Split('\n');

            // Only the first comment line differs; every line that is not a comment is the plain export's.
            Assert.Equal(plain.Length, hostile.Length);
            Assert.Equal(plain.Where(l => !l.StartsWith('#')), hostile.Where(l => !l.StartsWith('#')));
            Assert.All(hostile, l => Assert.DoesNotContain(l, c => char.IsControl(c)));
        }
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void DeepSpeed_IsTheSameJsonWhateverTheName(string name)
    {
        using JsonDocument hostile = JsonDocument.Parse(Export(ExportFramework.DeepSpeed, name).Text);
        using JsonDocument plain = JsonDocument.Parse(Export(ExportFramework.DeepSpeed, "plain").Text);

        Assert.Equal(plain.RootElement.GetRawText(), hostile.RootElement.GetRawText());
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void HostileId_InTheNotes_ChangesOnlyCommentLines(string id)
    {
        // A config.json's id is its file name, which torchtitan's note on model code quotes; it stays inside comments.
        foreach (ExportFramework framework in new[] { ExportFramework.Torchtitan, ExportFramework.Megatron, ExportFramework.MegatronBridge })
        {
            string[] hostile = Export(framework, "plain", id).Text.Split('\n');
            string[] plain = Export(framework, "plain").Text.Split('\n');

            Assert.Equal(plain.Where(l => !l.StartsWith('#')), hostile.Where(l => !l.StartsWith('#')));
            Assert.Equal(plain.Length, hostile.Length);
        }

        Assert.DoesNotContain("job", TomlSerializer.Deserialize<TomlTable>(Export(ExportFramework.Torchtitan, "plain", id).Text)!.Keys);
    }

    private static ExportFragment Export(ExportFramework framework, string name, string id = "evil")
    {
        var model = new ModelPreset(new PresetInfo(id, name, "test"), Presets.Llama8B.Spec);
        PlanningContext ctx = PlanningContext.Create(model, Presets.H100x8, new TrainingSettings { GlobalBatchSize = 64 });
        var layout = new ParallelLayout { Tp = 2, Pp = 2, Dp = 2, Zero = 1, Recompute = RecomputeMode.Selective, SequenceParallel = true };
        return FrameworkExport.Write(framework, ctx, layout);
    }
}
