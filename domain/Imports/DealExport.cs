using System.Globalization;
using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Imports;

/// <summary>
/// Writes the deals a user may see (<see cref="Opportunity.CanRead"/>: admins all, everyone else their team's and the
/// ones they work on elsewhere) as CSV that Excel opens in Chinese and <see cref="DealImport"/> reads back: headers in
/// the user's language, every column of <see cref="DealColumn"/>, stages and reasons by name, times in the user's time
/// zone, amounts as plain numbers.
/// </summary>
/// <param name="store">Where the deals are read from.</param>
/// <param name="settings">The business settings (stage and loss reason names).</param>
public sealed class DealExport(IOppBotStore store, DomainSettings settings)
{
    private const int PageSize = 5_000;

    /// <summary>The file name of an export made at <paramref name="now"/>: <c>oppbot-deals-20261125-1000.csv</c> in the user's time.</summary>
    public static string FileName(SalesRep user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return $"oppbot-deals-{TimeZoneInfo.ConvertTime(now, user.TimeZone):yyyyMMdd-HHmm}.csv";
    }

    /// <summary>The deals <paramref name="user"/> may see, by number, as UTF-8 CSV with a byte-order mark, and how many there are.</summary>
    /// <param name="user">Whose visibility and time zone apply.</param>
    /// <param name="locale">The language of headers and names (<c>zh-CN</c> or <c>en</c>).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<(byte[] Content, int Deals)> ExportAsync(SalesRep user, string locale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var deals = await VisibleAsync(user, cancellationToken);
        var names = (await store.ListUsersAsync(null, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
        var columns = Enum.GetValues<DealColumn>();
        var csv = new CsvWriter();
        csv.WriteRow(columns.Select(c => DealCsvColumns.Header(c, locale)));
        foreach (var o in deals)
        {
            csv.WriteRow(columns.Select(c => Guard(Cell(o, c, user, locale, names))));
        }

        return (csv.ToUtf8WithBom(), deals.Count);
    }

    private async Task<List<Opportunity>> VisibleAsync(SalesRep user, CancellationToken cancellationToken)
    {
        // Admins: every deal. Others: the team's deals plus those they own or collaborate on in other teams.
        var found = await AllAsync(new OpportunityFilter { TeamId = user.Role == Role.Admin ? null : user.TeamId }, cancellationToken);
        if (user.Role != Role.Admin)
        {
            found.AddRange(await AllAsync(new OpportunityFilter { InvolvingId = user.Id }, cancellationToken));
        }

        return found.Where(o => o.CanRead(user)).DistinctBy(o => o.Id).OrderBy(o => o.Number).ToList();
    }

    private async Task<List<Opportunity>> AllAsync(OpportunityFilter filter, CancellationToken cancellationToken)
    {
        var all = new List<Opportunity>();
        int? after = null;
        while (true)
        {
            var page = await store.FindOpportunitiesAsync(filter with { AfterNumber = after, Limit = PageSize }, cancellationToken);
            all.AddRange(page);
            if (page.Count < PageSize)
            {
                return all;
            }

            after = page[^1].Number;
        }
    }

    private string? Cell(Opportunity o, DealColumn column, SalesRep user, string locale, IReadOnlyDictionary<Guid, string> names) =>
        column switch
        {
            DealColumn.Number => Invariant(o.Number),
            DealColumn.Account => o.Account,
            DealColumn.Title => o.Title,
            DealColumn.Amount => Invariant(o.Amount),
            DealColumn.Currency => o.Currency,
            DealColumn.Stage => settings.Pipeline.Find(o.StageCode)?.Name(locale) ?? o.StageCode,
            DealColumn.Source => LeadSourceNames.Name(o.Source, locale),
            DealColumn.Contact => o.ContactName,
            DealColumn.Phone => o.ContactPhone,
            DealColumn.Email => o.ContactEmail,
            DealColumn.DecisionMaker => o.DecisionMaker,
            DealColumn.Owner => o.OwnerId is { } owner ? names.GetValueOrDefault(owner) : Strings.Get(locale, "csv.pool"),
            DealColumn.NextStep => o.NextStep,
            DealColumn.NextStepDue => o.NextStepDue is { } due ? TimeZoneInfo.ConvertTime(due, user.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
            DealColumn.LossReason => o.LossReason is { } code ? settings.LossReasons.FirstOrDefault(r => r.Code == code)?.Name(locale) ?? code : null,
            DealColumn.LossNote => o.LossNote,
            DealColumn.QuotedAmount => o.QuotedAmount is { } quoted ? Invariant(quoted) : null,
            DealColumn.DiscountPercent => o.DiscountPercent is { } discount ? Invariant(discount) : null,
            DealColumn.CompanySize => Invariant(o.Scorecard.CompanySize),
            DealColumn.Urgency => Invariant(o.Scorecard.Urgency),
            DealColumn.DecisionMakerAccess => Invariant(o.Scorecard.DecisionMakerAccess),
            DealColumn.ProductFit => Invariant(o.Scorecard.ProductFit),
            DealColumn.Budget => YesNo(o.Scorecard.Budget, locale),
            DealColumn.Authority => YesNo(o.Scorecard.Authority, locale),
            DealColumn.Need => YesNo(o.Scorecard.Need, locale),
            DealColumn.Timeline => YesNo(o.Scorecard.Timeline, locale),
            _ => null,
        };

    /// <summary>
    /// A cell a spreadsheet would run as a formula (<c>=…</c>, <c>@…</c>, or <c>+</c>/<c>-</c> followed by more than a
    /// phone number) gets a leading apostrophe (OWASP "CSV injection"); the import takes it off again.
    /// </summary>
    public static string? Guard(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var risky = value[0] is '=' or '@'
            || (value[0] is '+' or '-' && !value.Skip(1).All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '.'));
        return risky ? "'" + value : value;
    }

    private static string YesNo(bool value, string locale) => Strings.Get(locale, value ? "csv.yes" : "csv.no");

    private static string Invariant(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
