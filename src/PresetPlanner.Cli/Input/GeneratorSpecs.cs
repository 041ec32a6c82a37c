extern alias generator;

using System.Reflection;
using GpuPresetSpec = generator::PresetPlanner.Generator.Specs.GpuPresetSpec;
using ModelPresetSpec = generator::PresetPlanner.Generator.Specs.ModelPresetSpec;

namespace PresetPlanner.Cli.Input;

/// <summary>
/// The generator's parsed presets as the core's values. The generator links the core's spec types into its own
/// assembly, so its ModelSpec is another type with the same members: they are copied by name (enums by value).
/// Linked into the web page too, which reads a pasted preset with the same parser.
/// </summary>
internal static class GeneratorSpecs
{
    public static ModelPreset Model(ModelPresetSpec m) => new(new PresetInfo(m.Id, m.Name, m.Source), Copy<ModelSpec>(m.Shape));

    public static GpuPreset Gpu(GpuPresetSpec g) => new(new PresetInfo(g.Id, g.Name, g.Source), Copy<GpuSpec>(g.Shape));

    private static T Copy<T>(object source)
        where T : struct
    {
        object target = default(T);
        foreach (PropertyInfo property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            object? value = source.GetType().GetProperty(property.Name)?.GetValue(source);
            if (value is not null)
            {
                property.SetValue(target, property.PropertyType.IsEnum ? Enum.ToObject(property.PropertyType, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)) : value);
            }
        }

        return (T)target;
    }
}
