namespace OppBot.Domain.Imports;

/// <summary>
/// The codes of import problems (the <see cref="Refusal.Code"/> of an <see cref="ImportProblem"/>), besides the domain's
/// own <see cref="RefusalCode"/>s that validating a deal can give. Each has a sentence <c>refusal.{code}</c> in both languages.
/// </summary>
public static class ImportProblemCodes
{
    /// <summary>The file is larger than allowed: limit in MB.</summary>
    public const string TooLarge = "csv.too-large";

    /// <summary>An Excel workbook was sent instead of CSV.</summary>
    public const string Workbook = "csv.workbook";

    /// <summary>Neither UTF-8 nor GBK: line of the first bad byte.</summary>
    public const string BadEncoding = "csv.bad-encoding";

    /// <summary>A quoted field is never closed: line it starts on.</summary>
    public const string UnclosedQuote = "csv.unclosed-quote";

    /// <summary>More rows than allowed: limit.</summary>
    public const string TooManyRows = "csv.too-many-rows";

    /// <summary>The file has no header row.</summary>
    public const string Empty = "csv.empty";

    /// <summary>The file has a header but no deal rows.</summary>
    public const string NoRows = "csv.no-rows";

    /// <summary>A required column is missing (the problem's column says which).</summary>
    public const string MissingColumn = "csv.missing-column";

    /// <summary>Two headers name the same column: the second header as written.</summary>
    public const string DuplicateColumn = "csv.duplicate-column";

    /// <summary>A required cell is empty.</summary>
    public const string Required = "csv.required";

    /// <summary>Not an amount: the text.</summary>
    public const string AmountInvalid = "csv.amount-invalid";

    /// <summary>The amount's currency and the currency column disagree: amount's, column's.</summary>
    public const string CurrencyConflict = "csv.currency-conflict";

    /// <summary>No such stage: the text, the valid codes.</summary>
    public const string StageUnknown = "csv.stage-unknown";

    /// <summary>No such lead source: the text.</summary>
    public const string SourceUnknown = "csv.source-unknown";

    /// <summary>Nobody of that name in the importer's team: the name.</summary>
    public const string OwnerUnknown = "csv.owner-unknown";

    /// <summary>Several people of that name in the team: the name, how many.</summary>
    public const string OwnerAmbiguous = "csv.owner-ambiguous";

    /// <summary>Not a date: the text.</summary>
    public const string DateInvalid = "csv.date-invalid";

    /// <summary>A date more than five years ahead: the text.</summary>
    public const string DateTooFar = "csv.date-too-far";

    /// <summary>A next step needs a due time (as in chat).</summary>
    public const string NextStepWithoutDue = "csv.next-step-without-due";

    /// <summary>A due time without a next step.</summary>
    public const string DueWithoutNextStep = "csv.due-without-next-step";

    /// <summary>A lost deal needs a loss reason: the valid reasons.</summary>
    public const string LossReasonRequired = "csv.loss-reason-required";

    /// <summary>No such loss reason: the text, the valid reasons.</summary>
    public const string LossReasonUnknown = "csv.loss-reason-unknown";

    /// <summary>A loss reason on a deal that is not lost.</summary>
    public const string LossReasonNotLost = "csv.loss-reason-not-lost";

    /// <summary>A score that is not a whole number from 0 to 10: the text.</summary>
    public const string ScoreInvalid = "csv.score-invalid";

    /// <summary>Not yes or no: the text.</summary>
    public const string YesNoInvalid = "csv.yes-no-invalid";

    /// <summary>Not a percentage from 0 to 100: the text.</summary>
    public const string DiscountInvalid = "csv.discount-invalid";
}
