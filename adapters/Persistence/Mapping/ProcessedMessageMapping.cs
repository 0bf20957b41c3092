using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OppBot.Adapters.Persistence.Mapping;

internal sealed class ProcessedMessageMapping : IEntityTypeConfiguration<ProcessedMessage>
{
    public void Configure(EntityTypeBuilder<ProcessedMessage> builder)
    {
        builder.ToTable("processed_messages");
        builder.HasKey(m => m.DedupeKey);
        builder.HasIndex(m => m.ProcessedAt); // for a clean-up job that forgets old keys
    }
}
