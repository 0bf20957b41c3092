using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OppBot.Domain.Approvals;

namespace OppBot.Adapters.Persistence.Mapping;

internal sealed class ApprovalMapping : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> builder)
    {
        builder.ToTable("approvals");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Status).HasConversion<string>();
        builder.Property(a => a.Reason).HasConversion<string>();
        builder.HasIndex(a => new { a.OpportunityId, a.Status });
        builder.HasIndex(a => new { a.ApproverId, a.Status });
    }
}
