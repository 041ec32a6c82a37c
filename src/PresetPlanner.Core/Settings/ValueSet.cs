using System.Runtime.CompilerServices;

namespace PresetPlanner.Settings;

/// <summary>
/// The values one parallel dimension may take in a search: either any valid value (the default) or up to
/// <see cref="Capacity"/> pinned values, kept in ascending order. A value type with inline storage, so a search space
/// allocates nothing.
/// </summary>
public struct ValueSet : IEquatable<ValueSet>
{
    /// <summary>Most values one set can pin.</summary>
    public const int Capacity = 8;

    private Buffer _values;
    private int _count;

    /// <summary>Any value the model and cluster allow.</summary>
    public static ValueSet Any => default;

    /// <summary>True when no value is pinned.</summary>
    public readonly bool IsAny => _count == 0;

    /// <summary>Number of pinned values (0 = any).</summary>
    public readonly int Count => _count;

    /// <summary>A set of pinned values.</summary>
    /// <exception cref="ArgumentException">More than <see cref="Capacity"/> values, or a value below 1.</exception>
    public static ValueSet Of(params ReadOnlySpan<int> values)
    {
        if (values.Length > Capacity)
        {
            throw new ArgumentException($"At most {Capacity} values can be pinned per dimension.", nameof(values));
        }

        var set = default(ValueSet);
        foreach (int v in values)
        {
            if (v < 1)
            {
                throw new ArgumentException("Pinned values must be at least 1.", nameof(values));
            }

            if (!set.Pins(v))
            {
                // Insertion keeps the values ascending, so the enumerator walks pinned values in the order of divisors.
                int at = set._count++;
                while (at > 0 && set._values[at - 1] > v)
                {
                    set._values[at] = set._values[at - 1];
                    at--;
                }

                set._values[at] = v;
            }
        }

        return set;
    }

    /// <summary>Whether <paramref name="value"/> is allowed.</summary>
    public readonly bool Contains(int value) => _count == 0 || Pins(value);

    private readonly bool Pins(int value)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_values[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pinned value at <paramref name="index"/> (ascending).</summary>
    public readonly int this[int index] => _values[index];

    /// <inheritdoc/>
    public readonly bool Equals(ValueSet other)
    {
        if (_count != other._count)
        {
            return false;
        }

        for (int i = 0; i < _count; i++)
        {
            if (!other.Pins(_values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is ValueSet other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode()
    {
        int hash = _count;
        for (int i = 0; i < _count; i++)
        {
            hash ^= _values[i] * 397;
        }

        return hash;
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(ValueSet left, ValueSet right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ValueSet left, ValueSet right) => !left.Equals(right);

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private int _element;
    }
}
