using Microsoft.Extensions.Options;
using OppBot.Domain.Webhooks;

namespace OppBot.Bot.Webhooks;

/// <summary>Checks <c>Webhooks:Endpoints</c> at start and names every problem with its key.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <summary>The shortest secret accepted.</summary>
    public const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var key = $"Webhooks:Endpoints:{i}";
            if (string.IsNullOrWhiteSpace(endpoint.Name))
            {
                problems.Add($"{key}:Name is required");
            }
            else if (!names.Add(endpoint.Name.Trim()))
            {
                problems.Add($"{key}:Name '{endpoint.Name}' is used twice");
            }

            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"{key}:Url must be an absolute http or https URL (was '{endpoint.Url}')");
            }

            if (endpoint.Secret.Length < MinSecretLength)
            {
                problems.Add($"{key}:Secret must have at least {MinSecretLength} characters");
            }

            for (var j = 0; j < endpoint.Events.Count; j++)
            {
                if (!WebhookEvents.TryParse(endpoint.Events[j], out _))
                {
                    problems.Add($"{key}:Events:{j} must be one of {string.Join(", ", WebhookEvents.Supported.Select(WebhookEvents.NameOf))} (was '{endpoint.Events[j]}')");
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
