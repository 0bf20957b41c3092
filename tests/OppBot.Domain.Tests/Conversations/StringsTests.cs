using System.Text.RegularExpressions;
using OppBot.Domain.Conversations;

namespace OppBot.Domain.Tests.Conversations;

public partial class StringsTests
{
    [Fact]
    public void Every_String_HasBothLanguagesAndTheSamePlaceholders()
    {
        Assert.All(Strings.All, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Value.Zh), entry.Key);
            Assert.False(string.IsNullOrWhiteSpace(entry.Value.En), entry.Key);
            Assert.Equal(Holes(entry.Value.Zh), Holes(entry.Value.En));
        });
    }

    [Fact]
    public void Every_RefusalCode_HasASentence()
    {
        var codes = typeof(RefusalCode).GetFields().Select(f => (string)f.GetValue(null)!);
        Assert.All(codes, code => Assert.Contains(Strings.All, e => e.Key == "refusal." + code));
    }

    private static string[] Holes(string s) => Hole().Matches(s).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Hole();
}
