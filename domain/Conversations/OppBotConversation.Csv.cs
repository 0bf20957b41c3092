using System.Globalization;
using OppBot.Domain.Imports;

namespace OppBot.Domain.Conversations;

public sealed partial class OppBotConversation
{
    /// <summary>The dialog that holds a checked import until "import confirm".</summary>
    public const string ImportDialog = "csv-import";

    private const int MaxLinesShown = 20;

    private readonly IFileFetcher? _fileFetcher;
    private readonly ITemporaryFileStore? _temporaryFiles;
    private readonly CsvSettings _csv = CsvSettings.Default;

    /// <summary>
    /// The conversation with CSV import and export in chat: <paramref name="fileFetcher"/> reads attached files,
    /// <paramref name="temporaryFiles"/> keeps exports behind download links and checked imports until they are
    /// confirmed. Without them (the other constructor) <c>import</c> and <c>export</c> answer that they are not enabled.
    /// </summary>
    public OppBotConversation(
        IOppBotStore store,
        DomainSettings settings,
        OrganizationSettings organization,
        TimeProvider clock,
        IFileFetcher fileFetcher,
        ITemporaryFileStore temporaryFiles,
        CsvSettings csv)
        : this(store, settings, organization, clock)
    {
        _fileFetcher = fileFetcher ?? throw new ArgumentNullException(nameof(fileFetcher));
        _temporaryFiles = temporaryFiles ?? throw new ArgumentNullException(nameof(temporaryFiles));
        _csv = csv ?? throw new ArgumentNullException(nameof(csv));
    }

    // import / 导入 with a file: the dry run; import confirm / 导入 确认: the real run of the file checked last.
    private async Task ImportAsync(Turn turn, ChatCommand.Import command, CancellationToken ct)
    {
        if (!DealImport.MayImport(turn.User))
        {
            turn.Say("csv.import.notAllowed");
            return;
        }

        if (_fileFetcher is null || _temporaryFiles is null)
        {
            turn.Say("csv.unavailable");
            return;
        }

        if (command.Confirm && turn.Message.Files.Count == 0)
        {
            await ConfirmImportAsync(turn, command.AllowDuplicates, _temporaryFiles, ct);
            return;
        }

        if (turn.Message.Files.FirstOrDefault() is not { } file)
        {
            turn.Say("csv.import.usage");
            return;
        }

        byte[] content;
        switch (await _fileFetcher.FetchAsync(file, _csv.Limits.MaxFileBytes, ct))
        {
            case FileFetchResult.Fetched fetched:
                content = fetched.Content;
                break;
            case FileFetchResult.TooLarge:
                turn.Refuse(new Refusal(ImportProblemCodes.TooLarge, (_csv.Limits.MaxFileBytes / (1024d * 1024d)).ToString("0.#", CultureInfo.InvariantCulture)));
                return;
            default:
                turn.Say("csv.import.fetchFailed", file.Name);
                return;
        }

        var report = await new DealImport(store, settings, _csv.Limits).RunAsync(content, turn.User, ImportMode.DryRun, command.AllowDuplicates, turn.Now, ct);
        if (report.Problems.Count == 0 && report.Rows > 0)
        {
            // Kept for "import confirm": the very bytes that were checked are the ones imported.
            var expires = turn.Now + _csv.PendingImportLifetime;
            var token = await _temporaryFiles.PutAsync(new TemporaryFile(file.Name, "text/csv", content, TemporaryFilePurpose.PendingImport, turn.User.Id, expires), ct);
            RemoveDialog(turn);
            var pending = new DialogState(DialogKey(turn.Message, turn.User), turn.User.Id, ImportDialog, new Dictionary<string, string> { ["token"] = token, ["name"] = file.Name }, expires);
            store.Add(pending);
            turn.Dialog = pending;
        }

        turn.Show(ReportCard(turn, report, file.Name));
    }

    private async Task ConfirmImportAsync(Turn turn, bool allowDuplicates, ITemporaryFileStore temporaryFiles, CancellationToken ct)
    {
        if (turn.Dialog is not { Form: ImportDialog } pending || !pending.Values.TryGetValue("token", out var token))
        {
            turn.Say("csv.import.nothingPending");
            return;
        }

        var file = await temporaryFiles.GetAsync(token, turn.Now, ct);
        if (file is null || file.OwnerId != turn.User.Id || file.Purpose != TemporaryFilePurpose.PendingImport)
        {
            RemoveDialog(turn);
            turn.Say("csv.import.expired");
            return;
        }

        // The deals join this turn's unit of work: they are saved with the reply, or (on any failure) not at all.
        var report = await new DealImport(store, settings, _csv.Limits).RunAsync(file.Content, turn.User, ImportMode.Import, allowDuplicates, turn.Now, ct);
        if (report.Created.Count > 0)
        {
            RemoveDialog(turn);
        }

        turn.Show(ReportCard(turn, report, pending.Values.GetValueOrDefault("name", file.Name)));
    }

    private async Task ExportAsync(Turn turn, CancellationToken ct)
    {
        if (_temporaryFiles is null)
        {
            turn.Say("csv.unavailable");
            return;
        }

        var (content, count) = await new DealExport(store, settings).ExportAsync(turn.User, turn.Locale, ct);
        var file = new TemporaryFile(DealExport.FileName(turn.User, turn.Now), "text/csv; charset=utf-8", content, TemporaryFilePurpose.Export, turn.User.Id, turn.Now + _csv.LinkLifetime);
        var token = await _temporaryFiles.PutAsync(file, ct);
        turn.Say("csv.export.ready", count, _csv.DownloadLink(token), (int)Math.Ceiling(_csv.LinkLifetime.TotalMinutes));
    }

    private Card ReportCard(Turn turn, ImportReport report, string fileName)
    {
        var locale = turn.Locale;
        var facts = new List<CardFact>();
        if (report.Rows > 0)
        {
            facts.Add(new(turn.T("csv.report.rows"), report.Rows.ToString(CultureInfo.InvariantCulture)));
        }

        if (report.Encoding is not null)
        {
            facts.Add(new(turn.T("csv.report.encoding"), report.Encoding));
        }

        if (report.IgnoredColumns.Count > 0)
        {
            facts.Add(new(turn.T("csv.report.ignored"), string.Join(turn.T("list.separator"), report.IgnoredColumns)));
        }

        var sections = new List<CardSection>();
        if (report.Problems.Count > 0)
        {
            sections.Add(new CardSection($"{turn.T("csv.report.problems")} ({report.Problems.Count})", Lines(turn, report.Problems.Select(p => ImportMessages.Problem(locale, p)).ToList())));
        }

        if (report.Duplicates.Count > 0)
        {
            sections.Add(new CardSection($"{turn.T("csv.report.duplicates")} ({report.Duplicates.Count})", Lines(turn, report.Duplicates.Select(d => ImportMessages.Duplicate(locale, d)).ToList())));
        }

        var minutes = (int)Math.Ceiling(_csv.PendingImportLifetime.TotalMinutes);
        var text = report switch
        {
            { Created.Count: > 0 } => turn.T("csv.report.imported", report.Created.Count, report.Created.Min(o => o.Number), report.Created.Max(o => o.Number)),
            { Problems.Count: > 0 } => turn.T("csv.report.fix"),
            { Mode: ImportMode.Import } => turn.T("csv.report.duplicatesBlock", report.Duplicates.Count),
            { Duplicates.Count: > 0, DuplicatesAllowed: false } => turn.T("csv.report.readyDuplicates", report.Rows, report.Duplicates.Count),
            _ => turn.T("csv.report.ready", report.Rows, minutes),
        };
        return new Card
        {
            Title = turn.T(report.Mode == ImportMode.DryRun ? "csv.report.dryTitle" : "csv.report.importTitle", fileName),
            Text = text,
            Facts = facts,
            Sections = sections,
        };
    }

    private static List<string> Lines(Turn turn, IReadOnlyList<string> lines)
    {
        var shown = lines.Take(MaxLinesShown).ToList();
        if (lines.Count > MaxLinesShown)
        {
            shown.Add(turn.T("csv.report.more", lines.Count - MaxLinesShown));
        }

        return shown;
    }
}
