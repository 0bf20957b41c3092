using Xunit.Abstractions;
using Xunit.Sdk;

namespace OppBot.Bot.Tests.Persistence;

/// <summary>
/// A fact of a test class shared by SQLite and PostgreSQL (written once in an abstract class, run by one subclass per
/// database). In a subclass marked <see cref="IPostgresTests"/> it is skipped unless OPPBOT_TEST_PG is set — xunit v2
/// cannot skip at run time, so the decision is made at discovery, per subclass.
/// </summary>
[XunitTestCaseDiscoverer("OppBot.Bot.Tests.Persistence.StoreFactDiscoverer", "OppBot.Bot.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping the PostgreSQL ones when no server is configured.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var options = discoveryOptions.MethodDisplayOptionsOrDefault();
        var testClass = testMethod.TestClass.Class.ToRuntimeType();
        if (typeof(IPostgresTests).IsAssignableFrom(testClass) && PostgresDatabase.ServerConnectionString is null)
        {
            yield return new XunitSkippedDataRowTestCase(
                diagnosticMessageSink,
                display,
                options,
                testMethod,
                $"Set {PostgresDatabase.Variable} to a PostgreSQL connection string (a role that may create databases) to run this test.");
        }
        else
        {
            yield return new XunitTestCase(diagnosticMessageSink, display, options, testMethod);
        }
    }
}
