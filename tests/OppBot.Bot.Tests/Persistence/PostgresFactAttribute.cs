namespace OppBot.Bot.Tests.Persistence;

/// <summary>A fact that needs a PostgreSQL server: skipped unless OPPBOT_TEST_PG holds a connection string.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the variable is missing.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresDatabase.ServerConnectionString is null)
        {
            Skip = $"Set {PostgresDatabase.Variable} to a PostgreSQL connection string (a role that may create databases) to run this test.";
        }
    }
}
