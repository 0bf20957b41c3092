using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OppBot.Adapters.Persistence.Mapping;
using OppBot.Domain.Approvals;
using OppBot.Domain.Audit;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Adapters.Persistence;

/// <summary>
/// The EF Core model of OppBot's data, for SQLite and PostgreSQL. Tables and columns are snake_case. The schema is
/// not created from this model at run time: it comes from the versioned SQL under Schema/ (see
/// <see cref="SchemaMigrator"/>), and SchemaTests fails when this model and those files disagree.
/// </summary>
public sealed class OppBotDbContext(DbContextOptions<OppBotDbContext> options) : DbContext(options)
{
    /// <summary>Deals.</summary>
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();

    /// <summary>People.</summary>
    public DbSet<SalesRep> Users => Set<SalesRep>();

    /// <summary>Teams.</summary>
    public DbSet<Team> Teams => Set<Team>();

    /// <summary>Approvals.</summary>
    public DbSet<Approval> Approvals => Set<Approval>();

    /// <summary>Dialogs in progress.</summary>
    public DbSet<DialogState> Dialogs => Set<DialogState>();

    /// <summary>The outbox.</summary>
    public DbSet<OutgoingMessage> Outbox => Set<OutgoingMessage>();

    /// <summary>Domain events.</summary>
    public DbSet<DomainEvent> Events => Set<DomainEvent>();

    /// <summary>Audit entries.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    internal DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    internal DbSet<Counter> Counters => Set<Counter>();

    /// <summary>True on SQLite, false on PostgreSQL.</summary>
    internal bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <inheritdoc/>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (IsSqlite)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<ScaledDecimalConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
            configurationBuilder.Properties<decimal>().HavePrecision(20, ScaledDecimalConverter.Places);
        }
    }

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OppBotDbContext).Assembly);
        UseSnakeCase(modelBuilder.Model);
    }

    // Columns, keys, indexes and foreign keys get lower-case snake_case names, so hand-written SQL (migrations,
    // reports) needs no quoting on PostgreSQL. Names set explicitly in a mapping are kept.
    private static void UseSnakeCase(IMutableModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                if (property.FindAnnotation(RelationalAnnotationNames.ColumnName) is null)
                {
                    property.SetColumnName(SnakeCase(property.Name));
                }
            }

            foreach (var complex in entity.GetComplexProperties())
            {
                foreach (var property in complex.ComplexType.GetProperties())
                {
                    if (property.FindAnnotation(RelationalAnnotationNames.ColumnName) is null)
                    {
                        property.SetColumnName(SnakeCase(complex.Name + property.Name));
                    }
                }
            }

            if (entity.FindPrimaryKey() is { } key && entity.FindOwnership() is null or { IsUnique: false })
            {
                key.SetName($"pk_{table}");
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName($"fk_{table}_{foreignKey.PrincipalEntityType.GetTableName()}");
            }

            foreach (var index in entity.GetIndexes())
            {
                if (index.FindAnnotation(RelationalAnnotationNames.Name) is null)
                {
                    var columns = string.Join('_', index.Properties.Select(p => p.GetColumnName()));
                    index.SetDatabaseName($"{(index.IsUnique ? "ux" : "ix")}_{table}_{columns}");
                }
            }
        }
    }

    /// <summary>"NextStepDue" → "next_step_due".</summary>
    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
