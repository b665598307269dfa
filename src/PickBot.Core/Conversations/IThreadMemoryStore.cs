namespace PickBot.Core.Conversations;

/// <summary>
/// Where conversation memory lives: beside the feedback (SQLite in one process, Redis across replicas). Entries expire
/// after the store's configured age; a store that cannot answer returns null, and the answer is made without memory.
/// </summary>
public interface IThreadMemoryStore
{
    Task<ThreadMemory?> GetAsync(string conversation, CancellationToken cancellationToken = default);

    Task SaveAsync(ThreadMemory memory, CancellationToken cancellationToken = default);
}
