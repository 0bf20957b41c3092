namespace OppBot.Domain.Conversations;

/// <summary>
/// A dialog in progress (a form filled step by step, a lead waiting for the duplicate decision). Stored, not kept
/// in memory, so it survives a restart and works with several instances.
/// </summary>
public sealed class DialogState
{
    private DialogState()
    {
        Key = string.Empty;
        Form = string.Empty;
        Values = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Starts a dialog.</summary>
    public DialogState(string key, Guid userId, string form, IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt)
        : this()
    {
        Key = key;
        UserId = userId;
        Form = form;
        Values = new Dictionary<string, string>(values, StringComparer.Ordinal);
        ExpiresAt = expiresAt;
    }

    /// <summary>The user and conversation the dialog belongs to.</summary>
    public string Key { get; private set; }

    /// <summary>The user.</summary>
    public Guid UserId { get; private set; }

    /// <summary>Which form or dialog.</summary>
    public string Form { get; private set; }

    /// <summary>The values gathered so far.</summary>
    public Dictionary<string, string> Values { get; private set; }

    /// <summary>The index of the field being asked for (step-by-step forms).</summary>
    public int Step { get; private set; }

    /// <summary>When an abandoned dialog expires.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Moves to another step, keeping the values, and extends the expiry.</summary>
    public void Advance(int step, IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(values);
        Step = step;
        Values = new Dictionary<string, string>(values, StringComparer.Ordinal);
        ExpiresAt = expiresAt;
        Version++;
    }
}
