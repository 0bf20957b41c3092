using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>directline_secrets: one row per secret name.</summary>
internal sealed class DirectLineSecretMapping : IEntityTypeConfiguration<DirectLineSecret>
{
    public void Configure(EntityTypeBuilder<DirectLineSecret> builder)
    {
        builder.ToTable("directline_secrets");
        builder.HasKey(s => s.Name);
    }
}
