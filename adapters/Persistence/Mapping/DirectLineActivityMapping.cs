using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// directline_activities: the transcripts of the playground's Direct Line conversations, read by conversation and
/// sequence (the primary key serves the polling query); an activity id is unique in its conversation, which makes a
/// repeated send of the same outbox row a no-op.
/// </summary>
internal sealed class DirectLineActivityMapping : IEntityTypeConfiguration<DirectLineActivityRecord>
{
    public void Configure(EntityTypeBuilder<DirectLineActivityRecord> builder)
    {
        builder.ToTable("directline_activities");
        builder.HasKey(a => new { a.ConversationId, a.Sequence });
        builder.Property(a => a.Sequence).ValueGeneratedNever();
        builder.HasIndex(a => new { a.ConversationId, a.ActivityId }).IsUnique();
    }
}
