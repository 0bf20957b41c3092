using System.Text.Json;
using OppBot.Domain;
using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Bot.Api;

/// <summary>
/// The API's errors as RFC 7807 problem details (<c>application/problem+json</c>), with the domain's sentences in
/// English and the codes clients can branch on as extensions.
/// </summary>
internal static class ApiProblems
{
    /// <summary>401: no key, or not a valid one.</summary>
    public static IResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "A valid API key is required: Authorization: Bearer <key> or X-Api-Key: <key>.");

    /// <summary>404 for a deal that does not exist or is not visible to the key (the two are not told apart).</summary>
    public static IResult DealNotFound(int number) =>
        Problem(StatusCodes.Status404NotFound, $"There is no deal #{number} visible to this key.");

    /// <summary>400 naming what is wrong with a parameter or the body.</summary>
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, detail);

    /// <summary>400 with one message per field (camelCase, as in the JSON).</summary>
    public static IResult Invalid(IReadOnlyList<FieldProblem> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => JsonNamingPolicy.CamelCase.ConvertName(p.Field))
                .ToDictionary(g => g.Key, g => g.Select(p => Messages.Refusal(Locales.English, p.Problem)).ToArray()),
            detail: "Some values are not valid; nothing was changed.");

    /// <summary>412: the If-Match version is not the deal's.</summary>
    public static IResult VersionMismatch(int current) =>
        Problem(StatusCodes.Status412PreconditionFailed, $"The deal changed: it is at version {current}. Read it again and retry.", ("currentVersion", current));

    /// <summary>409: someone changed the deal while the request ran.</summary>
    public static IResult Conflict() =>
        Problem(StatusCodes.Status409Conflict, "Someone else changed the deal at the same time; nothing was saved. Retry.");

    /// <summary>
    /// A refusal of the domain: 404 when the deal is not visible, 403 when the key may not change it, 409 when the
    /// deal's state does not allow it (closed, already there, an approval pending, no approver), 400 for an unknown
    /// stage or bad text, 422 for other business rules. <c>code</c> is the refusal's code.
    /// </summary>
    public static IResult Refused(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var status = refusal.Code switch
        {
            RefusalCode.NotVisible => StatusCodes.Status404NotFound,
            RefusalCode.NotYourDeal or RefusalCode.ManagerOnly or RefusalCode.NotApprover or RefusalCode.OwnApproval => StatusCodes.Status403Forbidden,
            RefusalCode.Closed or RefusalCode.AlreadyInStage or RefusalCode.ApprovalPending or RefusalCode.NoApprover
                or RefusalCode.NotClosed or RefusalCode.NotInPool or RefusalCode.AlreadyInPool or RefusalCode.AlreadyCollaborator => StatusCodes.Status409Conflict,
            RefusalCode.UnknownStage or RefusalCode.TooLong or RefusalCode.NoteRequired or RefusalCode.NextStepRequired
                or RefusalCode.DueInPast or RefusalCode.UnknownLossReason => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return Problem(status, Messages.Refusal(Locales.English, refusal), ("code", refusal.Code));
    }

    /// <summary>A problem with the status's standard title and the given detail and extensions.</summary>
    public static IResult Problem(int status, string detail, params (string Key, object? Value)[] extensions) =>
        TypedResults.Problem(
            statusCode: status,
            detail: detail,
            extensions: extensions.Length == 0 ? null : extensions.ToDictionary(e => e.Key, e => e.Value));
}
