namespace PickBot.Core.Knowledge;

/// <summary>
/// A value that flows with the async call it was entered in (an <see cref="AsyncLocal{T}"/>) and is restored when the
/// scope is disposed: the workspace a question comes from, the Slack team whose token answers it.
/// </summary>
public sealed class AmbientValue<T>
    where T : class
{
    private readonly AsyncLocal<T?> _value = new();

    public T? Current => _value.Value;

    /// <summary>Makes <paramref name="value"/> current until the result is disposed; null leaves the current one as it is.</summary>
    public Scope Enter(T? value)
    {
        var previous = _value.Value;
        if (value is not null)
        {
            _value.Value = value;
        }

        return new Scope(this, previous);
    }

    public readonly struct Scope(AmbientValue<T> owner, T? previous) : IDisposable
    {
        public void Dispose() => owner._value.Value = previous;
    }
}
