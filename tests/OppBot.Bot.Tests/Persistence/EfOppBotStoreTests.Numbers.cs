using OppBot.Domain;

namespace OppBot.Bot.Tests.Persistence;

public abstract partial class EfOppBotStoreTests
{
    [StoreFact]
    public async Task ReserveOpportunityNumbersAsync_Block_ConsecutiveAfterTheLastNumberAndBeforeTheNext()
    {
        var (store, _) = Open();
        var before = await store.NextOpportunityNumberAsync(default);

        var block = await ((IOppBotStore)store).ReserveOpportunityNumbersAsync(500, default);
        var after = await store.NextOpportunityNumberAsync(default);

        Assert.Equal(Enumerable.Range(before + 1, 500), block);
        Assert.Equal(before + 501, after);
    }

    [StoreFact]
    public async Task ReserveOpportunityNumbersAsync_Zero_ReservesNothing()
    {
        var (store, _) = Open();
        var before = await store.NextOpportunityNumberAsync(default);

        Assert.Empty(await store.ReserveOpportunityNumbersAsync(0, default));
        Assert.Equal(before + 1, await store.NextOpportunityNumberAsync(default));
    }
}
