extern alias generator;

using GpuPresetSpec = generator::PresetPlanner.Generator.Specs.GpuPresetSpec;
using ModelPresetSpec = generator::PresetPlanner.Generator.Specs.ModelPresetSpec;
using System.Reflection;
using PresetPlanner.Specs;

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
        where T : struct => (T)Copy(typeof(T), source);

    // Member by member; a nested spec value (HybridLayers, MambaShape) is the generator's own type too and is copied
    // the same way.
    private static object Copy(Type type, object source)
    {
        object target = Activator.CreateInstance(type)!;
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            object? value = source.GetType().GetProperty(property.Name)?.GetValue(source);
            if (value is null)
            {
                continue;
            }

            Type to = property.PropertyType;
            object converted = to.IsEnum ? Enum.ToObject(to, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture))
                : to.IsValueType && !to.IsPrimitive && value.GetType() != to ? Copy(to, value)
                : value;
            property.SetValue(target, converted);
        }

        return target;
    }
}
