using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OppBot.Domain.Webhooks;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// webhook_deliveries: the webhook outbox and its log. One row per event and endpoint (unique), written with the event.
/// The sender's query (pending and due) is served by a partial index over pending rows only; the log by endpoint and time.
/// </summary>
internal sealed class WebhookDeliveryMapping : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Ignore(d => d.Status);
        builder.HasIndex(d => new { d.Endpoint, d.EventId }).IsUnique();
        builder.HasIndex(d => d.NextAttemptAt)
            .HasDatabaseName("ix_webhook_deliveries_pending")
            .HasFilter("delivered_at IS NULL AND failed_at IS NULL");
        builder.HasIndex(d => new { d.Endpoint, d.CreatedAt });
    }
}
