using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Imports;

/// <summary>One row of an import, understood and checked, ready to become a deal.</summary>
/// <param name="Row">The spreadsheet row it came from.</param>
/// <param name="Draft">The lead as <see cref="Opportunity.Create"/> takes it (without the next-step due time, see <paramref name="State"/>).</param>
/// <param name="Owner">Who will own it (the importer when the row names nobody).</param>
/// <param name="State">Where it stands: stage, loss reason, quote, due time, pool.</param>
public sealed record ImportedDeal(int Row, LeadDraft Draft, SalesRep Owner, ImportedState State);
