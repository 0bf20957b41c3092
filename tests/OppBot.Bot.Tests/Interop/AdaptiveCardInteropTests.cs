using System.Text.Json;
using System.Text.Json.Nodes;
using OppBot.Adapters.Teams.Cards;
using OppBot.Bot.Tests.Support;
using OppBot.Bot.Tests.Teams.Cards;

namespace OppBot.Bot.Tests.Interop;

/// <summary>
/// Every card shape the renderer produces, parsed and validated at version 1.5 by Microsoft's adaptivecards 3.0.6
/// (tests/interop/validate-card.mjs).
/// </summary>
public sealed class AdaptiveCardInteropTests
{
    [Fact]
    public async Task RenderedCards_EverySample_HaveNoValidationErrors()
    {
        var renderer = new AdaptiveCardRenderer();
        var samples = AdaptiveCardRendererTests.Samples.ToList();
        var cards = new JsonArray(samples.Select(s => (JsonNode)renderer.Render(s.Value, "zh-CN")).ToArray());

        var results = await ValidateAsync(cards);

        Assert.Equal(samples.Count, results.Count);
        var problems = results
            .Select((r, i) => (Name: samples[i].Key, r.Errors))
            .Where(r => r.Errors.Count > 0)
            .Select(r => $"{r.Name}: {string.Join("; ", r.Errors)}")
            .ToList();
        Assert.True(problems.Count == 0, "adaptivecards rejected rendered cards:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("""{ "type": "AdaptiveCard", "version": "1.6", "body": [] }""", "UnsupportedCardVersion")]                       // newer than Teams renders
    [InlineData("""{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "Input.Txt", "id": "a" } ] }""", "UnknownElementType")] // misspelt element
    [InlineData("""{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock", "text": "a", "size": "huge" } ] }""", "InvalidPropertyValue")] // bad enum value
    [InlineData("""{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "Input.Text", "id": "a", "multiline": true } ] }""", "UnknownProperty")] // ignored silently by renderers
    [InlineData("""{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "Input.Text", "id": "a", "label": "A", "isRequired": true } ] }""", "RequiredInputsShouldHaveErrorMessage")]
    [InlineData("""{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "Input.Text", "id": "a", "label": "A" }, { "type": "Input.Text", "id": "a", "label": "B" } ] }""", "DuplicateId")]
    public async Task ValidateCards_BrokenCard_ReportsError(string card, string expectedEvent)
    {
        // The oracle must be able to fail, or the test above proves nothing.
        var results = await ValidateAsync(new JsonArray(JsonNode.Parse(card)));

        Assert.Contains(results.Single().Errors, e => e.StartsWith(expectedEvent + ":", StringComparison.Ordinal));
    }

    private static async Task<List<CardResult>> ValidateAsync(JsonArray cards)
    {
        var result = (await NodeRunner.RunAsync("validate-card.mjs", cards.ToJsonString())).EnsureSuccess();
        using var doc = JsonDocument.Parse(result.StdOut);
        return doc.RootElement.EnumerateArray()
            .Select(card => new CardResult(
                card.GetProperty("errors").EnumerateArray()
                    .Select(e => $"{e.GetProperty("event").GetString()}: {e.GetProperty("message").GetString()}")
                    .ToList()))
            .ToList();
    }

    private sealed record CardResult(List<string> Errors);
}
