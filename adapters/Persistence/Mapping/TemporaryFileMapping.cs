using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>temporary_files: exports behind download links and imports waiting for confirmation, by token hash.</summary>
internal sealed class TemporaryFileMapping : IEntityTypeConfiguration<TemporaryFileRow>
{
    public void Configure(EntityTypeBuilder<TemporaryFileRow> builder)
    {
        builder.ToTable("temporary_files");
        builder.HasKey(f => f.TokenHash);
        builder.Property(f => f.Purpose).HasConversion<string>();
        builder.HasIndex(f => f.ExpiresAt);
    }
}
