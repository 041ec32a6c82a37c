namespace PresetPlanner.Vocabulary;

/// <summary>The MLP's activation, which decides how many weight matrices the MLP has.</summary>
public enum MlpActivation
{
    /// <summary>SwiGLU: gate, up and down projections (3 matrices). Llama, Mistral, Qwen, DeepSeek.</summary>
    SwiGlu,

    /// <summary>GeGLU (gated GELU): 3 matrices. Gemma.</summary>
    GeGlu,

    /// <summary>GELU: up and down projections (2 matrices). GPT-3, BLOOM.</summary>
    Gelu,

    /// <summary>ReLU: 2 matrices. OPT.</summary>
    Relu,

    /// <summary>Squared ReLU: 2 matrices. Nemotron-4.</summary>
    SquaredRelu,
}
