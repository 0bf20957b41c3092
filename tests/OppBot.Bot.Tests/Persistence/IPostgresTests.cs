namespace OppBot.Bot.Tests.Persistence;

/// <summary>Marks a test class that runs against PostgreSQL.</summary>
public interface IPostgresTests
{
}
