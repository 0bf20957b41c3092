using Xunit.Abstractions;
using Xunit.Sdk;

namespace OppBot.Bot.Tests.Persistence;

/// <summary>The theory counterpart of <see cref="StoreFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("OppBot.Bot.Tests.Persistence.StoreTheoryDiscoverer", "OppBot.Bot.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute
{
}

/// <summary>Discovers <see cref="StoreTheoryAttribute"/> tests, skipping the PostgreSQL ones when no server is configured.</summary>
public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        var testClass = testMethod.TestClass.Class.ToRuntimeType();
        if (typeof(IPostgresTests).IsAssignableFrom(testClass) && PostgresDatabase.ServerConnectionString is null)
        {
            return
            [
                new XunitSkippedDataRowTestCase(
                    DiagnosticMessageSink,
                    discoveryOptions.MethodDisplayOrDefault(),
                    discoveryOptions.MethodDisplayOptionsOrDefault(),
                    testMethod,
                    $"Set {PostgresDatabase.Variable} to a PostgreSQL connection string (a role that may create databases) to run this test."),
            ];
        }

        return base.Discover(discoveryOptions, testMethod, theoryAttribute);
    }
}
