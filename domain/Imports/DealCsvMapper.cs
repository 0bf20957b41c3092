using System.Globalization;
using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scoring;
using OppBot.Domain.Text;

namespace OppBot.Domain.Imports;

/// <summary>
/// Turns one CSV record into an <see cref="ImportedDeal"/>, reading every cell the way the chat reads the same field
/// (<see cref="AmountParser"/> for "50万", <see cref="DateExpressionParser"/> or ISO 8601 for dates,
/// <see cref="PipelineDefinition.Find"/> for stages, <see cref="LeadDraft.Validate"/> for the rest) and collecting
/// every problem of the row rather than stopping at the first.
/// </summary>
/// <param name="settings">The business settings.</param>
/// <param name="importer">Who imports: the default owner, and whose time zone reads dates without an offset.</param>
/// <param name="team">The importer's team: the people an owner cell may name.</param>
/// <param name="now">The time of the import.</param>
public sealed class DealCsvMapper(DomainSettings settings, SalesRep importer, IReadOnlyList<SalesRep> team, DateTimeOffset now)
{
    /// <summary>Owner cells that mean "the team pool" rather than a person.</summary>
    public static IReadOnlyList<string> PoolNames { get; } = ["公海", "pool", "(pool)"];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss",
        "yyyy/M/d H:mm", "yyyy/M/d HH:mm", "yyyy/M/d H:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
    ];

    private static readonly string[] DateOnlyFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd"];

    /// <summary>
    /// Reads <paramref name="record"/> (spreadsheet row <paramref name="row"/>). Returns the deal, or null when the row
    /// has problems, which are added to <paramref name="problems"/>.
    /// </summary>
    public ImportedDeal? Map(CsvRecord record, int row, DealCsvHeader header, ICollection<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(problems);
        var found = new List<ImportProblem>();
        string? Cell(DealColumn column) => header.Columns.TryGetValue(column, out var i) && i < record.Fields.Count ? Clean(record.Fields[i]) : null;
        void Problem(DealColumn column, string code, params string[] args) => found.Add(new ImportProblem(row, column, new Refusal(code, args)));

        foreach (var required in DealCsvColumns.Required.Where(c => Cell(c) is null))
        {
            Problem(required, ImportProblemCodes.Required);
        }

        var (amount, currency) = ReadAmount(Cell(DealColumn.Amount), Multiplier(header, DealColumn.Amount), DealColumn.Amount, found, row);
        var currencyCell = Cell(DealColumn.Currency)?.ToUpperInvariant();
        if (currencyCell is not null && currency is not null && currencyCell != currency)
        {
            Problem(DealColumn.Currency, ImportProblemCodes.CurrencyConflict, currency, currencyCell);
        }

        var stage = settings.Pipeline.First;
        if (Cell(DealColumn.Stage) is { } stageText)
        {
            if (settings.Pipeline.Find(stageText) is { } s)
            {
                stage = s;
            }
            else
            {
                Problem(DealColumn.Stage, ImportProblemCodes.StageUnknown, stageText, string.Join(", ", settings.Pipeline.All.Select(x => x.Code)));
            }
        }

        var source = LeadSource.Other;
        if (Cell(DealColumn.Source) is { } sourceText && !TryReadSource(sourceText, out source))
        {
            Problem(DealColumn.Source, ImportProblemCodes.SourceUnknown, sourceText);
        }

        var (owner, inPool) = ReadOwner(Cell(DealColumn.Owner), found, row);

        var nextStep = Cell(DealColumn.NextStep);
        DateTimeOffset? due = null;
        if (Cell(DealColumn.NextStepDue) is { } dueText)
        {
            due = ReadDate(dueText, found, row);
            if (nextStep is null && due is not null)
            {
                Problem(DealColumn.NextStepDue, ImportProblemCodes.DueWithoutNextStep);
            }
        }
        else if (nextStep is not null)
        {
            Problem(DealColumn.NextStepDue, ImportProblemCodes.NextStepWithoutDue);
        }

        var (lossReason, lossNote) = ReadLoss(stage, Cell(DealColumn.LossReason), Cell(DealColumn.LossNote), found, row);

        decimal? quoted = null;
        if (Cell(DealColumn.QuotedAmount) is { } quotedText)
        {
            var (q, _) = ReadAmount(quotedText, Multiplier(header, DealColumn.QuotedAmount), DealColumn.QuotedAmount, found, row);
            if (q is { } value && LeadDraft.AmountProblem(value, settings) is { } quotedProblem)
            {
                found.Add(new ImportProblem(row, DealColumn.QuotedAmount, quotedProblem));
            }
            else
            {
                quoted = q;
            }
        }

        decimal? discount = null;
        if (Cell(DealColumn.DiscountPercent) is { } discountText)
        {
            if (decimal.TryParse(discountText.TrimEnd('%', '％').Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 100)
            {
                discount = d;
            }
            else
            {
                Problem(DealColumn.DiscountPercent, ImportProblemCodes.DiscountInvalid, discountText);
            }
        }

        int Score(DealColumn column)
        {
            if (Cell(column) is not { } text)
            {
                return 0;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 10)
            {
                return score;
            }

            Problem(column, ImportProblemCodes.ScoreInvalid, text);
            return 0;
        }

        bool YesNo(DealColumn column)
        {
            if (Cell(column) is not { } text)
            {
                return false;
            }

            if (LeadForm.IsYes(text))
            {
                return true;
            }

            if (!IsNo(text))
            {
                Problem(column, ImportProblemCodes.YesNoInvalid, text);
            }

            return false;
        }

        var draft = new LeadDraft
        {
            Account = Cell(DealColumn.Account) ?? string.Empty,
            Title = Cell(DealColumn.Title) ?? string.Empty,
            Amount = amount ?? 0m,
            Currency = currencyCell ?? currency,
            Source = source,
            ContactName = Cell(DealColumn.Contact),
            ContactPhone = Cell(DealColumn.Phone),
            ContactEmail = Cell(DealColumn.Email),
            DecisionMaker = Cell(DealColumn.DecisionMaker),
            NextStep = nextStep,
            Scorecard = new Scorecard(Score(DealColumn.CompanySize), Score(DealColumn.Urgency), Score(DealColumn.DecisionMakerAccess), Score(DealColumn.ProductFit))
            {
                Budget = YesNo(DealColumn.Budget),
                Authority = YesNo(DealColumn.Authority),
                Need = YesNo(DealColumn.Need),
                Timeline = YesNo(DealColumn.Timeline),
            },
        };

        // The draft's own rules (lengths, amount limits, currency format); an empty required cell was reported above.
        foreach (var problem in draft.Validate(settings, now))
        {
            var column = ColumnOf(problem.Field);
            if (!found.Any(p => p.Column == column))
            {
                found.Add(new ImportProblem(row, column, problem.Problem));
            }
        }

        foreach (var problem in found)
        {
            problems.Add(problem);
        }

        return found.Count > 0
            ? null
            : new ImportedDeal(row, draft, owner, new ImportedState(stage.Code, lossReason, lossNote, quoted, discount, due, inPool));
    }

    /// <summary>Whether a yes/no cell means no (否, 无, no, false, 0 ...).</summary>
    public static bool IsNo(string? value) =>
        value is not null && (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase)
            || value.Equals("n", StringComparison.OrdinalIgnoreCase) || value is "0" or "否" or "无" or "没有" or "不");

    /// <summary>Reads a lead source from its code, a name either language uses, or the name an export writes.</summary>
    public static bool TryReadSource(string text, out LeadSource source)
    {
        if (LeadSourceNames.TryParse(text, out source))
        {
            return true;
        }

        var t = NameNormalizer.FoldWidth(text).Trim();
        foreach (var candidate in Enum.GetValues<LeadSource>())
        {
            if (t.Equals(LeadSourceNames.Name(candidate, Locales.English), StringComparison.OrdinalIgnoreCase) || t == LeadSourceNames.Name(candidate, Locales.Chinese))
            {
                source = candidate;
                return true;
            }
        }

        return false;
    }

    // Exports guard cells that a spreadsheet would run as a formula with a leading apostrophe; take it off again.
    private static string? Clean(string field)
    {
        var text = field.Trim();
        if (text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@')
        {
            text = text[1..];
        }

        return text.Length == 0 ? null : text;
    }

    private static decimal Multiplier(DealCsvHeader header, DealColumn column) => header.Multipliers.GetValueOrDefault(column, 1m);

    private static (decimal? Amount, string? Currency) ReadAmount(string? text, decimal multiplier, DealColumn column, List<ImportProblem> found, int row)
    {
        if (text is null)
        {
            return (null, null);
        }

        // "50" under 金额(万元) is 50万; a cell that names its own unit ("50万", "$20k") says what it means.
        if (multiplier != 1m && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var plain))
        {
            text = (plain * multiplier).ToString(CultureInfo.InvariantCulture);
        }

        var parsed = AmountParser.Parse(text);
        if (parsed.Success)
        {
            return (parsed.Amount, parsed.Currency);
        }

        var refusal = parsed.Error switch
        {
            AmountParseError.Negative => new Refusal(RefusalCode.AmountNegative),
            AmountParseError.TooLarge => new Refusal(RefusalCode.AmountTooLarge, AmountFormatter.Format(AmountParser.MaxAmount, "CNY", Locales.English)),
            _ => new Refusal(ImportProblemCodes.AmountInvalid, text),
        };
        found.Add(new ImportProblem(row, column, refusal));
        return (null, null);
    }

    private (SalesRep Owner, bool InPool) ReadOwner(string? name, List<ImportProblem> found, int row)
    {
        if (name is null)
        {
            return (importer, false);
        }

        var folded = NameNormalizer.FoldWidth(name).Trim();
        var matches = team.Where(u => string.Equals(NameNormalizer.FoldWidth(u.DisplayName).Trim(), folded, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            return (matches[0], false);
        }

        if (matches.Count == 0 && PoolNames.Contains(folded, StringComparer.OrdinalIgnoreCase))
        {
            return (importer, true);
        }

        found.Add(matches.Count == 0
            ? new ImportProblem(row, DealColumn.Owner, new Refusal(ImportProblemCodes.OwnerUnknown, name))
            : new ImportProblem(row, DealColumn.Owner, new Refusal(ImportProblemCodes.OwnerAmbiguous, name, matches.Count.ToString(CultureInfo.InvariantCulture))));
        return (importer, false);
    }

    private DateTimeOffset? ReadDate(string text, List<ImportProblem> found, int row)
    {
        var zone = importer.TimeZone;
        DateTimeOffset? value = null;
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            value = exact.ToUniversalTime();
        }
        else if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = FromWallTime(local, zone);
        }
        else if (DateTime.TryParseExact(text, DateOnlyFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            value = FromWallTime(day.Date + DateExpressionParser.DefaultTimeOfDay.ToTimeSpan(), zone);
        }
        else
        {
            // "下周一", "tomorrow 3pm", "12月1日": what the chat understands. A date already past is still a date here:
            // an overdue next step is part of the data being imported.
            var parsed = DateExpressionParser.Parse(text, now, zone);
            if (!parsed.IsDate)
            {
                found.Add(new ImportProblem(row, DealColumn.NextStepDue, new Refusal(ImportProblemCodes.DateInvalid, text)));
                return null;
            }

            value = parsed.Value;
        }

        if (value > now.AddYears(DateExpressionParser.MaxYearsAhead))
        {
            found.Add(new ImportProblem(row, DealColumn.NextStepDue, new Refusal(ImportProblemCodes.DateTooFar, text)));
            return null;
        }

        return value;
    }

    private static bool HasOffset(string text) =>
        text.Length > 10 && (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'));

    private static DateTimeOffset FromWallTime(DateTime wall, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1); // skipped by a DST change: moved forward, as the chat does
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }

    private (string? Reason, string? Note) ReadLoss(StageDefinition stage, string? reasonText, string? note, List<ImportProblem> found, int row)
    {
        var reasons = string.Join(", ", settings.LossReasons.Select(r => r.Code));
        if (stage.Code != PipelineDefinition.LostCode)
        {
            if (reasonText is not null)
            {
                found.Add(new ImportProblem(row, DealColumn.LossReason, new Refusal(ImportProblemCodes.LossReasonNotLost)));
            }

            return (null, null);
        }

        if (reasonText is null)
        {
            found.Add(new ImportProblem(row, DealColumn.LossReason, new Refusal(ImportProblemCodes.LossReasonRequired, reasons)));
            return (null, null);
        }

        var reason = settings.LossReasons.FirstOrDefault(r =>
            r.Code.Equals(reasonText, StringComparison.OrdinalIgnoreCase) || r.NameEn.Equals(reasonText, StringComparison.OrdinalIgnoreCase) || r.NameZh == reasonText);
        if (reason is null)
        {
            found.Add(new ImportProblem(row, DealColumn.LossReason, new Refusal(ImportProblemCodes.LossReasonUnknown, reasonText, reasons)));
            return (null, null);
        }

        if (reason.NeedsNote && note is null)
        {
            found.Add(new ImportProblem(row, DealColumn.LossNote, new Refusal(RefusalCode.LossNoteRequired)));
        }
        else if (note?.Length > LeadDraft.MaxNoteLength)
        {
            found.Add(new ImportProblem(row, DealColumn.LossNote, new Refusal(RefusalCode.TooLong, "LossNote", LeadDraft.MaxNoteLength.ToString(CultureInfo.InvariantCulture))));
        }

        return (reason.Code, note);
    }

    private static DealColumn ColumnOf(string draftProperty) => draftProperty switch
    {
        nameof(LeadDraft.Account) => DealColumn.Account,
        nameof(LeadDraft.Amount) => DealColumn.Amount,
        nameof(LeadDraft.Currency) => DealColumn.Currency,
        nameof(LeadDraft.ContactName) => DealColumn.Contact,
        nameof(LeadDraft.ContactEmail) => DealColumn.Email,
        nameof(LeadDraft.ContactPhone) => DealColumn.Phone,
        nameof(LeadDraft.DecisionMaker) => DealColumn.DecisionMaker,
        nameof(LeadDraft.NextStep) => DealColumn.NextStep,
        nameof(LeadDraft.NextStepDue) => DealColumn.NextStepDue,
        nameof(ScoreCriterion.CompanySize) => DealColumn.CompanySize,
        nameof(ScoreCriterion.Urgency) => DealColumn.Urgency,
        nameof(ScoreCriterion.DecisionMakerAccess) => DealColumn.DecisionMakerAccess,
        nameof(ScoreCriterion.ProductFit) => DealColumn.ProductFit,
        _ => DealColumn.Title,
    };
}
