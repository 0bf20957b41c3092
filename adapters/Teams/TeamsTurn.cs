using Microsoft.Extensions.DependencyInjection;
using OppBot.Domain.Conversations;

namespace OppBot.Adapters.Teams;

/// <summary>
/// How the endpoint runs a turn: by default the host's scoped <see cref="OppBotConversation"/>, resolved from the
/// request's services. A delegate rather than an interface: it exists so endpoint tests can run a scripted turn.
/// </summary>
public delegate Task<TurnResult> TeamsTurn(IServiceProvider requestServices, IncomingMessage message, CancellationToken cancellationToken);

internal static class TeamsTurns
{
    public static Task<TurnResult> Conversation(IServiceProvider requestServices, IncomingMessage message, CancellationToken cancellationToken) =>
        requestServices.GetRequiredService<OppBotConversation>().HandleAsync(message, cancellationToken);
}
