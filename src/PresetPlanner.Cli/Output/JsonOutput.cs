using System.Text.Json;
using System.Text;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Output;

/// <summary>The JSON contract of docs/cli.md: bytes, seconds and FLOP/s as numbers, names in camelCase.</summary>
internal static class JsonOutput
{
    /// <summary>The version of the output's shape (docs/output.schema.json); raised when a field changes meaning or goes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// Writes a document to <paramref name="writer"/> as the body produces it (the body may <c>Flush</c> the JSON writer
    /// to hand what it has written on): a long document is never held whole.
    /// </summary>
    public static void Write(TextWriter writer, Action<Utf8JsonWriter> body)
    {
        using var stream = new TextWriterStream(writer);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            body(json);
        }
    }

    /// <summary>A document as a string.</summary>
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Opens a command's document: schemaVersion, command, and the model, cluster and training it planned.</summary>
    public static void Header(Utf8JsonWriter w, string command, PlanningContext ctx)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("command", command);
        w.WritePropertyName("model");
        Model(w, ctx.ModelPreset);
        w.WritePropertyName("cluster");
        Cluster(w, ctx.ClusterPreset);
        w.WritePropertyName("training");
        Training(w, ctx.Settings);
        Band(w, ctx.Band);
    }

    public static void Model(Utf8JsonWriter w, in ModelPreset model)
    {
        ModelSpec m = model.Spec;
        w.WriteStartObject();
        w.WriteString("id", model.Info.Id);
        w.WriteString("name", model.Info.Name);
        w.WriteNumber("layers", m.Layers);
        w.WriteNumber("hidden", m.Hidden);
        w.WriteNumber("heads", m.Heads);
        w.WriteNumber("kvHeads", m.KvHeads);
        w.WriteNumber("headDim", m.HeadDim);
        w.WriteNumber("ffnHidden", m.FfnHidden);
        w.WriteNumber("vocab", m.Vocab);
        w.WriteNumber("maxSequence", m.MaxSequence);
        w.WriteString("activation", Spelling.Of(m.Activation));
        w.WriteString("attention", Spelling.Of(m.Attention));
        w.WriteString("norm", Spelling.Of(m.Norm));
        w.WriteString("positionEmbedding", Spelling.Of(m.Positions));
        w.WriteBoolean("tiedEmbeddings", m.TiedEmbeddings);
        w.WriteBoolean("linearBias", m.LinearBias);
        w.WriteBoolean("qkvBias", m.QkvBias);
        w.WriteNumber("dropout", m.Dropout);
        w.WriteNumber("statedParameters", m.StatedParameters);
        w.WriteNumber("parameters", m.TotalParameters);
        w.WriteNumber("activeParameters", m.ActiveParameters);
        w.WriteStartObject("moe");
        w.WriteNumber("experts", m.Experts);
        w.WriteNumber("activeExperts", m.ActiveExperts);
        w.WriteNumber("ffnHidden", m.MoeFfnHidden);
        w.WriteNumber("sharedExperts", m.SharedExperts);
        w.WriteNumber("sharedFfnHidden", m.SharedExpertFfnHidden);
        w.WriteNumber("firstDenseLayers", m.FirstDenseLayers);
        w.WriteNumber("layerInterval", m.MoeLayerInterval);
        w.WriteNumber("latentSize", m.MoeLatentSize);
        w.WriteEndObject();
        w.WriteStartObject("mla");
        w.WriteNumber("qLoraRank", m.QLoraRank);
        w.WriteNumber("kvLoraRank", m.KvLoraRank);
        w.WriteNumber("qkRopeHeadDim", m.QkRopeHeadDim);
        w.WriteNumber("vHeadDim", m.VHeadDim);
        w.WriteEndObject();
        w.WriteStartObject("window");
        w.WriteNumber("size", m.AttentionWindow);
        w.WriteBoolean("chunked", m.ChunkedAttention);
        w.WriteNumber("globalEvery", m.GlobalAttentionInterval);
        w.WriteEndObject();
        w.WriteStartObject("hybrid");
        w.WriteNumber("mambaLayers", m.Hybrid.Mamba);
        w.WriteNumber("attentionLayers", m.Hybrid.Attention);
        w.WriteNumber("mlpLayers", m.Hybrid.Mlp);
        w.WriteNumber("moeLayers", m.Hybrid.Moe);
        w.WriteStartObject("mamba");
        w.WriteNumber("heads", m.Mamba.Heads);
        w.WriteNumber("headDim", m.Mamba.HeadDim);
        w.WriteNumber("stateSize", m.Mamba.StateSize);
        w.WriteNumber("groups", m.Mamba.Groups);
        w.WriteNumber("convKernel", m.Mamba.ConvKernel);
        w.WriteNumber("chunkSize", m.Mamba.ChunkSize);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("source", model.Info.Source);
        w.WriteEndObject();
    }

    public static void Gpu(Utf8JsonWriter w, in GpuPreset gpu)
    {
        GpuSpec g = gpu.Spec;
        w.WriteStartObject();
        w.WriteString("id", gpu.Info.Id);
        w.WriteString("name", gpu.Info.Name);
        w.WriteNumber("memoryBytes", g.MemoryBytes);
        w.WriteNumber("memoryBytesPerSecond", g.MemoryBytesPerSecond);
        w.WriteNumber("peakBf16FlopsPerSecond", g.PeakBf16FlopsPerSecond);
        w.WriteNumber("peakFp8FlopsPerSecond", g.PeakFp8FlopsPerSecond);
        w.WriteNumber("peakFp4FlopsPerSecond", g.PeakFp4FlopsPerSecond);
        Optional(w, "boardWatts", g.BoardWatts > 0 ? g.BoardWatts : null);
        w.WriteNumber("scaleUpBytesPerSecond", g.ScaleUpBytesPerSecond);
        w.WriteNumber("scaleUpDomain", g.ScaleUpDomain);
        w.WriteNumber("gpusPerServer", g.Server);
        w.WriteNumber("scaleOutBytesPerSecond", g.ScaleOutBytesPerSecond);
        Optional(w, "matmulEfficiency", g.MatmulEfficiency);
        Optional(w, "attentionEfficiency", g.AttentionEfficiency);
        Optional(w, "scaleUpEfficiency", g.ScaleUpEfficiency);
        Optional(w, "tensorClockRatio", g.TensorClockRatio);
        Optional(w, "exponentialsPerSecond", g.ExponentialsPerSecond);
        w.WriteString("source", gpu.Info.Source);
        w.WriteEndObject();
    }

    public static void Cluster(Utf8JsonWriter w, in ClusterPreset cluster)
    {
        ClusterSpec c = cluster.Spec;
        w.WriteStartObject();
        w.WriteString("id", cluster.Info.Id);
        w.WriteString("name", cluster.Info.Name);
        w.WriteNumber("gpuCount", c.GpuCount);
        w.WriteNumber("gpusPerNode", c.GpusPerNode);
        w.WriteNumber("nvlinkDomain", c.Domain);
        w.WriteNumber("gpusPerDomain", c.GpusPerDomainUsed);
        w.WriteNumber("domains", c.Domains);
        w.WriteNumber("scaleOutBytesPerSecond", c.ScaleOutBytesPerSecond);
        Optional(w, "scaleOutEfficiency", c.ScaleOutEfficiency);
        w.WritePropertyName("gpu");
        Gpu(w, new GpuPreset(cluster.GpuInfo, c.Gpu));
        w.WriteString("source", cluster.Info.Source);
        w.WriteEndObject();
    }

    public static void Training(Utf8JsonWriter w, in TrainingSettings s)
    {
        w.WriteStartObject();
        w.WriteNumber("sequenceLength", s.SequenceLength);
        w.WriteNumber("globalBatchSize", s.GlobalBatchSize);
        w.WriteString("precision", Spelling.Of(s.Precision));
        w.WriteString("gradientDtype", Spelling.Of(s.Gradients));
        w.WriteString("optimizer", Spelling.Of(s.Optimizer));
        w.WriteBoolean("flashAttention", s.FlashAttention);
        w.WriteBoolean("overlapCommunication", s.OverlapCommunication);
        w.WriteNumber("expertCapacityFactor", s.ExpertCapacityFactor);
        w.WriteBoolean("dropAndPad", s.DropAndPad);
        w.WriteNumber("reserveBytes", s.ReserveBytes);
        w.WriteNumber("fragmentation", s.Fragmentation);
        w.WriteString("recomputeModules", Spelling.Of(s.SelectiveModules));
        w.WriteNumber("recomputeNumLayers", s.FullRecomputeLayers);
        w.WriteNumber("offloadActivationLayers", s.ActivationOffloadLayers);
        w.WriteNumber("mtpLayers", s.MtpLayers);
        w.WriteNumber("bf16FirstLayers", s.Bf16FirstLayers);
        w.WriteNumber("bf16LastLayers", s.Bf16LastLayers);
        w.WriteNumber("offloadOptimizerFraction", s.OptimizerOffloadFraction);
        w.WriteBoolean("fp8ParamGather", s.Fp8ParamGather);
        w.WriteBoolean("activationFuncFp8InputStore", s.ActivationFuncFp8InputStore);
        w.WriteString("reshard", Spelling.Of(s.Reshard));
        w.WriteNumber("shardGroup", s.ShardGroupSize);
        w.WriteNumber("firstStageLayers", s.FirstStageLayers);
        w.WriteNumber("lastStageLayers", s.LastStageLayers);
        w.WriteBoolean("embeddingInSplit", s.EmbeddingInPipelineSplit);
        w.WriteBoolean("lossInSplit", s.LossInPipelineSplit);
        w.WriteBoolean("overlapMoeCommunication", s.OverlapExpertCommunication);
        w.WriteString("cudaGraphs", Spelling.Of(s.CudaGraphs));
        w.WriteString("dispatcher", Spelling.Of(s.Dispatcher));
        if (s.Framework is ExportFramework framework)
        {
            w.WriteString("framework", Spelling.Of(framework));
        }
        else
        {
            w.WriteNull("framework");
        }

        w.WriteBoolean("lora", s.Lora);
        w.WriteBoolean("expandableSegments", s.ExpandableSegments);
        w.WriteEndObject();
    }

    public static void Strategy(Utf8JsonWriter w, in StrategyResult r, in TrainingSettings s, in PredictionBand band, Input.Budget? budget = null, double boardWatts = 0, Goodput? goodput = null)
    {
        ParallelLayout l = r.Layout;
        w.WriteStartObject();
        w.WriteString("strategy", LayoutText.Strategy(l));
        w.WriteNumber("tp", l.Tp);
        w.WriteNumber("pp", l.Pp);
        w.WriteNumber("dp", l.Dp);
        w.WriteNumber("cp", l.Cp);
        w.WriteNumber("ep", l.Ep);
        w.WriteNumber("etp", l.Etp);
        w.WriteNumber("vp", l.Vp);
        w.WriteString("schedule", Spelling.Of(l.EffectiveSchedule));
        w.WriteNumber("microBatchSize", l.MicroBatch);
        w.WriteNumber("microBatches", r.MicroBatches);
        w.WriteNumber("globalBatchSize", s.GlobalBatchSize);
        w.WriteNumber("sequenceLength", s.SequenceLength);
        w.WriteNumber("zeroStage", l.Zero);
        w.WriteString("recompute", Spelling.Of(l.Recompute));
        w.WriteBoolean("sequenceParallel", l.SequenceParallel);
        w.WriteString("precision", Spelling.Of(s.Precision));
        w.WriteBoolean("fits", r.Fits);
        w.WriteBoolean("tight", r.Tight);
        if (r.Fits)
        {
            w.WriteNumber("headroomBytes", Math.Round(r.HeadroomBytes));
        }
        else
        {
            w.WriteNull("headroomBytes");
        }
        if (r.Fits)
        {
            w.WriteNull("infeasibleReason");
        }
        else
        {
            w.WriteString("infeasibleReason", LayoutText.Reason(r));
        }

        w.WriteString("failedConstraint", Spelling.Of(r.Failure.Constraint));
        bool valid = r.IsValid;
        w.WriteNumber("mostLoadedStage", r.MostLoadedStage);
        w.WriteNumber("capacityBytes", r.CapacityBytes);
        w.WriteStartObject("memory");
        Bytes(w, "weights", r.Memory.Weights, valid);
        Bytes(w, "gradients", r.Memory.Gradients, valid);
        Bytes(w, "optimizer", r.Memory.Optimizer, valid);
        Bytes(w, "activations", r.Memory.Activations, valid);
        Bytes(w, "other", r.Memory.Other, valid);
        Bytes(w, "total", r.Memory.Total, valid);
        w.WriteEndObject();
        Communication(w, r.Communication, valid);
        Number(w, "bubbleFraction", r.Bubble.Fraction, valid);
        Number(w, "bubbleRatio", r.Bubble.Ratio, valid);
        Number(w, "stepTimeSeconds", r.Time.StepSeconds, valid);
        Number(w, "tokensPerSecondPerGpu", r.Time.TokensPerSecondPerGpu, valid);
        (double tokensLow, double tokensHigh) = band.TokensPerSecond(r.Time.TokensPerSecondPerGpu);
        (double stepLow, double stepHigh) = band.StepSeconds(r.Time.StepSeconds);
        Range(w, "tokensPerSecondPerGpuBand", tokensLow, tokensHigh, valid);
        Range(w, "stepTimeSecondsBand", stepLow, stepHigh, valid);
        Number(w, "mfu", r.Time.Mfu, valid);
        Number(w, "hfu", r.Time.Hfu, valid);
        Number(w, "modelTflopsPerGpu", r.Time.ModelTflopsPerGpu, valid);
        if (budget is Input.Budget b)
        {
            TimeToTrainObject(w, r, b, boardWatts, goodput, valid);
        }

        w.WriteEndObject();
    }

    // The budget's days, GPU-hours, energy and cost, and the run with failures.
    private static void TimeToTrainObject(Utf8JsonWriter w, in StrategyResult r, in Input.Budget b, double boardWatts, Goodput? goodput, bool valid)
    {
        TimeToTrain t = TimeToTrain.Of(r, b.Tokens, boardWatts, b.Price);
        w.WriteStartObject("timeToTrain");
        w.WriteNumber("tokens", b.Tokens);
        Number(w, "seconds", t.Seconds, valid);
        Number(w, "days", t.Days, valid);
        Number(w, "gpuHours", t.GpuHours, valid);
        Optional(w, "energyMegawattHours", valid ? t.EnergyMegawattHours : null);
        Optional(w, "cost", valid ? t.Cost : null);
        Optional(w, "gpuHourPrice", b.Price);
        if (goodput is Goodput g)
        {
            Goodput(w, g, t, valid);
        }

        w.WriteEndObject();
    }

    // The run with failures and checkpoints (docs/model.md, "Goodput").
    private static void Goodput(Utf8JsonWriter w, in Goodput g, in TimeToTrain t, bool valid)
    {
        double wall = g.WallSeconds(t.Seconds);
        w.WriteStartObject("goodput");
        Number(w, "fraction", g.Fraction, valid);
        Number(w, "secondsWithFailures", wall, valid);
        Number(w, "daysWithFailures", wall / TimeToTrain.SecondsPerDay, valid);
        Number(w, "interruptions", g.Interruptions(wall), valid);
        Number(w, "meanSecondsBetweenFailures", g.MeanSecondsBetweenFailures, valid);
        Number(w, "checkpointBytesPerGpu", g.CheckpointBytesPerGpu, valid);
        Number(w, "checkpointIntervalSeconds", g.IntervalSeconds, valid);
        Number(w, "checkpointWriteSeconds", g.WriteSeconds, valid);
        Number(w, "checkpointBlockingSeconds", g.BlockingSeconds, valid);
        Number(w, "restartSeconds", g.RestartSeconds, valid);
        w.WriteEndObject();
    }

    private static void Communication(Utf8JsonWriter w, in CommunicationBreakdown c, bool valid)
    {
        w.WriteStartObject("communication");
        Bytes(w, "tensorParallel", c.TensorParallel, valid);
        Bytes(w, "pipelineParallel", c.PipelineParallel, valid);
        Bytes(w, "dataParallel", c.DataParallel, valid);
        Bytes(w, "contextParallel", c.ContextParallel, valid);
        Bytes(w, "expertParallel", c.ExpertParallel, valid);
        Bytes(w, "expertDataParallel", c.ExpertDataParallel, valid);
        Bytes(w, "total", c.Total, valid);
        Bytes(w, "onScaleUp", c.OnScaleUp, valid);
        Bytes(w, "onScaleOut", c.OnScaleOut, valid);
        w.WriteStartObject("links");
        Link(w, "tensorParallel", c.Links.TensorParallel);
        Link(w, "pipelineParallel", c.Links.PipelineParallel);
        Link(w, "dataParallel", c.Links.DataParallel);
        Link(w, "contextParallel", c.Links.ContextParallel);
        Link(w, "expertParallel", c.Links.ExpertParallel);
        Link(w, "expertDataParallel", c.Links.ExpertDataParallel);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // The group's link and the share of its bytes on the scale-out network.
    private static void Link(Utf8JsonWriter w, string name, in GroupLink link)
    {
        w.WriteStartObject(name);
        w.WriteString("kind", Spelling.Of(link.Kind));
        w.WriteNumber("scaleOutShare", Math.Round(link.ScaleOutShare, 6));
        w.WriteEndObject();
    }

    private static void Bytes(Utf8JsonWriter w, string name, double value, bool valid) => Number(w, name, Math.Round(value), valid);

    private static void Number(Utf8JsonWriter w, string name, double value, bool valid)
    {
        if (valid && double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    // A prediction's band (PredictionBand), or null where the layout is invalid.
    private static void Range(Utf8JsonWriter w, string name, double low, double high, bool valid)
    {
        if (!valid)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("low", low);
        w.WriteNumber("high", high);
        w.WriteEndObject();
    }

    /// <summary>The band a plan's predictions carry: the runs it was drawn from and its percentiles of the signed error.</summary>
    public static void Band(Utf8JsonWriter w, in PredictionBand band)
    {
        w.WriteStartObject("predictionBand");
        w.WriteString("scope", Spelling.Of(band.Scope));
        w.WriteString("gpuGeneration", band.Scope is BandScope.Kind or BandScope.Generation ? Spelling.Of(band.Generation) : "any");
        w.WriteString("modelKind", band.Scope == BandScope.All ? "any" : band.Moe ? "moe" : "dense");
        w.WriteString("precisionWidth", band.Scope == BandScope.Kind ? Spelling.Of(band.Precision) : "any");
        w.WriteNumber("runs", band.Runs);
        w.WriteNumber("predictions", band.Predictions);
        w.WriteNumber("lowQuantile", PredictionBand.LowQuantile);
        w.WriteNumber("highQuantile", PredictionBand.HighQuantile);
        w.WriteNumber("lowError", band.Low);
        w.WriteNumber("highError", band.High);
        w.WriteEndObject();
    }

    // A measured figure, or null where the preset states none and the calibrated default applies.
    private static void Optional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
