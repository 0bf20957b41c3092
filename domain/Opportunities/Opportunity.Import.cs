using System.Globalization;
using OppBot.Domain.Audit;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Opportunities;

public sealed partial class Opportunity
{
    /// <summary>The reason recorded on the stage change of an imported deal, and the data key marking its events.</summary>
    public const string ImportedReason = "imported";

    /// <summary>
    /// Places a deal that <see cref="Create"/> has just made from an import row where the source system had it: its
    /// stage (won and lost included), loss reason, quote, discount, a next-step due time that may already have passed,
    /// and the pool. The move does not go through <see cref="MoveTo"/>: exit criteria and approvals guard moves made
    /// in OppBot, and the deals of an existing spreadsheet passed (or skipped) those gates elsewhere. The history stays
    /// honest instead: one <see cref="StageChange"/> from the first stage to the imported one, at the time of the
    /// import, by the importer, with the reason <see cref="ImportedReason"/>; and every event the deal raised carries
    /// <c>imported=true</c>, so analytics and webhook receivers can tell an import from work done in OppBot.
    /// </summary>
    /// <exception cref="InvalidOperationException">The deal is not one just created (it has changed or moved since).</exception>
    /// <exception cref="ArgumentException">The stage is unknown, or a lost deal has no loss reason (the import checks both first).</exception>
    public void Import(ImportedState state, SalesRep importer, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(settings);
        if (Version != 1 || _history.Count != 1)
        {
            throw new InvalidOperationException($"Deal #{Number} was not just created; only a new deal can be placed by an import.");
        }

        var target = settings.Pipeline.Find(state.StageCode) ?? throw new ArgumentException($"Unknown stage '{state.StageCode}'.", nameof(state));
        if (target.Code == PipelineDefinition.LostCode && settings.LossReasons.All(r => r.Code != state.LossReason))
        {
            throw new ArgumentException($"A lost deal needs a configured loss reason (was '{state.LossReason}').", nameof(state));
        }

        for (var i = 0; i < _events.Count; i++)
        {
            _events[i] = _events[i] with { Data = new Dictionary<string, string>(_events[i].Data, StringComparer.Ordinal) { [ImportedReason] = "true" } };
        }

        QuotedAmount = state.QuotedAmount is { } quoted ? Math.Round(quoted, 2) : null;
        DiscountPercent = state.DiscountPercent;
        NextStepDue = NextStep is null ? null : state.NextStepDue;
        if (target.Code != StageCode)
        {
            var from = StageCode;
            LossReason = target.Code == PipelineDefinition.LostCode ? state.LossReason : null;
            LossNote = target.Code == PipelineDefinition.LostCode ? Clean(state.LossNote) : null;
            StageCode = target.Code;
            StageEnteredAt = now;
            Status = target.Code switch
            {
                PipelineDefinition.WonCode => OpportunityStatus.Won,
                PipelineDefinition.LostCode => OpportunityStatus.Lost,
                _ => OpportunityStatus.Open,
            };
            _history.Add(new StageChange(from, target.Code, now, importer.Id, ImportedReason));
            Audit(importer.Id, now, nameof(StageCode), from, target.Code);
            var type = Status switch
            {
                OpportunityStatus.Won => EventType.Won,
                OpportunityStatus.Lost => EventType.Lost,
                _ => EventType.StageChanged,
            };
            Raise(type, importer.Id, now, ("from", from), ("to", target.Code), ("reason", ImportedReason), ("amount", Invariant(Amount)), ("lossReason", LossReason), (ImportedReason, "true"));
        }

        if (state.InPool)
        {
            Audit(importer.Id, now, nameof(OwnerId), OwnerId?.ToString(), null);
            OwnerId = null;
            PooledAt = Status == OpportunityStatus.Open ? now : null;
            Raise(EventType.ReleasedToPool, importer.Id, now, (ImportedReason, "true"));
        }

        Audit(importer.Id, now, ImportedReason, null, importer.Id.ToString());
        UpdatedAt = now;
        Version++;
    }
}
