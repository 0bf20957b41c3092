using System.ComponentModel.DataAnnotations;

namespace OppBot.Adapters.Persistence;

/// <summary>
/// The "Database" section: which database OppBot keeps its data in. SQLite (the default) needs nothing installed;
/// PostgreSQL is for several instances behind a load balancer.
/// </summary>
public sealed class DatabaseOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Database";

    /// <summary>The value of <see cref="Provider"/> for SQLite.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>The value of <see cref="Provider"/> for PostgreSQL.</summary>
    public const string PostgreSql = "PostgreSQL";

    /// <summary>The default connection string: a file under data/ in the content root.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/oppbot.db";

    /// <summary><c>Sqlite</c> or <c>PostgreSQL</c> (case-insensitive). Defaults to Sqlite.</summary>
    [Required]
    [RegularExpression("(?i)^(sqlite|postgresql)$", ErrorMessage = "Database:Provider must be 'Sqlite' or 'PostgreSQL'.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// The ADO.NET connection string. Defaults to <c>Data Source=data/oppbot.db</c>; a relative SQLite path is taken
    /// from the content root and its folder is created at start. Required for PostgreSQL (pass the password through
    /// the environment: <c>Database__ConnectionString</c>).
    /// </summary>
    [Required(ErrorMessage = "Database:ConnectionString is required.")]
    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>True when <see cref="Provider"/> names PostgreSQL.</summary>
    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The default is a SQLite path; PostgreSQL needs its own connection string.
        if (IsPostgreSql && ConnectionString == DefaultSqliteConnectionString)
        {
            yield return new ValidationResult(
                "Database:ConnectionString must be set to a PostgreSQL connection string when Database:Provider is PostgreSQL.",
                [nameof(ConnectionString)]);
        }
    }
}
