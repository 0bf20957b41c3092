namespace OppBot.Domain.Imports;

/// <summary>A short-lived file: an export behind a download link, or an import waiting for its confirmation.</summary>
/// <param name="Name">The file name offered to the browser.</param>
/// <param name="ContentType">The media type (<c>text/csv; charset=utf-8</c>).</param>
/// <param name="Content">The bytes.</param>
/// <param name="Purpose">Why it is kept.</param>
/// <param name="OwnerId">Who it belongs to.</param>
/// <param name="ExpiresAt">When it is gone.</param>
public sealed record TemporaryFile(string Name, string ContentType, byte[] Content, TemporaryFilePurpose Purpose, Guid OwnerId, DateTimeOffset ExpiresAt);
