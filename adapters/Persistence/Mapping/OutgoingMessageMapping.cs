using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// outbox. The reply is JSON text; the address two columns. The delivery loop's query (pending and due) is served by
/// a partial index on next_attempt_at over pending rows only, which stays small however many rows were sent.
/// </summary>
internal sealed class OutgoingMessageMapping : IEntityTypeConfiguration<OutgoingMessage>
{
    public void Configure(EntityTypeBuilder<OutgoingMessage> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Purpose).HasConversion<string>();
        builder.Ignore(m => m.IsPending);
        builder.ComplexProperty(m => m.Address, a =>
        {
            a.Property(x => x.Channel).HasColumnName("address_channel");
            a.Property(x => x.Key).HasColumnName("address_key");
        });
        builder.Property(m => m.Reply).HasConversion(JsonColumn.Converter<Reply>(), JsonColumn.ByReference<Reply>());
        // A default in the database (006): instances of the previous version, which do not know the column, can still
        // queue rows while a rolling upgrade replaces them.
        builder.Property(m => m.PartsDone).HasDefaultValue(0);

        builder.HasIndex(m => m.NextAttemptAt)
            .HasDatabaseName("ix_outbox_pending")
            .HasFilter("sent_at IS NULL AND failed_at IS NULL");
        builder.HasIndex(m => m.FailedAt);
    }
}
