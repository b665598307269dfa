namespace PickBot.Tests.Support;

/// <summary>Polls for something done in the background (after the ack, a file watcher's reload), failing with a clear message at the deadline.</summary>
public static class Eventually
{
    public static async Task<T> FindAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected background result did not appear in time");
            }

            await Task.Delay(50);
        }
    }

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

        throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting for {what}; last value: {last}");
    }
}
