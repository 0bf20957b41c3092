using Microsoft.Extensions.Options;
using OppBot.Bot.Playground;
using OppBot.Bot.Tests.Persistence;
using OppBot.Domain.Conversations;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Bot.Tests.Playground;

public sealed class DirectLineTokensTests : IAsyncLifetime
{
    private static readonly DirectLineGrant Grant = new("pg-demo-rep-1", "demo-rep-1", "李雷", ConversationKind.Personal);

    private readonly SqliteDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ValidateAsync_IssuedToken_ReturnsItsGrant()
    {
        var sut = CreateSut();
        var token = await sut.IssueAsync(Grant, default);

        Assert.Equal(Grant, await sut.ValidateAsync("Bearer " + token.Token, default));
        Assert.Equal(3600, token.ExpiresIn); // the default lifetime, an hour
    }

    [Fact]
    public async Task ValidateAsync_AfterItsLifetime_IsRefused()
    {
        var sut = CreateSut();
        var token = await sut.IssueAsync(Grant, default);

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(await sut.ValidateAsync("Bearer " + token.Token, default));
    }

    [Fact]
    public async Task ValidateAsync_PayloadChangedToAnotherConversation_IsRefused()
    {
        var sut = CreateSut();
        var token = (await sut.IssueAsync(Grant, default)).Token.Split('.');
        var forged = (await sut.IssueAsync(Grant with { ConversationId = "pg-demo-manager" }, default)).Token.Split('.');

        // The manager's conversation in the payload, the rep's signature.
        Assert.Null(await sut.ValidateAsync($"Bearer {token[0]}.{forged[1]}.{token[2]}", default));
    }

    [Fact]
    public async Task ValidateAsync_SignedWithAnotherKey_IsRefused()
    {
        var other = CreateSut(tokenKey: new string('x', 32));
        var token = await other.IssueAsync(Grant, default);

        Assert.Null(await CreateSut(tokenKey: new string('y', 32)).ValidateAsync("Bearer " + token.Token, default));
    }

    [Theory]
    [InlineData(null)] // no Authorization header
    [InlineData("Basic dXNlcjpwYXNz")] // another scheme
    [InlineData("Bearer ")] // no token
    [InlineData("Bearer a.b")] // two parts
    [InlineData("Bearer !!.??.**")] // not base64url
    public async Task ValidateAsync_Malformed_IsRefused(string? authorization)
    {
        Assert.Null(await CreateSut().ValidateAsync(authorization, default));
    }

    [Fact]
    public async Task ValidateAsync_WithoutConfiguredKey_AnotherInstanceOnTheSameDatabaseAccepts()
    {
        // Two instances, one database, no Playground:TokenKey: both use the secret stored by the first.
        var first = CreateSut();
        var token = await first.IssueAsync(Grant, default);

        var second = CreateSut();

        Assert.Equal(Grant, await second.ValidateAsync("Bearer " + token.Token, default));
    }

    [Fact]
    public async Task IssueAsync_Token_IsAJwtNamingTheUserForWebChat()
    {
        // Web Chat reads the user id from the token's "user" claim (jwt-decode in its connectSaga).
        var token = (await CreateSut().IssueAsync(Grant, default)).Token;

        var payload = System.Text.Json.Nodes.JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]))!;
        Assert.Equal("demo-rep-1", (string?)payload["user"]);
        Assert.Equal("pg-demo-rep-1", (string?)payload["conv"]);
    }

    private DirectLineTokens CreateSut(string? tokenKey = null) =>
        new(_database.ParallelFactory, Options.Create(new PlaygroundOptions { TokenKey = tokenKey }), _clock);
}
