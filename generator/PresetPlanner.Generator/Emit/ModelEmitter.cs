using PresetPlanner.Generator.Catalog;
using PresetPlanner.Generator.Reading;
using PresetPlanner.Specs;

namespace PresetPlanner.Generator.Emit;

/// <summary>Emits <c>Presets.Models.&lt;Identifier&gt;</c>: one constant per figure and the <c>ModelSpec</c> built from them.</summary>
internal static class ModelEmitter
{
    public static string HintName(ModelPresetSpec spec) => "Presets.Models." + spec.Identifier + ".g.cs";

    public static string Emit(ModelPresetSpec spec, CatalogOptions options)
    {
        ModelSpec m = spec.Shape;
        SourceWriter w = PresetFileWriter.Open(options.Namespace, "Models", TypeRefs.ModelPreset, spec.Identifier, spec.Name + " (" + spec.Id + ").");
        PresetFileWriter.Names(w, spec.Id, spec.Name, spec.Source);
        PresetFileWriter.Const(w, "int", "Layers", Literals.Int(m.Layers), "Transformer layers (L).");
        PresetFileWriter.Const(w, "int", "Hidden", Literals.Int(m.Hidden), "Hidden size (h).");
        PresetFileWriter.Const(w, "int", "Heads", Literals.Int(m.Heads), "Query heads (a).");
        PresetFileWriter.Const(w, "int", "KvHeads", Literals.Int(m.KvHeads), "Key/value heads (k).");
        PresetFileWriter.Const(w, "int", "HeadDim", Literals.Int(m.HeadDim), "Head dimension (d_h).");
        PresetFileWriter.Const(w, "int", "FfnHidden", Literals.Int(m.FfnHidden), "Dense MLP intermediate size (f).");
        PresetFileWriter.Const(w, "int", "Vocab", Literals.Int(m.Vocab), "Vocabulary size (V).");
        PresetFileWriter.Const(w, "int", "MaxSequence", Literals.Int(m.MaxSequence), "Longest trained context.");
        PresetFileWriter.Const(w, TypeRefs.MlpActivation, "Activation", Literals.Enum(TypeRefs.MlpActivation, m.Activation), "MLP activation.");
        PresetFileWriter.Const(w, TypeRefs.AttentionKind, "Attention", Literals.Enum(TypeRefs.AttentionKind, m.Attention), "Attention kind.");
        PresetFileWriter.Const(w, TypeRefs.NormKind, "Norm", Literals.Enum(TypeRefs.NormKind, m.Norm), "Norm kind.");
        PresetFileWriter.Const(w, TypeRefs.PositionEmbedding, "Positions", Literals.Enum(TypeRefs.PositionEmbedding, m.Positions), "Position encoding.");
        PresetFileWriter.Const(w, "bool", "TiedEmbeddings", Literals.Bool(m.TiedEmbeddings), "Output head tied to the embedding.");
        PresetFileWriter.Const(w, "bool", "LinearBias", Literals.Bool(m.LinearBias), "Biases on every linear layer.");
        PresetFileWriter.Const(w, "bool", "QkvBias", Literals.Bool(m.QkvBias), "Biases on Q, K and V only.");
        PresetFileWriter.Const(w, "double", "Dropout", Literals.Double(m.Dropout), "Training dropout.");
        PresetFileWriter.Const(w, "int", "Experts", Literals.Int(m.Experts), "Routed experts per MoE layer (0 = dense).");
        PresetFileWriter.Const(w, "int", "ActiveExperts", Literals.Int(m.ActiveExperts), "Routed experts per token.");
        PresetFileWriter.Const(w, "int", "MoeFfnHidden", Literals.Int(m.MoeFfnHidden), "Routed expert intermediate size.");
        PresetFileWriter.Const(w, "int", "SharedExperts", Literals.Int(m.SharedExperts), "Shared experts per MoE layer.");
        PresetFileWriter.Const(w, "int", "SharedExpertFfnHidden", Literals.Int(m.SharedExpertFfnHidden), "Shared expert intermediate size (0 = routed size).");
        PresetFileWriter.Const(w, "int", "FirstDenseLayers", Literals.Int(m.FirstDenseLayers), "Leading dense layers of an MoE model.");
        PresetFileWriter.Const(w, "int", "MoeLayerInterval", Literals.Int(m.MoeLayerInterval), "Every n-th later layer is MoE.");
        PresetFileWriter.Const(w, "int", "QLoraRank", Literals.Int(m.QLoraRank), "MLA query rank.");
        PresetFileWriter.Const(w, "int", "KvLoraRank", Literals.Int(m.KvLoraRank), "MLA key/value rank.");
        PresetFileWriter.Const(w, "int", "QkRopeHeadDim", Literals.Int(m.QkRopeHeadDim), "MLA rotary head dimension.");
        PresetFileWriter.Const(w, "int", "VHeadDim", Literals.Int(m.VHeadDim), "MLA value head dimension.");
        PresetFileWriter.Const(w, "long", "StatedParameterCount", Literals.Long(m.StatedParameters), "Parameter count stated by the publisher.");
        PresetFileWriter.Const(w, "long", "ParameterCount", Literals.Long(spec.ComputedParameters), "Parameters computed from the shape (all experts).");
        PresetFileWriter.Const(w, "long", "ActiveParameterCount", Literals.Long(spec.ActiveParameters), "Parameters per token computed from the shape.");
        if (m.MoeLatentSize > 0)
        {
            PresetFileWriter.Const(w, "int", "MoeLatentSize", Literals.Int(m.MoeLatentSize), "LatentMoE: the width routed experts work in.");
        }

        if (m.IsHybrid)
        {
            EmitHybrid(w, m);
        }

        if (m.AttentionWindow > 0)
        {
            PresetFileWriter.Const(w, "int", "AttentionWindow", Literals.Int(m.AttentionWindow), "Local attention's window or chunk, in tokens.");
            PresetFileWriter.Const(w, "bool", "ChunkedAttention", Literals.Bool(m.ChunkedAttention), "Local layers attend within chunks rather than a sliding window.");
            PresetFileWriter.Const(w, "int", "GlobalAttentionInterval", Literals.Int(m.GlobalAttentionInterval), "Every n-th attention layer is global (0 = none).");
        }

        PresetFileWriter.OpenSpec(w, TypeRefs.ModelSpec);
        foreach (string field in s_fields)
        {
            w.WriteLine(field + " = " + field + ",");
        }

        if (m.MoeLatentSize > 0)
        {
            w.WriteLine("MoeLatentSize = MoeLatentSize,");
        }

        if (m.IsHybrid)
        {
            w.WriteLine("Hybrid = new " + TypeRefs.HybridLayers + "(MambaLayers, AttentionLayers, MlpLayers, MoeLayers),");
            w.WriteLine("Mamba = new " + TypeRefs.MambaShape + " { Heads = MambaHeads, HeadDim = MambaHeadDim, StateSize = MambaStateSize, Groups = MambaGroups, ConvKernel = MambaConvKernel, ChunkSize = MambaChunkSize },");
        }

        if (m.AttentionWindow > 0)
        {
            w.WriteLine("AttentionWindow = AttentionWindow,");
            w.WriteLine("ChunkedAttention = ChunkedAttention,");
            w.WriteLine("GlobalAttentionInterval = GlobalAttentionInterval,");
        }

        w.WriteLine("StatedParameters = StatedParameterCount,");
        PresetFileWriter.Close(w, TypeRefs.ModelPreset, "Info, Spec");
        return w.ToString();
    }

    // Only a hybrid model's file has these, so a transformer's generated code is as before.
    private static void EmitHybrid(SourceWriter w, in ModelSpec m)
    {
        HybridLayers k = m.Hybrid;
        MambaShape s = m.Mamba;
        PresetFileWriter.Const(w, "int", "MambaLayers", Literals.Int(k.Mamba), "Mamba-2 layers of the hybrid pattern (M).");
        PresetFileWriter.Const(w, "int", "AttentionLayers", Literals.Int(k.Attention), "Attention layers of the hybrid pattern (*).");
        PresetFileWriter.Const(w, "int", "MlpLayers", Literals.Int(k.Mlp), "MLP layers of the hybrid pattern (-).");
        PresetFileWriter.Const(w, "int", "MoeLayers", Literals.Int(k.Moe), "MoE layers of the hybrid pattern (E).");
        PresetFileWriter.Const(w, "int", "MambaHeads", Literals.Int(s.Heads), "SSM heads.");
        PresetFileWriter.Const(w, "int", "MambaHeadDim", Literals.Int(s.HeadDim), "Channels per SSM head.");
        PresetFileWriter.Const(w, "int", "MambaStateSize", Literals.Int(s.StateSize), "SSM state size.");
        PresetFileWriter.Const(w, "int", "MambaGroups", Literals.Int(s.Groups), "Groups sharing B and C.");
        PresetFileWriter.Const(w, "int", "MambaConvKernel", Literals.Int(s.ConvKernel), "Convolution width.");
        PresetFileWriter.Const(w, "int", "MambaChunkSize", Literals.Int(s.ChunkSize), "SSD scan chunk length.");
    }

    private static readonly string[] s_fields =
    [
        "Layers", "Hidden", "Heads", "KvHeads", "HeadDim", "FfnHidden", "Vocab", "MaxSequence", "Activation", "Attention",
        "Norm", "Positions", "TiedEmbeddings", "LinearBias", "QkvBias", "Dropout", "Experts", "ActiveExperts", "MoeFfnHidden",
        "SharedExperts", "SharedExpertFfnHidden", "FirstDenseLayers", "MoeLayerInterval", "QLoraRank", "KvLoraRank",
        "QkRopeHeadDim", "VHeadDim",
    ];
}
