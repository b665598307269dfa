namespace PickBot.Tests.Support;

/// <summary>Polls until a condition holds, for effects that happen in the background (a file watcher's reload).</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        T last;
        do
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new Xunit.Sdk.XunitException($"Timed out after {timeoutSeconds} s waiting for {what}; last value: {last}");
    }
}
