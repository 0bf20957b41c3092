using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OppBot.Domain.Conversations;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>dialogs; the gathered values are a JSON object.</summary>
internal sealed class DialogStateMapping : IEntityTypeConfiguration<DialogState>
{
    public void Configure(EntityTypeBuilder<DialogState> builder)
    {
        builder.ToTable("dialogs");
        builder.HasKey(d => d.Key);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.Values)
            .HasColumnName("form_values") // VALUES is an SQL keyword
            .HasConversion(
                JsonColumn.Converter<Dictionary<string, string>>(),
                JsonColumn.ByContent(pairs => new Dictionary<string, string>(pairs, StringComparer.Ordinal)));
        builder.HasIndex(d => d.ExpiresAt);
    }
}
