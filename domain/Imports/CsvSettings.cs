namespace OppBot.Domain.Imports;

/// <summary>How CSV import and export work in chat: limits, the download links' base and lifetimes.</summary>
public sealed record CsvSettings
{
    /// <summary>Size limits of an import.</summary>
    public ImportLimits Limits { get; init; } = ImportLimits.Default;

    /// <summary>The address users reach OppBot at; download links are <c>{PublicBaseUrl}/files/{token}</c>. Defaults to http://localhost:5000/.</summary>
    public Uri PublicBaseUrl { get; init; } = new("http://localhost:5000/");

    /// <summary>How long an export's download link works. Defaults to 15 minutes.</summary>
    public TimeSpan LinkLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a checked import waits for "import confirm". Defaults to 30 minutes.</summary>
    public TimeSpan PendingImportLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The defaults.</summary>
    public static CsvSettings Default { get; } = new();

    /// <summary>The download link of a temporary file's token.</summary>
    public Uri DownloadLink(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var root = PublicBaseUrl.AbsoluteUri.EndsWith('/') ? PublicBaseUrl : new Uri(PublicBaseUrl.AbsoluteUri + "/");
        return new Uri(root, "files/" + Uri.EscapeDataString(token));
    }
}
