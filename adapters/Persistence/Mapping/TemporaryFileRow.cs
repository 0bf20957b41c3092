using OppBot.Domain.Imports;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>A row of temporary_files: a <see cref="TemporaryFile"/> under the SHA-256 of its token (the token itself is never stored).</summary>
internal sealed class TemporaryFileRow
{
    public required string TokenHash { get; init; }

    public required TemporaryFilePurpose Purpose { get; init; }

    public required string Name { get; init; }

    public required string ContentType { get; init; }

    public required byte[] Content { get; init; }

    public required Guid OwnerId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
