namespace OppBot.Domain;

/// <summary>Another instance handled the same message (same dedupe key) first; nothing was saved.</summary>
public sealed class DuplicateMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DuplicateMessageException()
        : base("The message was already handled.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public DuplicateMessageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DuplicateMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
