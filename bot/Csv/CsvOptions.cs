using System.ComponentModel.DataAnnotations;

namespace OppBot.Bot.Csv;

/// <summary>The "Csv" section: CSV import and export, by chat and by API.</summary>
public sealed class CsvOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Csv";

    /// <value>The largest import file, in bytes. Defaults to 10 MB (10485760).</value>
    [Range(1_024, 100L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <value>The most deal rows one import may hold (the header not counted). Defaults to 50,000.</value>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 50_000;

    /// <value>
    /// The address users' browsers reach OppBot at; export links are <c>{PublicBaseUrl}/files/{token}</c>. In production
    /// the bot's public HTTPS address (the host of the Teams messaging endpoint). Defaults to http://localhost:5000.
    /// </value>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <value>How long an export's download link works. Defaults to 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <value>How long a checked import waits for "import confirm". Defaults to 30 minutes.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PendingImportLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Teams' file storage (SharePoint/OneDrive, global and 21Vianet): the download hosts when none are configured.</summary>
    public static IReadOnlyList<string> DefaultDownloadHosts { get; } = ["*.sharepoint.com", "*.sharepoint.cn", "*.sharepoint-df.com", "*.1drv.com"];

    /// <value>
    /// Hosts attachments may be downloaded from (exact, or <c>*.example.com</c> for any subdomain), over HTTPS (plain
    /// HTTP only when the host listed is loopback). Empty (the default): <see cref="DefaultDownloadHosts"/>. (A list is
    /// empty by default because configuration binding appends to a list rather than replacing it.)
    /// </value>
    public List<string> DownloadHosts { get; set; } = [];
}
