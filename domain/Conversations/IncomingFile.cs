namespace OppBot.Domain.Conversations;

/// <summary>
/// A file attached to an incoming message. The adapter only says where it is; the host fetches the bytes through
/// <see cref="Imports.IFileFetcher"/> when a command needs them (an import), so plain messages never download anything.
/// </summary>
/// <param name="Name">The file name as the user sent it (<c>deals.csv</c>).</param>
/// <param name="ContentType">The media type the channel reported (<c>text/csv</c>), or empty when unknown.</param>
/// <param name="DownloadUrl">
/// Where the bytes can be read with a plain GET: for Teams the <c>downloadUrl</c> of a
/// <c>application/vnd.microsoft.teams.file.download.info</c> attachment (pre-authorised, short-lived).
/// </param>
public sealed record IncomingFile(string Name, string ContentType, string DownloadUrl);
