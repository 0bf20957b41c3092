using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Tests;

public class DomainReferencesTests
{
    [Fact]
    public void Domain_ReferencesOnlyTheBaseLibrary()
    {
        var names = typeof(Opportunity).Assembly.GetReferencedAssemblies().Select(a => a.Name!);
        Assert.All(names, n => Assert.True(n == "netstandard" || n.StartsWith("System", StringComparison.Ordinal), n));
    }
}
