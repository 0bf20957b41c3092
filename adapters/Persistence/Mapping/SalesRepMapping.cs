using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OppBot.Domain.People;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>users, with user_identities (one person per channel identity: unique channel + external id) and
/// user_addresses (where to reach the person proactively). Working hours are three columns.</summary>
internal sealed class SalesRepMapping : IEntityTypeConfiguration<SalesRep>
{
    public void Configure(EntityTypeBuilder<SalesRep> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Role).HasConversion<string>();
        builder.Ignore(u => u.TimeZone);
        builder.HasIndex(u => u.TeamId);

        builder.ComplexProperty(u => u.WorkingHours, w =>
        {
            w.Property(h => h.Start).HasColumnName("working_hours_start");
            w.Property(h => h.End).HasColumnName("working_hours_end");

            // Days as ISO-ish day numbers of .NET's DayOfWeek (Sunday = 0): "1,2,3,4,5".
            w.Property(h => h.Days)
                .HasColumnName("working_days")
                .HasConversion(
                    days => string.Join(',', days.Select(d => (int)d)),
                    text => ParseDays(text),
                    new ValueComparer<IReadOnlyList<DayOfWeek>>(
                        (a, b) => a!.SequenceEqual(b!),
                        v => v.Aggregate(0, (h, d) => (h * 7) + (int)d),
                        v => v.ToList()));
        });

        builder.OwnsMany(u => u.Identities, i =>
        {
            i.ToTable("user_identities");
            i.WithOwner().HasForeignKey("UserId");
            i.Property<long>("Id").ValueGeneratedOnAdd();
            i.HasKey("Id");
            i.HasIndex("UserId");
            i.HasIndex(x => new { x.Channel, x.ExternalId }).IsUnique();
        });
        builder.Navigation(u => u.Identities).HasField("_identities").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(u => u.Addresses, a =>
        {
            a.ToTable("user_addresses");
            a.WithOwner().HasForeignKey("UserId");
            a.Property<long>("Id").ValueGeneratedOnAdd();
            a.HasKey("Id");
            a.HasIndex("UserId");
        });
        builder.Navigation(u => u.Addresses).HasField("_addresses").UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    private static List<DayOfWeek> ParseDays(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => (DayOfWeek)int.Parse(d, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
