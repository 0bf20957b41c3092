using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Imports;

/// <summary>
/// Imports deals from a CSV file: decodes it (<see cref="CsvDecoder"/>), reads it (<see cref="CsvReader"/>), maps the
/// header and every row (<see cref="DealCsvMapper"/>), finds duplicates as the chat does, and, when nothing is wrong,
/// creates every deal through <see cref="Opportunity.Create"/> and <see cref="Opportunity.Import"/> in the store's unit
/// of work. All or nothing: one problem anywhere and no deal is added (and no deal number reserved). The caller saves
/// with one <see cref="IOppBotStore.SaveChangesAsync"/>, so the deals, their history and events commit together or not
/// at all.
/// </summary>
/// <param name="store">The unit of work the deals are added to.</param>
/// <param name="settings">The business settings.</param>
/// <param name="limits">Size limits, checked before any row is read.</param>
public sealed class DealImport(IOppBotStore store, DomainSettings settings, ImportLimits limits)
{
    /// <summary>
    /// Who may import: admins, and managers (deals land in the importer's own team, owned by its people). API keys act
    /// as managers at most, so this is also the rule for the API.
    /// </summary>
    public static bool MayImport(SalesRep user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Manages(user.TeamId);
    }

    /// <summary>
    /// Runs an import of <paramref name="content"/> for <paramref name="importer"/>. A dry run (and a run with problems)
    /// leaves the store untouched; a clean <see cref="ImportMode.Import"/> adds the deals (not saved yet).
    /// </summary>
    public async Task<ImportReport> RunAsync(
        ReadOnlyMemory<byte> content,
        SalesRep importer,
        ImportMode mode,
        bool allowDuplicates,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        var report = new ImportReport { Mode = mode, DuplicatesAllowed = allowDuplicates };
        if (content.Length > limits.MaxFileBytes)
        {
            return FileProblem(report, ImportProblemCodes.TooLarge, Megabytes(limits.MaxFileBytes));
        }

        string text;
        switch (CsvDecoder.Decode(content.Span))
        {
            case CsvDecodeResult.Decoded decoded:
                text = decoded.Text;
                report = report with { Encoding = decoded.Encoding };
                break;
            case CsvDecodeResult.BadEncoding bad:
                return FileProblem(report, ImportProblemCodes.BadEncoding, Invariant(bad.Line));
            default:
                return FileProblem(report, ImportProblemCodes.Workbook);
        }

        IReadOnlyList<CsvRecord> records;
        switch (CsvReader.Read(text, limits.MaxRows + 1))
        {
            case CsvReadResult.Read read:
                records = read.Records;
                break;
            case CsvReadResult.UnclosedQuote unclosed:
                return FileProblem(report, ImportProblemCodes.UnclosedQuote, Invariant(unclosed.Line));
            default:
                return FileProblem(report, ImportProblemCodes.TooManyRows, Invariant(limits.MaxRows));
        }

        if (records.Count == 0 || records[0].IsBlank)
        {
            return FileProblem(report, ImportProblemCodes.Empty);
        }

        var problems = new List<ImportProblem>();
        var header = DealCsvHeader.Read(records[0], problems);
        report = report with { IgnoredColumns = header.Ignored };
        if (problems.Count > 0)
        {
            return report with { Problems = problems };
        }

        var mapper = new DealCsvMapper(settings, importer, await store.ListUsersAsync(importer.TeamId, cancellationToken), now);
        var deals = new List<ImportedDeal>();
        var rows = 0;
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].IsBlank)
            {
                continue;
            }

            rows++;
            if (mapper.Map(records[i], i + 1, header, problems) is { } deal)
            {
                deals.Add(deal);
            }
        }

        if (rows == 0)
        {
            return FileProblem(report, ImportProblemCodes.NoRows);
        }

        var duplicates = await FindDuplicatesAsync(deals, cancellationToken);
        report = report with { Rows = rows, Problems = problems, Duplicates = duplicates };
        if (mode == ImportMode.DryRun || !report.CanImport)
        {
            return report;
        }

        var created = new List<Opportunity>(deals.Count);
        var numbers = await store.ReserveOpportunityNumbersAsync(deals.Count, cancellationToken);
        foreach (var (deal, number) in deals.Zip(numbers))
        {
            var o = Opportunity.Create(deal.Draft, deal.Owner, number, settings, now, out var refused)
                ?? throw new InvalidOperationException($"Row {deal.Row} passed the checks but was refused: {string.Join(", ", refused)}.");
            o.Import(deal.State, importer, settings, now);
            created.Add(o);
        }

        // Added only once every deal was made, so nothing reaches the unit of work unless everything does.
        foreach (var o in created)
        {
            store.Add(o);
        }

        return report with { Created = created };
    }

    private async Task<IReadOnlyList<ImportDuplicate>> FindDuplicatesAsync(List<ImportedDeal> deals, CancellationToken cancellationToken)
    {
        var duplicates = new List<ImportDuplicate>();
        var firstRow = new Dictionary<(DuplicateReason, string), int>();
        var lookups = new Dictionary<(string, string?, string?), IReadOnlyList<Opportunity>>();
        foreach (var deal in deals.Where(d => settings.Pipeline.IndexOf(d.State.StageCode) >= 0))
        {
            var keys = DuplicateFinder.KeysOf(deal.Draft);
            if (!lookups.TryGetValue(keys, out var candidates))
            {
                candidates = await store.FindDuplicateCandidatesAsync(keys.Company, keys.EmailDomain, keys.Phone, cancellationToken);
                lookups[keys] = candidates;
            }

            if (DuplicateFinder.Find(deal.Draft, candidates).FirstOrDefault() is { } match)
            {
                duplicates.Add(new ImportDuplicate(deal.Row, match.Reason, match.Existing.Number, $"{match.Existing.Account} · {match.Existing.Title}", null));
                continue;
            }

            // Within the file: the first open row with the same company, email domain or phone, in DuplicateFinder's order.
            (DuplicateReason Reason, string? Key)[] own =
                [(DuplicateReason.CompanyName, keys.Company.Length > 0 ? keys.Company : null), (DuplicateReason.EmailDomain, keys.EmailDomain), (DuplicateReason.Phone, keys.Phone)];
            var same = own.Where(k => k.Key is not null).Select(k => (k.Reason, Row: firstRow.GetValueOrDefault((k.Reason, k.Key!)))).FirstOrDefault(k => k.Row > 0);
            if (same.Row > 0)
            {
                duplicates.Add(new ImportDuplicate(deal.Row, same.Reason, null, null, same.Row));
            }

            foreach (var (reason, key) in own.Where(k => k.Key is not null))
            {
                firstRow.TryAdd((reason, key!), deal.Row);
            }
        }

        return duplicates;
    }

    private static ImportReport FileProblem(ImportReport report, string code, params string[] args) =>
        report with { Problems = [new ImportProblem(0, null, new Refusal(code, args))] };

    private static string Megabytes(long bytes) => (bytes / (1024d * 1024d)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
