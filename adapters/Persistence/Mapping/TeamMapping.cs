using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OppBot.Domain.People;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>teams; the broadcast address is two nullable columns.</summary>
internal sealed class TeamMapping : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("teams");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.ComplexProperty(t => t.BroadcastAddress, a =>
        {
            a.Property(x => x.Channel).HasColumnName("broadcast_channel");
            a.Property(x => x.Key).HasColumnName("broadcast_key");
        });
    }
}
