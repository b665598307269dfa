using System.Numerics;
using System.Runtime.InteropServices;

namespace PickBot.Core.Semantic;

/// <summary>
/// The two vector operations the layer needs, with <see cref="Vector{T}"/>: the System.Numerics.Tensors package's
/// TensorPrimitives would do the same, but it is not part of the shared framework, and a 384-float dot product is
/// a few lines.
/// </summary>
internal static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var sum = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..length]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..length]);
            for (var k = 0; k < va.Length; k++)
            {
                sum += va[k] * vb[k];
            }

            i = va.Length * Vector<float>.Count;
        }

        var total = Vector.Sum(sum);
        for (; i < length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    public static float[] Normalised(float[] vector)
    {
        var norm = MathF.Sqrt(Dot(vector, vector));
        if (norm == 0 || MathF.Abs(norm - 1) < 1e-6f)
        {
            return vector;
        }

        var result = new float[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            result[i] = vector[i] / norm;
        }

        return result;
    }
}
