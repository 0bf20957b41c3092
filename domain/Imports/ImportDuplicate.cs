using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Imports;

/// <summary>
/// A row that looks like a customer someone already works on (撞单), found as the chat finds them: an open deal with
/// the same normalised company, company email domain or phone, or an earlier open row of the same file.
/// </summary>
/// <param name="Row">The spreadsheet row.</param>
/// <param name="Reason">What matched.</param>
/// <param name="ExistingNumber">The existing deal's number, when the match is a deal in OppBot.</param>
/// <param name="ExistingLabel">"华为 · ERP升级" of that deal.</param>
/// <param name="SameAsRow">The earlier row of the file, when the match is in the file itself.</param>
public sealed record ImportDuplicate(int Row, DuplicateReason Reason, int? ExistingNumber, string? ExistingLabel, int? SameAsRow);
