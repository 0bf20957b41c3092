namespace OppBot.Domain.Imports;

/// <summary>Why a temporary file is kept.</summary>
public enum TemporaryFilePurpose
{
    /// <summary>An export waiting to be downloaded through its link.</summary>
    Export,

    /// <summary>An uploaded import that passed its dry run, waiting for "import confirm". Never served for download.</summary>
    PendingImport,
}
