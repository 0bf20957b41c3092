using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OppBot.Domain.Opportunities;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// opportunities, with the stage history and the follow-ups in tables of their own (analytics reads the history of
/// every deal of a team) and the collaborators as a primitive collection (a JSON array on SQLite, <c>uuid[]</c> on
/// PostgreSQL), which is what lets <see cref="OpportunityFilter"/>'s <c>Collaborators.Contains</c> run in SQL.
/// </summary>
internal sealed class OpportunityMapping : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> builder)
    {
        builder.ToTable("opportunities");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.Property(o => o.Status).HasConversion<string>();
        builder.Property(o => o.Source).HasConversion<string>();
        builder.Ignore(o => o.InPool);
        builder.Ignore(o => o.PendingEvents);
        builder.Ignore(o => o.PendingAudit);

        builder.PrimitiveCollection(o => o.Collaborators)
            .HasField("_collaborators")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .IsRequired();

        builder.ComplexProperty(o => o.Scorecard, s =>
        {
            s.Property(c => c.CompanySize).HasColumnName("score_company_size");
            s.Property(c => c.Urgency).HasColumnName("score_urgency");
            s.Property(c => c.DecisionMakerAccess).HasColumnName("score_decision_maker_access");
            s.Property(c => c.ProductFit).HasColumnName("score_product_fit");
            s.Property(c => c.Budget).HasColumnName("bant_budget");
            s.Property(c => c.Authority).HasColumnName("bant_authority");
            s.Property(c => c.Need).HasColumnName("bant_need");
            s.Property(c => c.Timeline).HasColumnName("bant_timeline");
        });

        builder.OwnsMany(o => o.StageHistory, h =>
        {
            h.ToTable("opportunity_stage_history");
            h.WithOwner().HasForeignKey("OpportunityId");
            h.Property<long>("Id").ValueGeneratedOnAdd(); // insertion order = history order
            h.HasKey("Id");
            h.HasIndex("OpportunityId");
            h.Property(c => c.From).HasColumnName("from_stage"); // FROM and TO are SQL keywords
            h.Property(c => c.To).HasColumnName("to_stage");
            h.HasIndex(c => c.At); // funnel and cycle-time reports by period
        });
        builder.Navigation(o => o.StageHistory).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(o => o.FollowUps, f =>
        {
            f.ToTable("opportunity_follow_ups");
            f.WithOwner().HasForeignKey("OpportunityId");
            f.Property<long>("Id").ValueGeneratedOnAdd();
            f.HasKey("Id");
            f.HasIndex("OpportunityId");
        });
        builder.Navigation(o => o.FollowUps).HasField("_followUps").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => new { o.TeamId, o.Status });
        builder.HasIndex(o => new { o.OwnerId, o.Status });
        builder.HasIndex(o => o.NormalizedAccount);
        builder.HasIndex(o => o.EmailDomain);
        builder.HasIndex(o => o.NormalizedPhone);
        builder.HasIndex(o => o.NextStepDue);
        builder.HasIndex(o => o.UpdatedAt);
    }
}
