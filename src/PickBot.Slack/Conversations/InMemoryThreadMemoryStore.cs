using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PickBot.Core.Conversations;

namespace PickBot.Slack.Conversations;

/// <summary>Thread memory in this process only: the default when no durable store is registered (tests, a bare adapter).</summary>
public sealed class InMemoryThreadMemoryStore(IOptions<SlackConversationOptions> options, TimeProvider time) : IThreadMemoryStore
{
    private readonly ConcurrentDictionary<string, ThreadMemory> _threads = new(StringComparer.Ordinal);

    public Task<ThreadMemory?> GetAsync(string conversation, CancellationToken cancellationToken = default) =>
        Task.FromResult(_threads.TryGetValue(conversation, out var memory) && memory.UpdatedAt + options.Value.ThreadMemoryAge > time.GetUtcNow() ? memory : null);

    public Task SaveAsync(ThreadMemory memory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (_threads.Count >= options.Value.ThreadMemoryMaxThreads && !_threads.ContainsKey(memory.Conversation))
        {
            // The oldest go first: the bound holds, and the threads still talked in stay.
            foreach (var old in _threads.Values.OrderBy(m => m.UpdatedAt).Take(Math.Max(1, _threads.Count / 10)).ToList())
            {
                _threads.TryRemove(old.Conversation, out _);
            }
        }

        _threads[memory.Conversation] = memory;
        return Task.CompletedTask;
    }
}
