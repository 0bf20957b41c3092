using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using OppBot.Domain;
using OppBot.Domain.Conversations;
using OppBot.Domain.Imports;
using OppBot.Domain.People;

namespace OppBot.Bot.Csv;

/// <summary>
/// CSV over HTTP: <c>POST /api/v1/import</c> (the file as the body, <c>?dryRun=true</c> to only check it),
/// <c>GET /api/v1/export</c> (the caller's visible deals) and <c>GET /files/{token}</c> (an export made in chat, behind
/// its short-lived link). The API endpoints act as the person <see cref="ApiCaller"/> names; problems and headers are in
/// <c>?lang=</c>, else the first <c>Accept-Language</c>, else that person's language. Client mistakes are 4xx problem
/// details, never a 500.
/// </summary>
internal static class CsvEndpoints
{
    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain", "application/octet-stream", "application/vnd.ms-excel"];

    /// <summary>
    /// The report: <c>200</c> for a dry run (problems listed, nothing written) and for an import that created the deals;
    /// <c>422</c> problem details with the same report under <c>report</c> when a real run found problems and wrote nothing.
    /// </summary>
    public static async Task<IResult> ImportAsync(
        HttpContext http,
        [FromQuery] bool? dryRun,
        [FromQuery] bool? allowDuplicates,
        ApiCaller callers,
        IOppBotStore store,
        DomainSettings settings,
        CsvSettings csv,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (await callers(http, cancellationToken) is not { } caller)
        {
            return Unauthorized();
        }

        var locale = LocaleOf(http, caller);
        if (!DealImport.MayImport(caller))
        {
            return Problem(StatusCodes.Status403Forbidden, Strings.Get(locale, "csv.import.notAllowed"));
        }

        if (http.Request.ContentType is { } type
            && !(MediaTypeHeaderValue.TryParse(type, out var media) && CsvMediaTypes.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase)))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, $"Send the CSV file as the body, with Content-Type text/csv (was {type}).");
        }

        var content = await HttpFileFetcher.ReadAtMostAsync(http.Request.Body, csv.Limits.MaxFileBytes, cancellationToken);
        if (content is null)
        {
            var tooLarge = new Refusal(ImportProblemCodes.TooLarge, (csv.Limits.MaxFileBytes / (1024d * 1024d)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
            return Problem(StatusCodes.Status413PayloadTooLarge, Messages.Refusal(locale, tooLarge));
        }

        var mode = dryRun == true ? ImportMode.DryRun : ImportMode.Import;
        var report = await new DealImport(store, settings, csv.Limits).RunAsync(content, caller, mode, allowDuplicates == true, clock.GetUtcNow(), cancellationToken);
        if (report.Created.Count > 0)
        {
            // One save: every deal, its history and its events (and their webhook deliveries), or nothing.
            try
            {
                await store.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                return Problem(StatusCodes.Status409Conflict, Strings.Get(locale, "conflict"));
            }
        }

        Log.CsvImported(loggers.CreateLogger(typeof(CsvEndpoints).FullName!), caller.Id, report.Rows, report.Problems.Count, report.Duplicates.Count, report.Created.Count, mode == ImportMode.DryRun);

        var body = ReportJson.From(report, locale);
        if (mode == ImportMode.Import && report.Created.Count == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Nothing was imported",
                detail: Strings.Get(locale, report.Problems.Count > 0 ? "csv.report.fix" : "csv.report.duplicatesBlock", report.Duplicates.Count),
                extensions: new Dictionary<string, object?> { ["report"] = body });
        }

        return TypedResults.Ok(body);
    }

    /// <summary>The caller's visible deals as CSV (UTF-8 with BOM), headers in the caller's language.</summary>
    public static async Task<IResult> ExportAsync(HttpContext http, ApiCaller callers, IOppBotStore store, DomainSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await callers(http, cancellationToken) is not { } caller)
        {
            return Unauthorized();
        }

        var (content, _) = await new DealExport(store, settings).ExportAsync(caller, LocaleOf(http, caller), cancellationToken);
        return TypedResults.File(content, "text/csv; charset=utf-8", DealExport.FileName(caller, clock.GetUtcNow()));
    }

    /// <summary>An export behind its link; 404 once it expired (or for anything else, so links cannot be probed).</summary>
    public static async Task<IResult> DownloadAsync(string token, HttpContext http, ITemporaryFileStore files, TimeProvider clock, CancellationToken cancellationToken)
    {
        var file = await files.GetAsync(token, clock.GetUtcNow(), cancellationToken);
        if (file is not { Purpose: TemporaryFilePurpose.Export })
        {
            return Problem(StatusCodes.Status404NotFound, "This download link is unknown or has expired. Ask OppBot for a new export.");
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(file.Content, file.ContentType, file.Name);
    }

    /// <summary><c>?lang=</c>, else the first <c>Accept-Language</c>, else the caller's own language.</summary>
    internal static string LocaleOf(HttpContext http, SalesRep caller)
    {
        var asked = http.Request.Query["lang"].FirstOrDefault()
            ?? http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault()?.Value.Value;
        return string.IsNullOrWhiteSpace(asked) ? caller.Locale : Locales.Normalize(asked);
    }

    internal static IResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "An API key is required (Authorization: Bearer <key>).");

    internal static IResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);

    /// <summary>The import report as JSON, every problem with its sentence in the caller's language.</summary>
    internal sealed record ReportJson(
        bool DryRun,
        bool Imported,
        string? Encoding,
        int Rows,
        IReadOnlyList<ProblemJson> Problems,
        IReadOnlyList<DuplicateJson> Duplicates,
        IReadOnlyList<string> IgnoredColumns,
        IReadOnlyList<int> Created)
    {
        public static ReportJson From(ImportReport report, string locale) => new(
            report.Mode == ImportMode.DryRun,
            report.Created.Count > 0,
            report.Encoding,
            report.Rows,
            report.Problems.Select(p => new ProblemJson(p.Row, p.Column?.ToString(), p.Problem.Code, ImportMessages.Problem(locale, p))).ToList(),
            report.Duplicates.Select(d => new DuplicateJson(d.Row, d.Reason.ToString(), d.ExistingNumber, d.SameAsRow, ImportMessages.Duplicate(locale, d))).ToList(),
            report.IgnoredColumns,
            report.Created.Select(o => o.Number).ToList());
    }

    /// <summary>One problem: row (0 for the file), column, code and sentence.</summary>
    internal sealed record ProblemJson(int Row, string? Column, string Code, string Message);

    /// <summary>One possible duplicate.</summary>
    internal sealed record DuplicateJson(int Row, string Reason, int? ExistingNumber, int? SameAsRow, string Message);
}
