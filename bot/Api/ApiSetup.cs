using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OppBot.Bot.Csv;
using OppBot.Domain.Integrations;

namespace OppBot.Bot.Api;

/// <summary>
/// The REST API under <c>/api/v1</c> (deals and reports) for integrations, authenticated by per-integration API keys,
/// and its OpenAPI document at <c>/openapi/v1.json</c>.
/// </summary>
public static class ApiSetup
{
    /// <summary>The OpenAPI document's name: <c>/openapi/v1.json</c>.</summary>
    public const string DocumentName = "v1";

    /// <summary>The security schemes the OpenAPI document declares.</summary>
    public const string BearerScheme = "Bearer";

    /// <inheritdoc cref="BearerScheme"/>
    public const string HeaderScheme = "ApiKey";

    /// <summary>
    /// Registers the key authenticator (also as the <see cref="ApiCaller"/> of the CSV and webhook endpoints, so every
    /// <c>/api/v1</c> endpoint takes the same keys), <see cref="OpportunityCommands"/> per request, and the OpenAPI
    /// document of the <c>/api/v1</c> endpoints with both ways of sending a key.
    /// </summary>
    public static WebApplicationBuilder AddOppBotApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ApiCaller>(provider => provider.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync);
        services.AddScoped<OpportunityCommands>();
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "OppBot API",
                    Version = DocumentName,
                    Description = "Deals (商机) and pipeline reports for integrations. Every request carries an API key made by an admin " +
                        "in chat (apikey create <name> <Rep|Manager> <team>), as Authorization: Bearer <key> or X-Api-Key: <key>. " +
                        "Errors are RFC 7807 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Authorization: Bearer opb_…",
                };
                document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticator.HeaderName,
                    Description = "X-Api-Key: opb_…",
                };

                // Either scheme will do: two requirements are alternatives.
                document.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
                ];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>Maps <c>/api/v1/opportunities…</c>, <c>/api/v1/reports/…</c> (behind the key filter) and <c>/openapi/v1.json</c>.</summary>
    public static WebApplication MapOppBotApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/v1")
            .AddEndpointFilter<ApiKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        OpportunitiesApi.Map(api);
        ReportsApi.Map(api);
        return app;
    }
}
