using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using OppBot.Domain;
using OppBot.Domain.Integrations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scoring;

namespace OppBot.Bot.Api;

/// <summary>
/// <c>/api/v1/opportunities</c>: list with filters and cursor paging, get, create, update, advance and follow-ups. The
/// key's person is the actor, so chat's visibility and edit rules apply; the changes go through
/// <see cref="OpportunityCommands"/>, so chat's rules and approval policy apply too.
/// </summary>
internal static class OpportunitiesApi
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 200;

    private const string CursorPrefix = "n:";

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/opportunities").WithTags("Opportunities");
        group.MapGet("/", ListAsync).WithName("ListOpportunities")
            .Produces<OpportunityPage>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{number:int}", GetAsync).WithName("GetOpportunity")
            .Produces<OpportunityJson>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateOpportunity")
            .Accepts<CreateOpportunityRequest>("application/json")
            .Produces<OpportunityJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{number:int}", UpdateAsync).WithName("UpdateOpportunity")
            .Accepts<UpdateOpportunityRequest>("application/json")
            .Produces<OpportunityJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{number:int}/advance", AdvanceAsync).WithName("AdvanceOpportunity")
            .Accepts<AdvanceRequest>("application/json")
            .Produces<OpportunityJson>()
            .Produces<ApprovalRequestedJson>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{number:int}/follow-ups", LogFollowUpAsync).WithName("LogFollowUp")
            .Accepts<FollowUpRequest>("application/json")
            .Produces<OpportunityJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>GET /api/v1/opportunities: the visible deals matching every filter given, by number, a page at a time.</summary>
    public static async Task<IResult> ListAsync(
        HttpContext http,
        IOppBotStore store,
        DomainSettings settings,
        TimeProvider clock,
        [FromQuery, System.ComponentModel.Description("A stage code or name (won and lost too).")] string? stage,
        [FromQuery, System.ComponentModel.Description("The owner's id, or \"me\" for the key's own person.")] string? owner,
        [FromQuery] string? team,
        [FromQuery, System.ComponentModel.Description("A, B or C.")] string? grade,
        [FromQuery] string? source,
        [FromQuery, System.ComponentModel.Description("Open, Won or Lost.")] string? status,
        [FromQuery] bool? stalled,
        [FromQuery, System.ComponentModel.Description("ISO 8601; deals changed at or after it.")] string? updatedSince,
        [FromQuery, System.ComponentModel.Description("nextCursor of the previous page.")] string? cursor,
        [FromQuery] int? limit,
        CancellationToken cancellationToken)
    {
        var caller = ApiKeyAuthenticator.Caller(http);
        var now = clock.GetUtcNow();
        var problems = new List<string>();
        var filter = new OpportunityFilter { TeamId = caller.Role == Role.Admin ? NullIfEmpty(team) : caller.TeamId };
        if (stage is not null)
        {
            filter = settings.Pipeline.Find(stage) is { } s ? filter with { StageCode = s.Code } : Fail(filter, $"stage '{stage}' is not a stage: {string.Join(", ", settings.Pipeline.All.Select(x => x.Code))}.");
        }

        if (owner is not null)
        {
            filter = owner.Equals("me", StringComparison.OrdinalIgnoreCase) ? filter with { OwnerId = caller.Id }
                : Guid.TryParse(owner, out var ownerId) ? filter with { OwnerId = ownerId }
                : Fail(filter, "owner must be a person's id or \"me\".");
        }

        Grade? wantedGrade = null;
        if (grade is not null)
        {
            wantedGrade = Parse<Grade>(grade, "grade");
        }

        if (source is not null)
        {
            filter = filter with { Source = Parse<LeadSource>(source, "source") };
        }

        if (status is not null)
        {
            filter = filter with { Status = Parse<OpportunityStatus>(status, "status") };
        }

        if (updatedSince is not null)
        {
            filter = DateTimeOffset.TryParse(updatedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
                ? filter with { UpdatedSince = since }
                : Fail(filter, "updatedSince must be an ISO 8601 date or time, e.g. 2026-11-20T00:00:00Z.");
        }

        if (cursor is not null)
        {
            filter = DecodeCursor(cursor) is { } after ? filter with { AfterNumber = after } : Fail(filter, "cursor is not one this API returned.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            problems.Add($"limit must be between 1 and {MaxLimit}.");
        }

        if (problems.Count > 0)
        {
            return ApiProblems.BadRequest(string.Join(" ", problems));
        }

        // A key outside an admin's scope asking for another team simply sees nothing there.
        if (caller.Role != Role.Admin && team is not null && team != caller.TeamId)
        {
            return TypedResults.Ok(new OpportunityPage([], null));
        }

        // Grade and stalled are computed, not stored: read on in chunks until the page (and one more, to know that there is
        // a next page) is full.
        var size = limit ?? DefaultLimit;
        var found = new List<Opportunity>();
        var chunk = Math.Max(100, size + 1);
        while (found.Count <= size)
        {
            var page = await store.FindOpportunitiesAsync(filter with { Limit = chunk }, cancellationToken);
            found.AddRange(page.Where(o =>
                o.CanRead(caller) &&
                (wantedGrade is null || o.Grade(settings) == wantedGrade) &&
                (stalled is null || o.IsStalled(settings, now) == stalled)));
            if (page.Count < chunk)
            {
                break;
            }

            filter = filter with { AfterNumber = page[^1].Number };
        }

        var items = found.Take(size).ToList();
        var next = found.Count > size ? EncodeCursor(items[^1].Number) : null;
        return TypedResults.Ok(new OpportunityPage(items.Select(o => OpportunityJson.Of(o, settings, now)).ToList(), next));

        OpportunityFilter Fail(OpportunityFilter unchanged, string problem)
        {
            problems.Add(problem);
            return unchanged;
        }

        T? Parse<T>(string text, string name)
            where T : struct, Enum
        {
            if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
            {
                return value;
            }

            problems.Add($"{name} '{text}' must be one of {string.Join(", ", Enum.GetNames<T>())}.");
            return null;
        }
    }

    /// <summary>GET /api/v1/opportunities/{number}: one deal, with its version as the ETag.</summary>
    public static async Task<IResult> GetAsync(int number, HttpContext http, OpportunityCommands commands, DomainSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var o = await commands.FindVisibleAsync(ApiKeyAuthenticator.Caller(http), number, cancellationToken);
        return o is null ? ApiProblems.DealNotFound(number) : Deal(http, o, settings, clock.GetUtcNow());
    }

    /// <summary>POST /api/v1/opportunities[?force=true]: a new deal; open deals of the same customer are a 409 unless forced.</summary>
    public static async Task<IResult> CreateAsync(
        HttpContext http,
        OpportunityCommands commands,
        DomainSettings settings,
        TimeProvider clock,
        [FromQuery, System.ComponentModel.Description("Create even when open deals of the same customer exist (撞单).")] bool? force,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiJson.ReadAsync<CreateOpportunityRequest>(http.Request, null, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        var source = ParseSource(body.Source, errors) ?? LeadSource.Other;
        Required(errors, "account", body.Account);
        Required(errors, "title", body.Title);
        if (body.Amount is null)
        {
            errors["amount"] = ["Required: a JSON number."];
        }

        NextStepPair(errors, body.NextStep, body.NextStepDue);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "Some values are missing or not valid; nothing was created.");
        }

        var draft = new LeadDraft
        {
            Account = body.Account!,
            Title = body.Title!,
            Amount = body.Amount!.Value,
            Currency = string.IsNullOrWhiteSpace(body.Currency) ? null : body.Currency.Trim(),
            Source = source,
            ContactName = body.ContactName,
            ContactEmail = body.ContactEmail,
            ContactPhone = body.ContactPhone,
            DecisionMaker = body.DecisionMaker,
            NextStep = body.NextStep,
            NextStepDue = body.NextStepDue,
            Scorecard = body.Scorecard?.Over(Scorecard.Empty) ?? Scorecard.Empty,
        };
        var now = clock.GetUtcNow();
        var outcome = await commands.CreateAsync(ApiKeyAuthenticator.Caller(http), draft, force ?? false, now, cancellationToken);
        if (outcome is CommandOutcome.Created created)
        {
            SetETag(http, created.Deal);
            return TypedResults.Created($"/api/v1/opportunities/{created.Deal.Number}", OpportunityJson.Of(created.Deal, settings, now));
        }

        return Answer(http, outcome, 0, settings, now);
    }

    /// <summary>PATCH /api/v1/opportunities/{number}: changes the fields given; If-Match (the version) is checked when sent.</summary>
    public static async Task<IResult> UpdateAsync(
        int number,
        HttpContext http,
        OpportunityCommands commands,
        DomainSettings settings,
        TimeProvider clock,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken)
    {
        if (!TryVersion(ifMatch, out var version))
        {
            return ApiProblems.BadRequest("If-Match must be the deal's ETag, e.g. \"3\".");
        }

        var (body, problem) = await ApiJson.ReadAsync<UpdateOpportunityRequest>(http.Request, null, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        var source = ParseSource(body.Source, errors);
        NextStepPair(errors, body.NextStep, body.NextStepDue);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "Some values are not valid; nothing was changed.");
        }

        var caller = ApiKeyAuthenticator.Caller(http);
        var current = await commands.FindVisibleAsync(caller, number, cancellationToken);
        if (current is null)
        {
            return ApiProblems.DealNotFound(number);
        }

        var patch = new OpportunityPatch
        {
            Title = body.Title,
            Account = body.Account,
            Amount = body.Amount,
            Currency = body.Currency,
            QuotedAmount = body.QuotedAmount,
            DiscountPercent = body.DiscountPercent,
            Source = source,
            ContactName = body.ContactName,
            ContactEmail = body.ContactEmail,
            ContactPhone = body.ContactPhone,
            DecisionMaker = body.DecisionMaker,
            Scorecard = body.Scorecard?.Over(current.Scorecard),
        };
        var now = clock.GetUtcNow();
        var next = body.NextStep is { } what && body.NextStepDue is { } due ? (what, due) : ((string, DateTimeOffset)?)null;
        var outcome = await commands.UpdateAsync(caller, number, version, patch, next, now, cancellationToken);
        return Answer(http, outcome, number, settings, now);
    }

    /// <summary>
    /// POST /api/v1/opportunities/{number}/advance: 200 moved, 422 with the missing exit criteria, 202 when the approver
    /// was asked; If-Match is checked when sent.
    /// </summary>
    public static async Task<IResult> AdvanceAsync(
        int number,
        HttpContext http,
        OpportunityCommands commands,
        DomainSettings settings,
        TimeProvider clock,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken)
    {
        if (!TryVersion(ifMatch, out var version))
        {
            return ApiProblems.BadRequest("If-Match must be the deal's ETag, e.g. \"3\".");
        }

        var (body, problem) = await ApiJson.ReadAsync(http.Request, new AdvanceRequest(null, null), cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var now = clock.GetUtcNow();
        var outcome = await commands.AdvanceAsync(ApiKeyAuthenticator.Caller(http), number, body.To, body.Reason, version, now, cancellationToken);
        return Answer(http, outcome, number, settings, now);
    }

    /// <summary>POST /api/v1/opportunities/{number}/follow-ups: logs a follow-up (and optionally sets the next step).</summary>
    public static async Task<IResult> LogFollowUpAsync(int number, HttpContext http, OpportunityCommands commands, DomainSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiJson.ReadAsync<FollowUpRequest>(http.Request, null, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        NextStepPair(errors, body.NextStep, body.NextStepDue);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "Some values are not valid; nothing was logged.");
        }

        var now = clock.GetUtcNow();
        var next = body.NextStep is { } what && body.NextStepDue is { } due ? (what, due) : ((string, DateTimeOffset)?)null;
        var outcome = await commands.LogFollowUpAsync(ApiKeyAuthenticator.Caller(http), number, body.Note ?? string.Empty, next, now, cancellationToken);
        if (outcome is CommandOutcome.Done done)
        {
            SetETag(http, done.Deal);
            return TypedResults.Created($"/api/v1/opportunities/{number}", OpportunityJson.Of(done.Deal, settings, now));
        }

        return Answer(http, outcome, number, settings, now);
    }

    // Every outcome but Created as HTTP.
    private static IResult Answer(HttpContext http, CommandOutcome outcome, int number, DomainSettings settings, DateTimeOffset now) => outcome switch
    {
        CommandOutcome.Done done => Deal(http, done.Deal, settings, now),
        CommandOutcome.NotFound => ApiProblems.DealNotFound(number),
        CommandOutcome.Invalid invalid => ApiProblems.Invalid(invalid.Problems),
        CommandOutcome.Duplicates duplicates => ApiProblems.Problem(
            StatusCodes.Status409Conflict,
            "Open deals of the same customer exist (撞单). Join one of them in chat, or send again with ?force=true.",
            ("matches", duplicates.Matches.Select(m => new DuplicateJson(m.Existing.Number, m.Existing.Account, m.Existing.Title, m.Existing.TeamId, m.Existing.OwnerId, m.Reason.ToString())).ToList())),
        CommandOutcome.NeedsFields needs => ApiProblems.Problem(
            StatusCodes.Status422UnprocessableEntity,
            $"The deal may not move to {needs.Target} yet: {string.Join(", ", needs.Missing)} missing. Set them (PATCH) and advance again.",
            ("target", needs.Target),
            ("missing", needs.Missing.Select(m => m.ToString()).ToList())),
        CommandOutcome.NeedsReason back => ApiProblems.Problem(
            StatusCodes.Status422UnprocessableEntity,
            $"Moving back to {back.Target} needs a reason.",
            ("target", back.Target),
            ("missing", new[] { "reason" })),
        CommandOutcome.ApprovalRequested requested => TypedResults.Accepted(
            $"/api/v1/opportunities/{requested.Approval.Number}",
            new ApprovalRequestedJson(
                requested.Approval.Id,
                requested.Approval.Status.ToString(),
                requested.Approval.Number,
                requested.Approval.FromStage,
                requested.Approval.ToStage,
                requested.Approval.Reason.ToString(),
                requested.Approver.Id,
                requested.Approver.DisplayName)),
        CommandOutcome.Refused refused => ApiProblems.Refused(refused.Why),
        CommandOutcome.VersionMismatch mismatch => ApiProblems.VersionMismatch(mismatch.Current),
        CommandOutcome.Conflict => ApiProblems.Conflict(),
        CommandOutcome.Created created => Deal(http, created.Deal, settings, now),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };

    private static IResult Deal(HttpContext http, Opportunity o, DomainSettings settings, DateTimeOffset now)
    {
        SetETag(http, o);
        return TypedResults.Ok(OpportunityJson.Of(o, settings, now));
    }

    private static void SetETag(HttpContext http, Opportunity o) =>
        http.Response.Headers.ETag = $"\"{o.Version.ToString(CultureInfo.InvariantCulture)}\"";

    // If-Match: "3", W/"3", 3 or * (any version); absent means no check.
    private static bool TryVersion(string? ifMatch, out int? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return true;
        }

        var text = ifMatch.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }

    private static LeadSource? ParseSource(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse<LeadSource>(text, ignoreCase: true, out var source) && !int.TryParse(text, out _))
        {
            return source;
        }

        errors["source"] = [$"'{text}' is not a source: {string.Join(", ", Enum.GetNames<LeadSource>())}."];
        return null;
    }

    private static void Required(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
        }
    }

    // As in the chat's form, a next step comes with its due time (and a due time with its step).
    private static void NextStepPair(Dictionary<string, string[]> errors, string? what, DateTimeOffset? due)
    {
        if (!string.IsNullOrWhiteSpace(what) && due is null)
        {
            errors["nextStepDue"] = ["Required with nextStep."];
        }
        else if (due is not null && string.IsNullOrWhiteSpace(what))
        {
            errors["nextStep"] = ["Required with nextStepDue."];
        }
    }

    private static string EncodeCursor(int number) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + number.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int? DecodeCursor(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return text.StartsWith(CursorPrefix, StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 0
                ? number
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
