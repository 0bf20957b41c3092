using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OppBot.Domain.Audit;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// domain_events. The primary key is a database-generated sequence, so "oldest first" is well defined for events
/// raised at the same moment and a reader can page with "after sequence N"; the event's own id is unique.
/// </summary>
internal sealed class DomainEventMapping : IEntityTypeConfiguration<DomainEvent>
{
    /// <summary>The shadow sequence property.</summary>
    public const string Sequence = "Sequence";

    public void Configure(EntityTypeBuilder<DomainEvent> builder)
    {
        builder.ToTable("domain_events");
        builder.Property<long>(Sequence).ValueGeneratedOnAdd();
        builder.HasKey(Sequence);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => e.Id).IsUnique();
        builder.Property(e => e.Type).HasConversion<string>();
        builder.Property(e => e.Data)
            .HasConversion(
                JsonColumn.Converter<IReadOnlyDictionary<string, string>>(),
                JsonColumn.ByContent<IReadOnlyDictionary<string, string>>(pairs => new Dictionary<string, string>(pairs, StringComparer.Ordinal)));
        builder.HasIndex(e => new { e.TeamId, e.At });
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.OpportunityId);
    }
}
