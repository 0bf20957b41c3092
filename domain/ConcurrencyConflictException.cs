namespace OppBot.Domain;

/// <summary>Someone else changed the same deal (or approval, or dialog) at the same time; nothing was saved.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException()
        : base("The object was changed by someone else at the same time.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
