using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OppBot.Domain.Integrations;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>api_keys (Schema/*/003_api_keys.sql): the public lookup is unique; only the salted hash of a key is kept.</summary>
internal sealed class ApiKeyMapping : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Version).IsConcurrencyToken();
        builder.Property(k => k.Role).HasConversion<string>();
        builder.Ignore(k => k.IsActive);
        builder.Ignore(k => k.Display);
        builder.HasIndex(k => k.Lookup).IsUnique();
    }
}
