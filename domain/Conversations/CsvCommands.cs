namespace OppBot.Domain.Conversations;

/// <summary>Reads the words after "import" / "导入": <c>dry</c>/<c>预览</c>, <c>confirm</c>/<c>确认</c>, <c>anyway</c>/<c>仍然</c>.</summary>
internal static class CsvCommands
{
    private static readonly string[] ConfirmWords = ["confirm", "yes", "确认", "确定"];
    private static readonly string[] AnywayWords = ["anyway", "force", "仍然", "强制", "照样"];

    /// <summary>"import" and "import dry" check; "import confirm" imports what was checked; "anyway" allows duplicates.</summary>
    public static ChatCommand.Import ParseImport(string rest)
    {
        var words = rest.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new ChatCommand.Import(
            Confirm: words.Any(w => ConfirmWords.Contains(w)),
            AllowDuplicates: words.Any(w => AnywayWords.Contains(w)));
    }
}
