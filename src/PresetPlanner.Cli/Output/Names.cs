namespace PresetPlanner.Cli.Output;

/// <summary>The spellings of enums in the CLI's input and output.</summary>
internal static class Names
{
    public static string Of(MlpActivation a) => a switch
    {
        MlpActivation.SwiGlu => "swiglu",
        MlpActivation.GeGlu => "geglu",
        MlpActivation.Gelu => "gelu",
        MlpActivation.Relu => "relu",
        _ => "squared-relu",
    };

    public static string Of(LinkKind link) => link switch
    {
        LinkKind.ScaleUp => "scale-up",
        LinkKind.ScaleOut => "scale-out",
        _ => "none",
    };
}
