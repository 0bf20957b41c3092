namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>A row of counters: a named sequence that works the same on SQLite and PostgreSQL (deal numbers).</summary>
internal sealed class Counter(string name, long value)
{
    /// <summary>The name of the opportunity-number counter.</summary>
    public const string OpportunityNumber = "opportunity";

    /// <summary>The counter's name.</summary>
    public string Name { get; private set; } = name;

    /// <summary>The last value handed out.</summary>
    public long Value { get; private set; } = value;
}
