using PickBot.Core.Knowledge;

namespace PickBot.Core.Tests.Knowledge;

/// <summary>A store whose first set is still loading: nobody is answered from an empty set, and a newer swap stays.</summary>
public sealed class KnowledgeStoreTests
{
    private static KnowledgeBase Set(string version) => new([], [], [], version, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Current_InitialLoadStillRunning_WaitsForIt()
    {
        var load = new TaskCompletionSource<KnowledgeBase>();
        var store = new KnowledgeStore(load.Task);
        var reader = Task.Run(() => store.Current.Version);

        Assert.False(store.Initialized.IsCompleted);
        await Task.WhenAny(reader, Task.Delay(50));
        Assert.False(reader.IsCompleted);
        load.SetResult(Set("first"));

        Assert.Equal("first", await reader);
        Assert.True(store.Initialized.IsCompletedSuccessfully);
    }

    [Fact]
    public void Current_SwappedBeforeTheInitialLoadEnds_KeepsTheSwappedSet()
    {
        var load = new TaskCompletionSource<KnowledgeBase>();
        var store = new KnowledgeStore(load.Task);
        store.Swap(Set("reloaded"));
        load.SetResult(Set("initial"));

        Assert.Equal("reloaded", store.Current.Version);
    }

    [Fact]
    public void Current_InitialLoadFailed_ThrowsItsError()
    {
        var store = new KnowledgeStore(Task.FromException<KnowledgeBase>(new IOException("disk gone")));

        Assert.Equal("disk gone", Assert.Throws<IOException>(() => store.Current).Message);
        Assert.True(store.Initialized.IsFaulted);
    }

    [Fact]
    public void Initialized_StoreMadeWithALoadedSet_IsComplete()
    {
        var store = new KnowledgeStore(Set("ready"));

        Assert.True(store.Initialized.IsCompletedSuccessfully);
        Assert.Equal("ready", store.Current.Version);
    }
}
