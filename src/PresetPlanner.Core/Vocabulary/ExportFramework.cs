namespace PresetPlanner.Vocabulary;

/// <summary>The training frameworks a layout can be exported to (docs/export.md cites each flag's source).</summary>
public enum ExportFramework
{
    /// <summary>Megatron-LM command-line arguments (megatron/training/arguments.py).</summary>
    Megatron,

    /// <summary>Megatron-Bridge recipe overrides, <c>section.field=value</c> (its ConfigContainer dataclasses).</summary>
    MegatronBridge,

    /// <summary>A torchtitan job-config TOML (torchtitan/config/job_config.py).</summary>
    Torchtitan,

    /// <summary>A DeepSpeed config JSON (docs/_pages/config-json.md).</summary>
    DeepSpeed,
}
