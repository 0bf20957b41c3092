using System.Text.Json.Serialization;
using OppBot.Adapters.Teams.Auth;

namespace OppBot.Adapters.Teams.Protocol;

/// <summary>
/// Source-generated System.Text.Json metadata for the wire types: camelCase out, any casing in,
/// nulls omitted (shared/reference §1.1).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ChannelAccount))]
[JsonSerializable(typeof(List<ChannelAccount>))]
[JsonSerializable(typeof(TeamsAddress))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class ProtocolJson : JsonSerializerContext;
