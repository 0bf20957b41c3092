using System.Runtime.CompilerServices;

namespace OppBot.Bot.Tests.Support;

/// <summary>
/// IdentityModel reads its AppContext switches once, when first used. In the host the Teams adapter's
/// InboundTokenValidator sets UpdateConfigAsBlocking before anything touches IdentityModel; in this test assembly
/// TestTokens may use IdentityModel first, so the switch is set when the assembly loads, as in production.
/// </summary>
internal static class IdentityModelSwitches
{
    [ModuleInitializer]
    internal static void Initialize() => AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
}
